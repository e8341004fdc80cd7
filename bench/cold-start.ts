import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/build-options.mjs';
import { CLI, killHard, spawnQuai, type QuaiProcess } from '../test/helpers/quai-process.js';
import { percentile, type BenchRow } from './percentiles.js';

/** Spawns of each program (after one warm-up each), alternated so both see the same machine. */
const RUNS = 15;
/** The whole of the bare app: one Text, bundled as `quai` is (same esbuild options, production React). */
const BARE_INK = "import { render, Text } from 'ink';\nrender(<Text>Quai</Text>);\n";
/** What the first frame shows: the bare app's text, the terminal's status line before any agent answer. */
const FIRST_FRAME = 'Quai';
const SIGN_IN = 'Sign in';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
const shellQuote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs `argv` in a pseudo-terminal (util-linux `script`, as an operator's terminal: Ink draws live
 * frames there) and returns the ms from spawn until the output first shows each of `marks`, in
 * order; the program is then ended. Throws when a mark is not seen within 10 s.
 */
function timeToScreens(argv: string[], marks: string[]): Promise<number[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8' };
  // Ink draws only a last frame under CI
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const started = performance.now();
  // an 80x24 terminal: a pty made by `script` from a pipe has no size, and Ink would lay out 0 columns
  const command = `stty cols 80 rows 24 && exec ${argv.map(shellQuote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'], env });
  const seen: number[] = [];
  let output = '';
  return new Promise((resolve, reject) => {
    const missing = (why: string) => new Error(`cold start: "${marks[seen.length]}" not seen (${why}); screen: ${stripAnsi(output).slice(-300)}`);
    const timer = setTimeout(() => finish(missing('10 s')), 10_000);
    let error: Error | undefined;
    child.once('error', (cause) => reject(new Error(`cold start: util-linux script could not run (${cause.message})`)));
    child.once('close', (code) => {
      clearTimeout(timer);
      if (seen.length < marks.length) reject(error ?? missing(`exited with ${code}`));
      else resolve(seen);
    });
    const finish = (cause?: Error) => {
      error = cause;
      child.stdout.removeAllListeners('data');
      child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const at = performance.now() - started;
      output += chunk.toString('utf8');
      const screen = stripAnsi(output);
      while (seen.length < marks.length && screen.includes(marks[seen.length]!)) seen.push(at);
      if (seen.length === marks.length) finish();
    });
  });
}

/** The bare app bundled into `dir`; returns its entry file. */
async function bundleBareInk(dir: string): Promise<string> {
  // split as dist/ is: Ink's devtools chunk (react-devtools-core, not installed) loads only in development
  await build({ ...bundleOptions, stdin: { contents: BARE_INK, loader: 'tsx', resolveDir: process.cwd(), sourcefile: 'bare-ink.tsx' }, outdir: dir, splitting: true, logLevel: 'warning' });
  return join(dir, 'stdin.js');
}

/**
 * `quai tui` cold start (spawn of `node dist/cli.js tui` → its first frame) against a bare
 * bundled Ink app's (spawn → first frame), both spawned alternately in one run, in a
 * pseudo-terminal; and spawn → the sign-in view the agent sends (a hub and agent of this run,
 * already up). Each figure is less the pseudo-terminal's own start in the same round (`printf`
 * in its place). Rows: the ratio of medians with both figures (goal <= 1.3x), and the sign-in
 * view in ms. Needs dist/ built and util-linux `script`.
 */
export async function benchColdStart(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-cold-'));
  const processes: QuaiProcess[] = [];
  try {
    const bare = await bundleBareInk(dir);
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')], { QUAI_LOG_LEVEL: 'warn' });
    processes.push(hub);
    const agent = await spawnQuai(['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')], { QUAI_LOG_LEVEL: 'warn' });
    processes.push(agent);
    const tui = [process.execPath, CLI, 'tui', '--data-dir', dir, '--station', 'BENCH-1', '--lang', 'en'];
    const bareMs: number[] = [];
    const tuiMs: number[] = [];
    const signInMs: number[] = [];
    const wrapperMs: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      // the pseudo-terminal's own start (script, sh, stty), 45-80 ms here: taken off each figure of the run
      const [wrapper] = await timeToScreens(['printf', FIRST_FRAME], [FIRST_FRAME]);
      const [bareFrame] = await timeToScreens([process.execPath, bare], [FIRST_FRAME]);
      const [tuiFrame, signIn] = await timeToScreens(tui, [FIRST_FRAME, SIGN_IN]);
      // run 0 warms the file cache
      if (run === 0) continue;
      wrapperMs.push(wrapper!);
      bareMs.push(bareFrame! - wrapper!);
      tuiMs.push(tuiFrame! - wrapper!);
      signInMs.push(signIn! - wrapper!);
    }
    const ms = (samples: number[], p: number) => percentile(samples, p).toFixed(0);
    const ratio = percentile(tuiMs, 50) / percentile(bareMs, 50);
    return [
      {
        name: 'tui cold start / bare Ink',
        value: `${ms(tuiMs, 50)} ms`,
        floor: `${ms(bareMs, 50)} ms`,
        ratio: `${ratio.toFixed(2)}x`,
        goal: `<= 1.3x (spawn -> first frame, median of ${RUNS}; p90 ${ms(tuiMs, 90)} / ${ms(bareMs, 90)} ms; pty start ${ms(wrapperMs, 50)} ms taken off)`,
        met: ratio <= 1.3,
      },
      { name: 'tui cold start -> sign-in view', value: `${ms(signInMs, 50)} ms`, goal: `median of ${RUNS}, p90 ${ms(signInMs, 90)} ms (pty start taken off)` },
    ];
  } finally {
    await Promise.all(processes.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  }
}
