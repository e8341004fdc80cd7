import { readlinkSync } from 'node:fs';
import { canonicalTimeZone } from '../domain/site-time.js';

/**
 * The IANA name of this machine's time zone: `TZ` when it names one, else the zone
 * `/etc/localtime` links to (`/usr/share/zoneinfo/Europe/Paris`, as `timedatectl` sets it), else
 * the runtime's own. Read in that order because asking the runtime (`Intl.DateTimeFormat`) loads
 * ICU's zone data: about 8 MB of a process's memory for one name.
 */
export function machineTimeZone(env: NodeJS.ProcessEnv = process.env, localtime = '/etc/localtime'): string {
  const fromTz = env.TZ ? canonicalTimeZone(env.TZ.replace(/^:/, '')) : null;
  if (fromTz) return fromTz;
  let linked: string | undefined;
  try {
    linked = /zoneinfo\/(.+)$/.exec(readlinkSync(localtime))?.[1];
  } catch {
    // not a link (a copied file), or not there
  }
  const fromLink = linked ? canonicalTimeZone(linked) : null;
  return fromLink ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
