import { Text } from 'ink';
import type { Theme } from '../theme.js';

/** The scan/typing field; GS (0x1D) from a GS1 scan is shown as ␝ so the operator sees it arrived. */
export function InputLine({ label, value, theme }: { label: string; value: string; theme: Theme }) {
  return (
    <Text wrap="truncate-start">
      <Text color={theme.accent} bold>
        {label} ›{' '}
      </Text>
      {value.replace(/\x1d/g, '␝')}
      <Text inverse>{' '}</Text>
    </Text>
  );
}
