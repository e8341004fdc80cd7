import { Box, Text } from 'ink';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
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

/** The window of `visibleWindow` in `height` rows less those its `+N` signs take (one above, one below, each only when rows are hidden there). */
export function countedWindow(heights: number[], selected: number, height: number): { start: number; end: number } {
  let signs = 0;
  let window = visibleWindow(heights, selected, Math.max(1, height));
  for (;;) {
    const needed = (window.start > 0 ? 1 : 0) + (window.end < heights.length ? 1 : 0);
    if (needed <= signs) return window;
    signs = needed;
    window = visibleWindow(heights, selected, Math.max(1, height - signs));
  }
}

/**
 * A keyboard list: the pointer symbol marks the choice, so it shows without colour too; long rows wrap.
 * `counted`: the rows hidden above and below the window are counted on a `+N` line each.
 */
export function ChoiceList({ items, selected, height, counted = false }: { items: string[]; selected: number; height: number; counted?: boolean }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const width = columns - 2;
  const heights = items.map((item) => rowsOf(item, width));
  const { start, end } = counted ? countedWindow(heights, selected, height) : visibleWindow(heights, selected, Math.max(1, height));
  return (
    <Box flexDirection="column">
      {counted && start > 0 ? <Text dimColor>{t('list.above', { n: start })}</Text> : null}
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
      {counted && end < items.length ? <Text dimColor>{t('list.more', { n: items.length - end })}</Text> : null}
    </Box>
  );
}
