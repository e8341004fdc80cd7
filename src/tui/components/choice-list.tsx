import { Box, Text } from 'ink';
import type { Theme } from '../theme.js';

/** A keyboard list: the pointer symbol marks the choice, so it shows without colour too. */
export function ChoiceList({ items, selected, height, theme }: { items: string[]; selected: number; height: number; theme: Theme }) {
  const visible = Math.max(1, height);
  const start = Math.min(Math.max(0, selected - visible + 1), Math.max(0, items.length - visible));
  return (
    <Box flexDirection="column">
      {items.slice(start, start + visible).map((item, i) => {
        const index = start + i;
        const active = index === selected;
        return (
          <Text key={index} color={active ? theme.accent : undefined} bold={active} wrap="truncate">
            {active ? theme.symbols.pointer : ' '} {item}
          </Text>
        );
      })}
    </Box>
  );
}
