import { Text } from 'ink';
import { keyLabel, type Binding } from '../input/bindings.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import type { Translate } from '../i18n/translate.js';

const SEPARATOR = ' · ';

/**
 * The hint line, made from the bindings in force: as many as fit whole, in the tables' order (in
 * their short words when the long ones do not fit), and always the help key, which lists the rest.
 * Nothing is cut.
 */
export function hintLine(bindings: Binding[], t: Translate, columns: number): string {
  const say = (b: Binding) => `${keyLabel(b, t)} ${t(b.hint!)}`;
  const sayShort = (b: Binding) => (b.short ? `${b.short.label ?? keyLabel(b, t)} ${t(b.short.hint)}` : null);
  const help = bindings.find((b) => b.command === 'help');
  const tail = help ? say(help) : '';
  const room = columns - 1 - (tail ? tail.length + SEPARATOR.length : 0);
  const offered = bindings.filter((b) => b !== help && b.hint !== null && !b.quiet);
  const full = offered.map(say);
  // when the long words do not all fit, every key that has short words uses them
  const words = full.join(SEPARATOR).length <= room ? full : offered.map((b) => sayShort(b) ?? say(b));
  const parts: string[] = [];
  let used = 0;
  for (const part of words) {
    const cost = part.length + (parts.length ? SEPARATOR.length : 0);
    if (used + cost > room) continue;
    parts.push(part);
    used += cost;
  }
  if (tail) parts.push(tail);
  return parts.join(SEPARATOR);
}

export function KeyHints({ bindings }: { bindings: Binding[] }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  return (
    <Text color={theme.dim} dimColor={!theme.dim} wrap="truncate">
      {hintLine(bindings, t, columns)}
    </Text>
  );
}
