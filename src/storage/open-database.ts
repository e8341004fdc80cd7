import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { isPostgresUrl, typedFault } from '../runtime/system-fault.js';
import { moduleMigrationSource } from './migration-source.js';

export type Migrations = Parameters<typeof moduleMigrationSource>[0];

function sqliteSync(): 'FULL' | 'NORMAL' {
  return process.env.QUAI_SQLITE_SYNC?.toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL';
}

/**
 * Knex's own warnings ("Acquire connection error: <stack>") repeat, on stderr, a fault the caller
 * gets anyway as a rejected promise, which it logs or shows as one typed line: they go nowhere.
 */
const quietKnex: Knex.Config['log'] = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined };

/**
 * What a connection is for. `single`: one connection does everything (the hub, admin commands).
 * The agent keeps its floor apart: `floor` commits operators' actions (synchronous=FULL, never
 * checkpoints on a scan's commit), `reader` serves look-ups and views (WAL readers never wait for
 * a writer; query_only, so a stray write fails loudly), `background` takes the sync client's
 * bookkeeping (synchronous=NORMAL: what it writes is the hub's to give again, and the floor's next
 * FULL commit syncs the shared WAL anyway) and the WAL checkpoints, on a timer only (the agent
 * store's), never inside a commit and so never inside a writer's turn.
 */
export type ConnectionRole = 'single' | 'floor' | 'reader' | 'background';

/**
 * A new store's pages freed by the retention job go back to the disk a few at a time
 * (reclaim-pages.ts): set before the first table, so only on a new file; an older store takes it
 * at its next VACUUM (`quai prune`).
 */
const INCREMENTAL_VACUUM = 'PRAGMA auto_vacuum = INCREMENTAL;';

const SQLITE_PRAGMAS: Record<ConnectionRole, () => string> = {
  single: () => `${INCREMENTAL_VACUUM} PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sqliteSync()};`,
  floor: () => `${INCREMENTAL_VACUUM} PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sqliteSync()}; PRAGMA wal_autocheckpoint = 0;`,
  reader: () => 'PRAGMA query_only = ON;',
  background: () => 'PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;',
};

/** A database location: a SQLite file path, or a postgres:// URL (for sites with many agents). */
export function knexConfig(location: string, role: ConnectionRole = 'single'): Knex.Config {
  if (isPostgresUrl(location)) {
    // Counts and bigint seqs come back as JS numbers, as from SQLite (they stay far below 2^53).
    // pg is loaded here only: a command on a SQLite store does without it
    const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
    return { client: 'pg', connection: location, pool: { min: 0, max: 8 }, log: quietKnex };
  }
  mkdirSync(dirname(location), { recursive: true });
  return {
    client: 'sqlite3',
    log: quietKnex,
    connection: { filename: location },
    useNullAsDefault: true,
    // One connection per role: SQLite serialises writers anyway, and it keeps transactions strictly
    // ordered (the agent's two writers take turns in process: write-turns.ts); two readers, so a
    // status read never holds up a scan's look-up.
    // synchronous=FULL (default; the agent's background connection excepted): a commit the screen has shown as done (or the hub has acked)
    // survives a power cut, not only a crash; it costs a few ms per single-row commit here.
    // QUAI_SQLITE_SYNC=NORMAL trades that for latency on sites with a UPS (crash-safe still).
    pool: {
      min: 1,
      max: role === 'reader' ? 2 : 1,
      afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.exec(`${SQLITE_PRAGMAS[role]()} PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;`, (err) => done(err, conn));
      },
    },
  };
}

/** One more connection pool to a store already opened (and migrated) by `openDatabase`. */
export function openConnection(location: string, role: ConnectionRole): Knex {
  return knexFactory(knexConfig(location, role));
}

/**
 * One plain connection to a SQLite file that exists (backup, restore and prune checks, VACUUM): no
 * migration, no pragma of a role, and nothing made; waits up to 5 s for the store's writer.
 */
export function openPlainSqlite(file: string): Knex {
  return knexFactory({
    client: 'sqlite3',
    log: quietKnex,
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: 1,
      afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => conn.exec('PRAGMA busy_timeout = 5000;', (err) => done(err, conn)),
    },
  });
}

/** PostgreSQL runs transactions side by side; SQLite runs one writer at a time (one connection per role here). */
export function isPostgres(db: Knex | Knex.Transaction): boolean {
  return db.client.config.client === 'pg';
}

/**
 * A SQLite store not there yet is made empty (SQLite takes a 0-byte file as a new database) with
 * mode 0600 before SQLite opens it, so its `-wal` and `-shm`, which SQLite creates with the
 * database file's mode, are 0600 too: only the service's user reads the store.
 */
function createPrivately(location: string): void {
  if (isPostgresUrl(location) || location === ':memory:') return;
  mkdirSync(dirname(location), { recursive: true });
  try {
    closeSync(openSync(location, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Opens the store and brings its schema up to date; a new SQLite store is created 0600. A store that cannot be opened or migrated
 * (a full or read-only disk: STORE_FULL, STORE_READ_ONLY, STORE_UNAVAILABLE) is closed before the
 * typed error is thrown: its pool would otherwise keep the process alive.
 */
export async function openDatabase(location: string, migrations: Migrations, tableName: string, role: ConnectionRole = 'single'): Promise<Knex> {
  let db: Knex | undefined;
  try {
    createPrivately(location);
    db = knexFactory(knexConfig(location, role));
    await db.migrate.latest({ migrationSource: moduleMigrationSource(migrations), tableName });
    return db;
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    throw typedFault(error, { store: location });
  }
}
