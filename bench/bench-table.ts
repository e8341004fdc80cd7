import type { BenchRow } from './percentiles.js';

const COLUMNS: { title: string; cell: (row: BenchRow) => string; right?: boolean }[] = [
  { title: 'benchmark', cell: (r) => r.name },
  { title: 'value', cell: (r) => r.value, right: true },
  { title: 'floor', cell: (r) => r.floor ?? '', right: true },
  { title: 'ratio', cell: (r) => r.ratio ?? '', right: true },
  { title: 'goal', cell: (r) => r.goal ?? '' },
  { title: 'met', cell: (r) => (r.met === undefined ? '' : r.met ? '✔' : '✘') },
];

/** `rows` as a plain-text table, one row a line: benchmark, value, floor, ratio, goal, met (✔/✘). */
export function formatBenchTable(rows: BenchRow[]): string {
  const cells = [COLUMNS.map((c) => c.title), ...rows.map((row) => COLUMNS.map((c) => c.cell(row)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((cell, i) => (COLUMNS[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}
