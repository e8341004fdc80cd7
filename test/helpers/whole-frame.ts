import { expect } from 'vitest';

/** Nothing cut (no line ends in …), nothing wider than the terminal, nothing below its last row. */
export function expectWhole(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) {
    expect(line.trimEnd(), line).not.toMatch(/…$/);
    expect([...line].length, line).toBeLessThanOrEqual(columns);
  }
}
