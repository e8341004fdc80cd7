import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { openPlainSqlite } from './open-database.js';
import { QuaiError } from '../runtime/quai-error.js';
import { shellWord } from '../runtime/shell-word.js';
import { isPostgresUrl, storeLocationName, typedFault } from '../runtime/system-fault.js';


/** What `backupStore` did: a SQLite copy written (bytes, ms), or the commands to run on PostgreSQL. */
export type BackupOutcome = { kind: 'copied'; file: string; bytes: number; ms: number } | { kind: 'postgres'; commands: string[] };

/** One plain connection to a SQLite file that exists: no migration, no pragma that writes. */
function openFile(file: string): Knex {
  if (!existsSync(file)) throw new QuaiError('STORE_NOT_FOUND', `no store at ${file}: check --data-dir or --db`);
  return openPlainSqlite(file);
}

/** A postgres:// URL with its password left out, for a command printed on a screen. */
function withoutPassword(location: string): string {
  const url = new URL(location);
  url.password = '';
  return url.href;
}

/**
 * Writes a consistent copy of a store to `to` while the agent or hub keeps working: SQLite's
 * `VACUUM INTO` reads one snapshot (a WAL reader: no writer waits for it) and writes a compact
 * file, first as `<to>.partial` (mode 0600: its owner's only, as the store), renamed
 * when whole, so a failed backup leaves no half file. A missing directory of `to` is made (0700).
 * On PostgreSQL nothing is copied: the result names the `pg_dump` to run (the password left out,
 * paths shell-quoted).
 * Throws BACKUP_EXISTS when `to` exists, STORE_NOT_FOUND when there is no store, a store fault
 * (STORE_FULL, STORE_READ_ONLY, ...) when the copy cannot be written.
 */
export async function backupStore(location: string, to: string): Promise<BackupOutcome> {
  if (isPostgresUrl(location)) {
    return { kind: 'postgres', commands: [`pg_dump --format=custom --file=${shellWord(to)} ${shellWord(withoutPassword(location))}`] };
  }
  if (existsSync(to)) throw new QuaiError('BACKUP_EXISTS', `${to} exists already: give another file, or remove it first`);
  const partial = `${to}.partial`;
  const db = openFile(location);
  const started = Date.now();
  try {
    mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
    rmSync(partial, { force: true });
    await db.raw('VACUUM INTO ?', [partial]);
    chmodSync(partial, 0o600);
    renameSync(partial, to);
  } catch (error) {
    rmSync(partial, { force: true });
    // a store that is not one (or damaged) is the source's fault; a full or read-only disk, the copy's
    const code = (error as { code?: unknown }).code;
    throw typedFault(error, { store: code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? location : to });
  } finally {
    await db.destroy();
  }
  return { kind: 'copied', file: to, bytes: statSync(to).size, ms: Date.now() - started };
}

/** Why a file cannot be restored: absent, not SQLite, damaged (SQLite's words in `detail`), or a store of the other kind. */
export type BackupProblem = { kind: 'missing' | 'not-sqlite' | 'wrong-kind' } | { kind: 'damaged'; detail: string };

/**
 * What is wrong with `file` as a backup of the kind wanted (it has the table `kindTable`: `outbox`
 * for an agent's store, `events` for a hub's), or null when it is a whole SQLite store of that kind.
 */
export async function backupProblem(file: string, kindTable: string): Promise<BackupProblem | null> {
  if (!existsSync(file)) return { kind: 'missing' };
  const db = openFile(file);
  try {
    const [check] = (await db.raw('PRAGMA quick_check')) as { quick_check: string }[];
    if (check?.quick_check !== 'ok') return { kind: 'damaged', detail: check?.quick_check ?? 'no answer' };
    return (await db.schema.hasTable(kindTable)) ? null : { kind: 'wrong-kind' };
  } catch {
    return { kind: 'not-sqlite' };
  } finally {
    await db.destroy();
  }
}

/**
 * Puts a backup file in place of a stopped store: copied beside it, then renamed over it, and
 * any `-wal`/`-shm` the store left (a crash) removed, since they belong to the replaced file.
 * The restored file is 0600. The caller has made sure no process uses the store. On PostgreSQL nothing is copied: the
 * result names the `pg_restore` to run. Returns the bytes restored (0 on PostgreSQL).
 */
export function restoreStore(from: string, location: string): { kind: 'copied'; bytes: number } | { kind: 'postgres'; commands: string[] } {
  if (isPostgresUrl(location)) {
    return { kind: 'postgres', commands: [`pg_restore --clean --if-exists --dbname=${shellWord(withoutPassword(location))} ${shellWord(from)}`] };
  }
  const incoming = `${location}.restoring`;
  try {
    // a new machine: the data directory is made, as the agent or hub would
    mkdirSync(dirname(location), { recursive: true });
    copyFileSync(from, incoming);
    chmodSync(incoming, 0o600);
    for (const suffix of ['-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
    renameSync(incoming, location);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw typedFault(error, { store: storeLocationName(location) });
  }
  return { kind: 'copied', bytes: statSync(location).size };
}
