import { Box } from 'ink';
import { useT, useTerminalSize } from '../context/terminal-context.js';
import { WrappedText, rowsOf } from './wrapped-text.js';

export interface Row {
  key: string;
  text: string;
  color?: string | undefined;
  bold?: boolean;
}

/** How many rows of `rows` fit whole in `height` lines, keeping one for the `+N` line when not all do. */
export function rowsThatFit(texts: string[], width: number, height: number): number {
  const heights = texts.map((text) => rowsOf(text, width));
  const total = heights.reduce((sum, h) => sum + h, 0);
  if (total <= height) return texts.length;
  let used = 0;
  let count = 0;
  while (count < heights.length && used + heights[count]! <= height - 1) used += heights[count++]!;
  return count;
}

/**
 * Rows of a document (lines, items, levels), each wrapped whole; what does not fit is counted on
 * a last `+N` line rather than lost below the edge. `latest`: the last rows are the ones shown.
 */
export function RowList({ rows, height, latest = false }: { rows: Row[]; height: number; latest?: boolean }) {
  const t = useT();
  const { columns } = useTerminalSize();
  const ordered = latest ? [...rows].reverse() : rows;
  const shown = rowsThatFit(
    ordered.map((r) => r.text),
    columns - 1,
    Math.max(1, height),
  );
  const visible = ordered.slice(0, shown);
  const hidden = rows.length - shown;
  const more = hidden > 0 ? <WrappedText dimColor>{t(latest ? 'list.earlier' : 'list.more', { n: hidden })}</WrappedText> : null;
  return (
    <Box flexDirection="column">
      {latest ? more : null}
      {(latest ? visible.reverse() : visible).map((row) => (
        <WrappedText key={row.key} color={row.color} bold={row.bold ?? false}>
          {row.text}
        </WrappedText>
      ))}
      {latest ? null : more}
    </Box>
  );
}
