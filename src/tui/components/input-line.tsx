import { Text } from 'ink';
import { useTheme } from '../context/terminal-context.js';

/**
 * The scan/typing field after a label that says what to type; GS (0x1D) from a GS1 scan is shown
 * as ␝ so the operator sees it arrived. The end of a long entry stays in view.
 */
export function InputLine({ label, value }: { label: string; value: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-start">
      <Text color={theme.accent} bold>
        {label} ›{' '}
      </Text>
      {value.replace(/\x1d/g, '␝')}
      <Text inverse> </Text>
    </Text>
  );
}
