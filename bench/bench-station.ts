import { feedbackKey, createTranslator } from '../src/tui/i18n/translate.js';
import { mountTui } from '../src/tui/run-tui.js';
import { TerminalClient } from '../test/helpers/terminal-client.js';
import { waitFor } from '../test/helpers/wait-for.js';
import type { BenchSite } from './bench-site.js';
import { fakeTerminal } from './fake-terminal.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Station BENCH-1 as an operator sees it: the real TUI on a fake 80x24 terminal, and the scanner feeding the agent. */
export interface BenchStation {
  scanner: TerminalClient;
  /** Every frame the TUI wrote, with when (performance.now(), ms). */
  frames: { at: number; text: string }[];
  /**
   * Sends one scan to the agent's local API (as a serial reader's would arrive) and pushes into
   * `into` the time, ms, until a frame shows the feedback the agent answered. Throws when the
   * answer has no feedback or no frame shows it within 5 s (the last frames in the message).
   */
  timedScan(data: string, into: number[]): Promise<void>;
  close(): void;
}

/** Mounts the TUI (French) on station BENCH-1 of `site`, and signs OP01 in through the scanner. */
export async function openBenchStation(site: BenchSite): Promise<BenchStation> {
  const terminal = fakeTerminal(80, 24);
  const t = createTranslator('fr');
  const tui = mountTui({ url: `ws://127.0.0.1:${site.agent.port}`, token: site.token, station: 'BENCH-1', lang: 'fr', stdout: terminal.stdout, stdin: terminal.stdin });
  const scanner = await TerminalClient.open(site.agent.port, site.token, 'BENCH-1');
  await scanner.input('OP01');
  return {
    scanner,
    frames: terminal.frames,
    async timedScan(data, into) {
      const framesBefore = terminal.frames.length;
      const sentAt = performance.now();
      const answer = await scanner.input(data);
      const feedback = answer.feedback;
      if (!feedback) throw new Error(`no feedback for ${data}`);
      const expected = t(feedbackKey(feedback.code), feedback.params);
      const frame = await waitFor(() => terminal.frames.slice(framesBefore).find((f) => stripAnsi(f.text).includes(expected)), `frame showing "${expected}"`, 5000, 1).catch((error: Error) => {
        throw new Error(`${error.message}; last frames:\n${terminal.frames.slice(-6).map((f) => stripAnsi(f.text)).join('\n---\n')}`);
      });
      into.push(frame.at - sentAt);
    },
    close() {
      scanner.close();
      tui.instance.unmount();
      tui.link.close();
    },
  };
}
