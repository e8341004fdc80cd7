import type { Knex } from 'knex';
import { afterEach } from 'vitest';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { useTempDirs } from './temp-dir.js';
import { freshDatabase, type Backend } from './test-database.js';

/** Fresh hub stores (SQLite files, or PostgreSQL databases), closed after each test. */
export function useHubStores(): (backend?: Backend) => Promise<Knex> {
  const tempDir = useTempDirs();
  const open: Knex[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });
  return async (backend = 'sqlite') => {
    const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
    open.push(db);
    return db;
  };
}
