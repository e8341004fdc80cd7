import { Box, render, Text } from 'ink';
import { useState } from 'react';
import { waitFor } from '../../test/helpers/wait-for.js';
import { fakeTerminal } from '../fake-terminal.js';

const ROWS = 20;

/**
 * Ink's floor for one screen update: a bare Ink app of 20 rows of text (no Quai code), rendered as
 * the TUI renders (`maxFps: 0`, as src/tui/run-tui.tsx, to the benchmark's fake 80x24 terminal;
 * React's production build when NODE_ENV=production, as `npm run bench` sets), takes `frames`
 * updates one after the other, each replacing every row's text, as a station view pushed by the
 * agent replaces the screen, after `warmup` updates not counted (JIT, as the TUI is warm by the
 * time an operator scans: signed in, menu chosen). Returns each counted update's time, ms, from
 * the state set (outside React, as a WebSocket message handler sets it) to the frame showing it
 * written to the terminal. Throws when a frame does not come within 5 s.
 */
export async function inkFrameFloorMs(frames = 300, warmup = 50): Promise<number[]> {
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
  try {
    const samples: number[] = [];
    for (let n = 1; n <= warmup + frames; n++) {
      const before = terminal.frames.length;
      const marker = `update ${n} `;
      const started = performance.now();
      show(n);
      const frame = await waitFor(() => terminal.frames.slice(before).find((f) => f.text.includes(marker)), `bare Ink frame showing update ${n}`, 5000, 1);
      if (n > warmup) samples.push(frame.at - started);
    }
    return samples;
  } finally {
    instance.unmount();
  }
}
