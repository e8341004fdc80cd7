import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { waitFor } from './wait-for.js';

/**
 * A real terminal for end-to-end tests: tmux runs the program; one control-mode client (`tmux -C`)
 * per terminal types (send-keys) and reads the screen (capture-pane), each command a line on its
 * standard input, each answer a %begin/%end block on its output. A tmux process per key or per look
 * at the screen took ~70 ms on a busy machine, most of an e2e test's time, and blocked the test's
 * event loop (a second agent client in the same test, a spy, was not read meanwhile).
 */
export class TmuxTerminal {
  private static count = 0;
  readonly name: string;
  /** One tmux server per terminal: killing the last session of a shared server races the next start. */
  private readonly socket: string;
  private readonly control: ChildProcessWithoutNullStreams;
  /** Answers awaited, in the order the commands were written. */
  private readonly answers: { resolve: (lines: string[]) => void; reject: (error: Error) => void }[] = [];
  private block: string[] | undefined;
  private unread = '';
  private lastScreen = '';

  private constructor(name: string) {
    this.name = name;
    this.socket = `quai-test-${name}`;
    // no pane output, no say in the window's size: this client only runs commands
    this.control = spawn('tmux', ['-L', this.socket, '-C', 'attach-session', '-f', 'no-output,ignore-size', '-t', name], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.control.stdout.setEncoding('utf8');
    this.control.stdout.on('data', (chunk: string) => this.read(chunk));
    this.control.on('close', () => this.failAll(new Error(`tmux control client of ${name} ended`)));
    this.control.on('error', (error) => this.failAll(error));
    this.control.stdin.on('error', () => undefined);
  }

  static start(command: string, size: { columns: number; rows: number }, env: Record<string, string>): TmuxTerminal {
    // a test worker imports this module afresh for each test file (the count starts again at 0):
    // the random part keeps a file's first terminal off the server the previous file is still killing
    const name = `t${process.pid}-${randomBytes(4).toString('hex')}-${TmuxTerminal.count++}`;
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    // the shell stays after the program ends, so its last screen and exit status can be read
    execFileSync('tmux', ['-L', `quai-test-${name}`, 'new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), `env ${exports} ${command}; echo "EXIT=$?"; sleep 600`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new TmuxTerminal(name);
  }

  /** Runs one tmux command on the control client; resolves with its output lines. */
  private command(line: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      if (this.control.exitCode !== null || !this.control.stdin.writable) return reject(new Error(`tmux control client of ${this.name} has ended`));
      this.answers.push({ resolve, reject });
      this.control.stdin.write(`${line}\n`);
    });
  }

  /** Output blocks flagged 1 answer this client's commands, in order; notifications come between blocks. */
  private read(chunk: string): void {
    this.unread += chunk;
    for (let end = this.unread.indexOf('\n'); end >= 0; end = this.unread.indexOf('\n')) {
      const line = this.unread.slice(0, end);
      this.unread = this.unread.slice(end + 1);
      if (this.block === undefined) {
        if (/^%begin \d+ \d+ 1$/.test(line)) this.block = [];
      } else if (/^%(end|error) \d+ \d+ 1$/.test(line)) {
        const lines = this.block;
        this.block = undefined;
        const answer = this.answers.shift();
        if (line.startsWith('%error')) answer?.reject(new Error(`tmux: ${lines.join(' ')}`));
        else answer?.resolve(lines);
      } else this.block.push(line);
    }
  }

  private failAll(error: Error): void {
    for (const answer of this.answers.splice(0)) answer.reject(error);
  }

  async screen(): Promise<string> {
    const lines = await this.command(`capture-pane -p -t ${this.name}`);
    this.lastScreen = lines.map((l) => `${l}\n`).join('');
    return this.lastScreen;
  }

  /**
   * Types text as one burst (as a keyboard-wedge scanner would), then presses Enter. Commands run
   * in the order they are written: a later look at the screen comes after these keys.
   */
  type(text: string, enter = true): Promise<void> {
    const bytes = [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const typed = this.command(`send-keys -t ${this.name} -H ${bytes}`);
    return unobserved(Promise.all([typed, enter ? this.keys('Enter') : undefined]).then(() => undefined));
  }

  /** Presses keys by tmux name (Enter, Tab, Escape, Down...). */
  keys(...keys: string[]): Promise<void> {
    return unobserved(this.command(`send-keys -t ${this.name} ${keys.join(' ')}`).then(() => undefined));
  }

  waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    return waitFor(
      async () => {
        const screen = await this.screen();
        return pattern.test(screen) ? screen : '';
      },
      () => `screen to show ${pattern}; screen was:\n${this.lastScreen}`,
      timeoutMs,
    );
  }

  /** The message line, just above the input line. */
  static feedbackLine(screen: string): string {
    const lines = screen.split('\n');
    const input = lines.findIndex((line) => /^(Scan|Qté|Qty|Code) ›/.test(line));
    return input > 0 ? lines[input - 1]! : '';
  }

  /** Types something and waits until the agent has answered: the input is empty and a new message shows. */
  async typeAndSettle(text: string, enter = true): Promise<string> {
    const before = TmuxTerminal.feedbackLine(await this.screen());
    await this.type(text, enter);
    return waitFor(
      async () => {
        const screen = await this.screen();
        const answered = TmuxTerminal.feedbackLine(screen) !== before && /^(Scan|Qté|Qty|Code) ›\s*$/m.test(screen);
        return answered ? screen : '';
      },
      () => `an answer to "${text}"; screen was:\n${this.lastScreen}`,
    );
  }

  kill(): void {
    this.control.stdin.end();
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      // already gone
    }
  }
}

/** Keys are often sent without waiting for tmux's answer: a failure then shows in the next look at the screen. */
function unobserved<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
