import { Box, Text } from 'ink';
import { useTerminalSize } from '../context/terminal-context.js';

// A 3-row block font for the figure an operator reads from a step away.
const GLYPHS: Record<string, [string, string, string]> = {
  '0': ['█▀█', '█ █', '▀▀▀'],
  '1': [' ▀█', '  █', '  ▀'],
  '2': ['▀▀█', '█▀▀', '▀▀▀'],
  '3': ['▀▀█', ' ▀█', '▀▀▀'],
  '4': ['█ █', '▀▀█', '  ▀'],
  '5': ['█▀▀', '▀▀█', '▀▀▀'],
  '6': ['█▀▀', '█▀█', '▀▀▀'],
  '7': ['▀▀█', '  █', '  ▀'],
  '8': ['█▀█', '█▀█', '▀▀▀'],
  '9': ['█▀█', '▀▀█', '▀▀▀'],
  '/': ['  █', ' █ ', '▀  '],
  '.': [' ', ' ', '▀'],
  // a comma hangs below the line where a point sits on it: 1,127 kg is not read 1.127
  ',': [' ', ' ', '▜'],
  '-': ['   ', '▀▀▀', '   '],
  '+': ['   ', '▄█▄', ' ▀ '],
  '=': ['   ', '▀▀▀', '▀▀▀'],
  ' ': [' ', ' ', ' '],
};

/** The figure in block letters, or null when it has a character the font lacks. */
export function bigText(text: string): string[] | null {
  const glyphs = [...text].map((char) => GLYPHS[char]);
  if (glyphs.some((g) => !g)) return null;
  return [0, 1, 2].map((row) => glyphs.map((g) => g![row]).join(' '));
}

/**
 * A screen's key figure (quantity left, a weight): three rows high when the terminal has room,
 * one bold row on a handheld; `suffix` (a unit, a word) stays in plain letters beside it.
 */
export function BigFigure({ text, suffix, color, label }: { text: string; suffix?: string; color?: string | undefined; label?: string }) {
  const { compact, columns } = useTerminalSize();
  const big = compact ? null : bigText(text);
  const tail = suffix ? ` ${suffix}` : '';
  if (!big || [...big[0]!].length + tail.length + (label?.length ?? 0) + 2 > columns) {
    return (
      <Text bold color={color} wrap="wrap">
        {label ? `${label} ` : ''}
        {text}
        {tail}
      </Text>
    );
  }
  return (
    <Box>
      {label ? <Text>{label} </Text> : null}
      <Box flexDirection="column">
        {big.map((row, i) => (
          <Text key={i} bold color={color}>
            {row}
            {i === 2 ? tail : ''}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
