import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A socat pty pair: two linked serial paths, `a` and `b`, like a null-modem cable. `unplug`
 * kills socat and removes both links (both ends vanish, as when a USB adapter is pulled); `plug`
 * makes them again.
 */
export class PtyPair {
  readonly a: string;
  readonly b: string;
  private socat: ChildProcess | undefined;

  constructor(dir: string, name = 'tty') {
    this.a = join(dir, `${name}A`);
    this.b = join(dir, `${name}B`);
  }

  plug(): Promise<void> {
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.socat = socat;
    return new Promise((resolve, reject) => {
      let log = '';
      socat.stderr!.on('data', (chunk) => {
        log += chunk;
        if (log.includes('starting data transfer loop')) resolve();
      });
      socat.once('error', reject);
      socat.once('exit', (code) => reject(new Error(`socat exited (${code}) before the pair was ready: ${log}`)));
    });
  }

  async unplug(): Promise<void> {
    const socat = this.socat;
    if (!socat || socat.exitCode !== null) return;
    const gone = new Promise((resolve) => socat.once('exit', resolve));
    socat.kill('SIGKILL');
    await gone;
    this.socat = undefined;
    // killed, socat leaves its links to /dev/pts/N behind: the kernel soon gives that number to
    // another pty (a tmux pane of another test), which an agent still retrying the link would open
    // and set raw. An adapter pulled out loses its /dev/serial/by-id link likewise.
    rmSync(this.a, { force: true });
    rmSync(this.b, { force: true });
  }
}
