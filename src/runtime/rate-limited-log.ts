import type { Logger } from './logger.js';

/** Once a minute: often enough to see a fault is still there, rarely enough to read the rest. */
export const REPEAT_INTERVAL_MS = 60_000;

/**
 * Says a repeated fault once per interval: the first time at once, then at most once every
 * `intervalMs` with how many times it happened in between (`repeated`). A full disk fails every
 * scan and every message from the hub; logged each time, it would bury everything else (and,
 * with the log on that disk, fail too).
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; quiet: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = REPEAT_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs at error level under `key` (a fault's code, added to the fields) unless that key was logged less than an interval ago. */
  error(key: string, fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    const seen = this.last.get(key);
    if (seen && now - seen.at < this.intervalMs) {
      seen.quiet++;
      return;
    }
    this.logger.error({ ...fields, code: key, ...(seen?.quiet ? { repeated: seen.quiet } : {}) }, message);
    this.last.set(key, { at: now, quiet: 0 });
  }
}
