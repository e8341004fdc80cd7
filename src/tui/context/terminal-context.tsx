import { useStdout } from 'ink';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

/** The terminal's size in cells; `compact` below 60 columns or 20 rows (the 40x16 handhelds). */
export interface TerminalSize {
  columns: number;
  rows: number;
  compact: boolean;
}

const sizeOf = (columns: number, rows: number): TerminalSize => ({ columns, rows, compact: columns < 60 || rows < 20 });

interface TerminalContextValue {
  t: Translate;
  theme: Theme;
  size: TerminalSize;
}

const TerminalContext = createContext<TerminalContextValue | null>(null);

function useTerminalContext(): TerminalContextValue {
  const value = useContext(TerminalContext);
  if (!value) throw new Error('a screen rendered outside TerminalProvider');
  return value;
}

/** The operator's language. */
export const useT = (): Translate => useTerminalContext().t;
/** Colours and the symbols that carry meaning without them. */
export const useTheme = (): Theme => useTerminalContext().theme;
/** The terminal's size, following resizes. */
export const useTerminalSize = (): TerminalSize => useTerminalContext().size;

/** Translator, theme and the terminal's live size for every component under it. */
export function TerminalProvider({ t, theme, children }: { t: Translate; theme: Theme; children: ReactNode }) {
  const { stdout } = useStdout();
  const read = () => sizeOf(stdout.columns || 80, stdout.rows || 24);
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return <TerminalContext.Provider value={{ t, theme, size }}>{children}</TerminalContext.Provider>;
}
