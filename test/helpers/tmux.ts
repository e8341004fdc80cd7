import { execFileSync } from 'node:child_process';
import { waitFor } from './wait-for.js';

/** A real terminal for end-to-end tests: tmux runs the program, send-keys types, capture-pane reads. */
export class TmuxTerminal {
  private static count = 0;
  readonly name: string;
  /** One tmux server per terminal: killing the last session of a shared server races the next start. */
  private readonly socket: string;

  private constructor(name: string) {
    this.name = name;
    this.socket = `quai-test-${name}`;
  }

  static start(command: string, size: { columns: number; rows: number }, env: Record<string, string>): TmuxTerminal {
    const terminal = new TmuxTerminal(`t${process.pid}-${TmuxTerminal.count++}`);
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    // the shell stays after the program ends, so its last screen and exit status can be read
    terminal.tmux('new-session', '-d', '-s', terminal.name, '-x', String(size.columns), '-y', String(size.rows), `env ${exports} ${command}; echo "EXIT=$?"; sleep 600`);
    return terminal;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Types text literally (as a keyboard-wedge scanner would), then presses Enter. */
  type(text: string, enter = true): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    if (enter) this.keys('Enter');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    return waitFor(() => {
      const screen = this.screen();
      return pattern.test(screen) ? screen : '';
    }, `screen to show ${pattern}; screen was:\n${this.screen()}`, timeoutMs);
  }

  /** The message line, just above the input line. */
  static feedbackLine(screen: string): string {
    const lines = screen.split('\n');
    const input = lines.findIndex((line) => /^(Scan|Qté|Qty|Code) ›/.test(line));
    return input > 0 ? lines[input - 1]! : '';
  }

  /** Types something and waits until the agent has answered: the input is empty and a new message shows. */
  async typeAndSettle(text: string, enter = true): Promise<string> {
    const before = TmuxTerminal.feedbackLine(this.screen());
    this.type(text, enter);
    return waitFor(() => {
      const screen = this.screen();
      const answered = TmuxTerminal.feedbackLine(screen) !== before && /^(Scan|Qté|Qty|Code) ›\s*$/m.test(screen);
      return answered ? screen : '';
    }, `an answer to "${text}"; screen was:\n${this.screen()}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
