import { Text } from 'ink';
import { useTerminalSize, useTheme } from '../context/terminal-context.js';

/**
 * The scan/typing field after a label that says what to type; GS (0x1D) from a GS1 scan is shown
 * as ␝ so the operator sees it arrived. The end of a long entry stays in view.
 */
export function InputLine({ label, value }: { label: string; value: string }) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const shown = [...value.replace(/\x1d/g, '␝')];
  // the label always whole; of a long entry, its end (what was typed last), marked as cut at its start
  const room = Math.max(2, columns - 1 - [...label].length - 3 - 1);
  const tail = shown.length > room ? `…${shown.slice(shown.length - room + 1).join('')}` : shown.join('');
  return (
    <Text wrap="truncate">
      <Text color={theme.accent} bold>
        {label} ›{' '}
      </Text>
      {tail}
      <Text inverse> </Text>
    </Text>
  );
}
