import { Text } from 'ink';
import { keyLabel, type Binding } from '../input/bindings.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import type { Translate } from '../i18n/translate.js';

const SEPARATOR = ' · ';

/**
 * The hint line, made from the bindings in force: as many as fit whole, in the tables' order, and
 * always the help key, which lists the rest. Nothing is cut.
 */
export function hintLine(bindings: Binding[], t: Translate, columns: number): string {
  const say = (b: Binding) => `${keyLabel(b, t)} ${t(b.hint!)}`;
  const help = bindings.find((b) => b.command === 'help');
  const tail = help ? say(help) : '';
  const room = columns - 1 - (tail ? tail.length + SEPARATOR.length : 0);
  const parts: string[] = [];
  let used = 0;
  for (const binding of bindings) {
    if (binding === help || binding.hint === null) continue;
    const part = say(binding);
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
