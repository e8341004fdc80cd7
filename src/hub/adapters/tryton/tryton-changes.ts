import { trytonDateTime } from './tryton-values.js';

/**
 * A domain for records changed since the watermark, on the record itself and on each related
 * `prefix` (e.g. `moves.`). Records never written have a null write_date: their creation counts.
 * Tryton shows no deletions, so pulls work on whole documents (shared/reference/tryton.md §6.3).
 */
export function changedSince(watermark: string | null, prefixes: string[] = ['']): unknown[] {
  if (watermark === null) return [];
  const since = trytonDateTime(watermark);
  return [['OR', ...prefixes.flatMap((p) => [[`${p}write_date`, '>=', since], [[`${p}write_date`, '=', null], [`${p}create_date`, '>=', since]]])]];
}

/** The next watermark: the latest date seen (Tryton has no server clock over RPC, so the pull keeps the largest it saw). */
export const latest = (dates: (string | null | undefined)[], current: string | null): string | null => dates.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), current);

export interface Stamped {
  write_date: string | null;
  create_date: string;
}

export const stamps = (rows: Stamped[]): (string | null)[] => rows.flatMap((r) => [r.write_date, r.create_date]);

/**
 * What the pulls already wrote, by record and stamp: pulls overlap (a watermark cannot be exact
 * without a server clock), and a record seen again unchanged must not make a new version that
 * every agent would download. A write counts once the hub committed it.
 */
export class SeenStamps {
  private readonly seen = new Map<string, string>();
  private pending: [string, string][] = [];

  isFresh(key: string, stamp: string): boolean {
    return this.seen.get(key) !== stamp;
  }

  wrote(key: string, stamp: string): void {
    this.pending.push([key, stamp]);
  }

  /** Runs the hub's write; what it wrote counts as seen only if it committed. */
  async committing<T>(write: () => Promise<T>): Promise<T> {
    try {
      const result = await write();
      for (const [k, s] of this.pending) this.seen.set(k, s);
      return result;
    } finally {
      this.pending = [];
    }
  }
}

/** A record's stamp: the latest of its own and its related records' dates. */
export const stampOf = (...dates: (string | null | undefined)[]): string => latest(dates, null) ?? '';
