import { appendFileSync } from 'node:fs';
import { bigText } from '../../src/tui/components/big-figure.js';
import type { TmuxTerminal } from './tmux.js';
import { waitFor } from './wait-for.js';

/**
 * Reading the TUI's frames as an operator reads them, for e2e tests: the input line (whatever its
 * label: `Scan ›`, `Badge ou code ›`, `Qté à ajouter (u.) ›`, `N° de suivi ›`...), the message
 * above it (wrapped over several rows on a handheld), the key figure in block letters, and the
 * frame's own defects (a line cut with `…`, a line wider than the terminal).
 *
 * TmuxTerminal.typeAndSettle/feedbackLine only know the labels `Scan`, `Qté`, `Qty`, `Code`; these
 * helpers take any label (the input line is the last one with ` ›`).
 */

const INPUT = /^(\S[^›·]*?) ›(?: (.*))?$/;

/** The input line: its index, label and what is typed in it (the cursor is a trailing space). */
export function inputLine(screen: string): { index: number; label: string; value: string } | undefined {
  const lines = screen.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = INPUT.exec(lines[i]!.trimEnd());
    if (match) return { index: i, label: match[1]!, value: (match[2] ?? '').trim() };
  }
  return undefined;
}

/** The message above the input line, all its rows (up to the blank row that ends the body). */
export function feedbackOf(screen: string): string {
  const lines = screen.split('\n');
  const input = inputLine(screen);
  if (!input) return '';
  const rows: string[] = [];
  // the status bar and the scale line are never part of it
  for (let i = input.index - 1; i >= 2 && lines[i]!.trim() !== ''; i--) rows.unshift(lines[i]!.trimEnd());
  return rows.join('\n');
}

/** Types something (Enter unless told) and waits until the terminal has answered: a new message, the input empty. */
export async function settle(terminal: TmuxTerminal, text: string, enter = true, timeoutMs = 10_000): Promise<string> {
  const before = feedbackOf(await terminal.screen());
  await terminal.type(text, enter);
  let last = '';
  return waitFor(
    async () => {
      last = await terminal.screen();
      const input = inputLine(last);
      return input && input.value === '' && feedbackOf(last) !== before ? last : '';
    },
    () => `an answer to "${text}"; screen was:\n${last}`,
    timeoutMs,
  );
}

const BLOCKS = /[█▀▄]/;
const FIGURE_CHARS = [...'0123456789/.,-+=', ' '];
const GLYPHS = new Map(FIGURE_CHARS.map((c) => [c, bigText(c)!] as const));

/** Decodes block letters from column `at` of three rows: the longest run of glyphs, each followed by a space. */
function decodeFrom(rows: string[], at: number): { text: string; end: number } {
  let best = { text: '', end: at };
  if (rows.every((row) => at >= [...row].length)) return best;
  for (const [char, glyph] of GLYPHS) {
    const width = [...glyph[0]!].length;
    if (!glyph.every((row, r) => [...rows[r]!].slice(at, at + width).join('').padEnd(width) === row)) continue;
    const rest = decodeFrom(rows, at + width + 1);
    const text = char + rest.text;
    // a blank glyph counts only between two others: the figure ends at the last block letter
    if (rest.text === '' && char === ' ') continue;
    if (text.length > best.text.length) best = { text, end: rest.text ? rest.end : at + width };
  }
  return best;
}

/**
 * The key figure in block letters (80x24): three rows in a row with block characters, read as the
 * TUI's font writes them; `label` is what is left of it on the first row, `suffix` what follows it
 * on the last (a unit, `reste 4`, `× P000001`). Undefined when the screen has none.
 */
export function readBigFigure(screen: string): { text: string; label: string; suffix: string } | undefined {
  const lines = screen.split('\n');
  for (let i = 0; i + 2 < lines.length; i++) {
    const rows = [lines[i]!, lines[i + 1]!, lines[i + 2]!].map((r) => [...r]);
    if (!rows.every((r) => r.some((c) => BLOCKS.test(c)))) continue;
    const first = Math.min(...rows.map((r) => r.findIndex((c) => BLOCKS.test(c))));
    // a glyph may start with blank columns ('1' is ` ▀█`): try the columns just before the first block
    for (let start = Math.max(0, first - 2); start <= first; start++) {
      if (rows.some((r) => r.slice(start, first).some((c) => c !== ' '))) continue;
      const { text, end } = decodeFrom(rows.map((r) => r.join('')), start);
      if (!text || rows.some((r) => r.slice(end, end + 1).some((c) => BLOCKS.test(c)))) continue;
      // every block character of the three rows must belong to the figure
      if (rows.some((r) => r.slice(end).some((c) => BLOCKS.test(c)))) continue;
      return { text: text.trim(), label: rows[0]!.slice(0, start).join('').trim(), suffix: rows[2]!.slice(end).join('').trim() };
    }
  }
  return undefined;
}

