import { Box, render, Text } from 'ink';
import { useState } from 'react';
import { waitFor } from '../../test/helpers/wait-for.js';
import { fakeTerminal } from '../fake-terminal.js';

const ROWS = 20;

/** Bare Ink screen updates on demand, each timed. */
export interface InkFrameFloor {
  /** Replaces every row's text; resolves with the ms from the state set to the frame showing it written. Throws when no frame comes within 5 s. */
  frame(): Promise<number>;
  unmount(): void;
}

/**
 * Ink's floor for one screen update: a bare Ink app of 20 rows of text (no Quai code), rendered as
 * the TUI renders (`maxFps: 0`, as src/tui/run-tui.tsx, to the benchmark's fake 80x24 terminal;
 * React's production build when NODE_ENV=production, as `npm run bench` sets). Each update
 * replaces every row's text, as a station view pushed by the agent replaces the screen, and is
 * set outside React, as a WebSocket message handler sets it. `warmup` updates are made at once,
 * not timed (the JIT, as the TUI is warm by the time an operator scans).
 */
export async function mountInkFrameFloor(warmup = 50): Promise<InkFrameFloor> {
  const terminal = fakeTerminal(80, 24);
  let show: (n: number) => void = () => undefined;
  function Screen() {
    const [n, setN] = useState(0);
    show = setN;
    return (
      <Box flexDirection="column">
        {Array.from({ length: ROWS }, (_, row) => (
          <Text key={row}>{`row ${String(row + 1).padStart(2)}  update ${n}  ${'·'.repeat(40 + ((n + row) % 20))}`}</Text>
        ))}
      </Box>
    );
  }
  const instance = render(<Screen />, { stdout: terminal.stdout, stdin: terminal.stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 0 });
  let n = 0;
  const frame = async () => {
    n++;
    const before = terminal.frames.length;
    const marker = `update ${n} `;
    const started = performance.now();
    show(n);
    const written = await waitFor(() => terminal.frames.slice(before).find((f) => f.text.includes(marker)), `bare Ink frame showing update ${n}`, 5000, 1);
    // the terminal keeps only what the next update needs
    terminal.frames.length = 0;
    return written.at - started;
  };
  for (let i = 0; i < warmup; i++) await frame();
  return { frame, unmount: () => instance.unmount() };
}
