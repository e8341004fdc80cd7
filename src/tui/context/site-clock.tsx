import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** The clock of the terminal (ms since the epoch) and the site's IANA time zone, for times read relative to now. */
export interface SiteClock {
  clock: () => number;
  timeZone: string;
}

/** The terminal machine's own zone: the site's while an agent too old to say it is on the other end. */
export const terminalTimeZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone;

const SiteClockContext = createContext<SiteClock>({ clock: Date.now, timeZone: terminalTimeZone() });

/** Gives `clock` and `timeZone` to the screens under it. */
export function SiteClockProvider({ clock, timeZone, children }: SiteClock & { children: ReactNode }) {
  return <SiteClockContext.Provider value={{ clock, timeZone }}>{children}</SiteClockContext.Provider>;
}

/**
 * Now (ms since the epoch, read at each drawing) and the site's time zone; the caller draws again every `everyMs` (30 s)
 * so that "il y a 3 min" does not stay 3 minutes for ever on a screen left open.
 */
export function useSiteNow(everyMs = 30_000): { now: number; timeZone: string } {
  const { clock, timeZone } = useContext(SiteClockContext);
  const [, setTicks] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTicks((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return { now: clock(), timeZone };
}