/** Every look at the screen a test makes can be checked for this: nothing cut, nothing wider than the terminal. */
export function frameDefects(joinedLines: string[], size: { columns: number; rows: number }): string[] {
  const defects: string[] = [];
  joinedLines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.endsWith('…')) defects.push(`line ${i + 1} is cut: ${JSON.stringify(line)}`);
    const width = [...line].length;
    if (width > size.columns) defects.push(`line ${i + 1} is ${width} wide (> ${size.columns}): ${JSON.stringify(line)}`);
  });
  return defects;
}

/**
 * The pane's lines with the rows the terminal wrapped joined back (tmux `capture-pane -J`): a line
 * wider than the terminal shows whole, longer than the width. Runs on the terminal's own control
 * client (its `command` is private to tmux.ts: a tmux process per look is what it avoids).
 */
export async function joinedLines(terminal: TmuxTerminal): Promise<string[]> {
  const control = terminal as unknown as { command(line: string): Promise<string[]> };
  return control.command(`capture-pane -p -J -t ${terminal.name}`);
}

/**
 * The screen as one line of words, its rows joined by a space and runs of spaces made one: a
 * sentence the terminal wrapped reads whole again (a wrapped row may start with the space it
 * broke at).
 */
export function flat(screen: string): string {
  return screen
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/ {2,}/g, ' ');
}

/**
 * A terminal whose every frame a test looks at is checked (`frameDefects`, and no row the terminal
 * had to wrap): the defects are kept with the frame they were seen in, for the test to assert
 * at its end, so that one run says all of them. QUAI_E2E_FRAMES=<file> appends every frame seen.
 */
export class CheckedTerminal {
  readonly defects: string[] = [];
  /** The last frame seen under each name a test gave it. */
  readonly seen = new Map<string, string>();
  frames = 0;
  private last = '';

  constructor(
    readonly terminal: TmuxTerminal,
    readonly size: { columns: number; rows: number },
  ) {}

  /** The frame now, its wrapped rows joined; checked. */
  async look(what = 'frame'): Promise<string> {
    const lines = await joinedLines(this.terminal);
    const screen = lines.map((l) => `${l.trimEnd()}\n`).join('');
    this.last = screen;
    this.check(lines, screen, what);
    return screen;
  }

  private check(lines: string[], screen: string, what: string): void {
    this.frames++;
    this.seen.set(what, screen);
    const defects = frameDefects(lines, this.size);
    // a row wider than the terminal wraps: the joined capture then has fewer lines than the pane rows
    if (lines.length < this.size.rows) defects.push(`${this.size.rows - lines.length} row(s) wrapped by the terminal`);
    for (const d of defects) this.defects.push(`${what}: ${d}\n${screen}`);
    if (process.env.QUAI_E2E_FRAMES) appendFileSync(process.env.QUAI_E2E_FRAMES, `--- ${this.size.columns}x${this.size.rows} ${what}\n${screen}`);
  }

  /** Waits for a frame that matches, then checks it. */
  async see(condition: RegExp | ((screen: string) => boolean), what = String(condition), timeoutMs = 10_000): Promise<string> {
    const holds = typeof condition === 'function' ? condition : (s: string) => condition.test(s);
    let seen = '';
    await waitFor(
      async () => {
        const lines = await joinedLines(this.terminal);
        seen = lines.map((l) => `${l.trimEnd()}\n`).join('');
        if (!holds(seen)) return false;
        this.last = seen;
        this.check(lines, seen, what);
        return true;
      },
      () => `${what}; screen was:\n${seen}`,
      timeoutMs,
    );
    return this.last;
  }

  /** Types (Enter unless told) and waits for the answer: a new message, the input empty; checks that frame. */
  async settle(text: string, enter = true, what = `answer to ${JSON.stringify(text)}`): Promise<string> {
    const before = feedbackOf(await this.terminal.screen());
    await this.terminal.type(text, enter);
    return this.see((s) => inputLine(s)?.value === '' && feedbackOf(s) !== before, what);
  }

  type(text: string, enter = true): Promise<void> {
    return this.terminal.type(text, enter);
  }

  keys(...keys: string[]): Promise<void> {
    return this.terminal.keys(...keys);
  }
}
