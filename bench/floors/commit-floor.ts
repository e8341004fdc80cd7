import { join } from 'node:path';
import knexFactory from 'knex';
import { v7 as uuidv7 } from 'uuid';

/** One-row commits on demand, each timed. */
export interface CommitFloor {
  /** Commits one ~200 B row in its own transaction; resolves with the ms from `transaction` called to its promise resolved. */
  commit(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The disk's floor for one confirmed action: a fresh database file under `dir` (pass the directory
 * the bench's stores live in: same filesystem), knex + sqlite3 in WAL mode and synchronous=FULL
 * (the stores' settings), one connection; `warmup` commits made at once, not timed (the WAL file
 * created, the JIT warm).
 */
export async function openCommitFloor(dir: string, warmup = 20): Promise<CommitFloor> {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: join(dir, 'commit-floor.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  await db.raw('PRAGMA journal_mode = WAL');
  await db.raw('PRAGMA synchronous = FULL');
  await db.schema.createTable('events', (t) => {
    t.string('id').primary();
    t.text('payload').notNullable();
  });
  const payload = JSON.stringify({ type: 'pick.scanned', station: 'BENCH-1', operator: 'OP01', barcode: '3760000000017', location: 'A-01-01-1', quantity: 1, at: new Date().toISOString() });
  const commit = async () => {
    const started = performance.now();
    await db.transaction((trx) => trx('events').insert({ id: uuidv7(), payload }));
    return performance.now() - started;
  };
  for (let i = 0; i < warmup; i++) await commit();
  return { commit, close: () => db.destroy() };
}
