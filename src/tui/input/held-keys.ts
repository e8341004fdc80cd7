import type { KeyCommand } from './key-commands.js';

/** A key held back, and when it arrived (ms, `performance.now()`): the wedge detector times it by then. */
export interface HeldKey {
  command: KeyCommand;
  at: number;
}

/**
 * How long a key waits for the agent's answer at most (ms). An answer takes milliseconds; an agent
 * that does not answer (a push lost, a request it failed) must not leave the keyboard dead.
 */
export const HOLD_LIMIT_MS = 2000;

/**
 * Type-ahead in order: keys typed while the agent has not answered what the terminal last sent are
 * held and taken, in order, against the view that answer brings. A packer who scans the last item
 * and presses `*` at once closes the box the scan completed, not one the last view still shows an
 * item short of (which asked "1 item not verified: close?" for nothing). Ctrl+C is never held.
 */
export class HeldKeys {
  private readonly keys: HeldKey[] = [];

  /** Whether `command`, arriving now, waits: behind keys already waiting, or for the answer due. */
  holds(command: KeyCommand, answering: boolean): boolean {
    if (command.kind === 'key' && command.key === 'quit') return false;
    return this.keys.length > 0 || answering;
  }

  hold(command: KeyCommand, at: number): void {
    this.keys.push({ command, at });
  }

  get size(): number {
    return this.keys.length;
  }

  /** Drops every key held (a question came they were not typed for). */
  clear(): void {
    this.keys.length = 0;
  }

  /** When the oldest key's wait ends (ms, `performance.now()` time), or null with none held. */
  deadline(): number | null {
    return this.keys.length ? this.keys[0]!.at + HOLD_LIMIT_MS : null;
  }

  /**
   * The next key to take: when no answer is due, or (`now` past the oldest key's deadline) when the
   * agent is not answering; null otherwise.
   */
  next(answering: boolean, now: number): HeldKey | null {
    const deadline = this.deadline();
    if (deadline === null || (answering && now < deadline)) return null;
    return this.keys.shift()!;
  }
}
