import { join } from 'node:path';
import knexFactory from 'knex';
import { v7 as uuidv7 } from 'uuid';

/**
 * The disk's floor for one confirmed action: `commits` transactions of one ~200 B row each, one
 * after the other, with knex + sqlite3 in WAL mode and synchronous=FULL (the stores' settings), in a
 * fresh database file under `dir` (pass the directory the bench's stores live in: same filesystem).
 * Returns each commit's time, ms, from `transaction` called to its promise resolved, after `warmup`
 * commits not counted (the WAL file created, the JIT warm).
 */
export async function commitFloorMs(dir: string, commits = 300, warmup = 20): Promise<number[]> {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: join(dir, 'commit-floor.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  try {
    await db.raw('PRAGMA journal_mode = WAL');
    await db.raw('PRAGMA synchronous = FULL');
    await db.schema.createTable('events', (t) => {
      t.string('id').primary();
      t.text('payload').notNullable();
    });
    const payload = JSON.stringify({ type: 'pick.scanned', station: 'BENCH-1', operator: 'OP01', barcode: '3760000000017', location: 'A-01-01-1', quantity: 1, at: new Date().toISOString() });
    const samples: number[] = [];
    for (let i = 0; i < warmup + commits; i++) {
      const started = performance.now();
      await db.transaction((trx) => trx('events').insert({ id: uuidv7(), payload }));
      if (i >= warmup) samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await db.destroy();
  }
}
