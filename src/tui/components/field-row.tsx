import { Box, Text } from 'ink';
import { useTerminalSize, useTheme } from '../context/terminal-context.js';

/**
 * A labelled value: the label on the left at 80 columns, above nothing on a handheld (where the
 * pointer and order say what the row is); a long value wraps, never cut.
 */
export function FieldRow({ label, value, active = false }: { label: string; value: string; active?: boolean }) {
  const theme = useTheme();
  const { compact, columns } = useTerminalSize();
  const labelWidth = compact ? 0 : 13;
  return (
    <Box>
      <Text bold={active} color={active ? theme.accent : undefined}>
        {active ? theme.symbols.pointer : ' '}{' '}
      </Text>
      {compact ? null : (
        <Box width={labelWidth} flexShrink={0}>
          <Text bold={active} color={active ? theme.accent : undefined}>
            {label}
          </Text>
        </Box>
      )}
      <Box width={Math.max(1, columns - 2 - labelWidth)}>
        <Text bold={active} color={active ? theme.accent : undefined} wrap="wrap">
          {value}
        </Text>
      </Box>
    </Box>
  );
}
