import { Box, Text } from 'ink';
import { useTerminalSize, useTheme } from '../context/terminal-context.js';
import { rowsOf, wrapWords } from './wrapped-text.js';

/** The rows shown so that the selected one is always whole on screen, each item wrapped, never cut. */
function visibleWindow(heights: number[], selected: number, height: number): { start: number; end: number } {
  let start = Math.min(Math.max(0, selected), Math.max(0, heights.length - 1));
  let end = start + 1;
  let used = heights[start] ?? 0;
  while (start > 0 && used + heights[start - 1]! <= height) used += heights[--start]!;
  while (end < heights.length && used + heights[end]! <= height) used += heights[end++]!;
  return { start, end };
}

/** A keyboard list: the pointer symbol marks the choice, so it shows without colour too; long rows wrap. */
export function ChoiceList({ items, selected, height }: { items: string[]; selected: number; height: number }) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const width = columns - 2;
  const { start, end } = visibleWindow(items.map((item) => rowsOf(item, width)), selected, Math.max(1, height));
  return (
    <Box flexDirection="column">
      {items.slice(start, end).map((item, i) => {
        const active = start + i === selected;
        return (
          <Box key={start + i}>
            <Text color={active ? theme.accent : undefined} bold={active}>
              {active ? theme.symbols.pointer : ' '}{' '}
            </Text>
            <Box width={width}>
              <Text color={active ? theme.accent : undefined} bold={active} wrap="wrap">
                {wrapWords(item, width).join('\n')}
              </Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
