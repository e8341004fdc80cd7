import type { Knex } from 'knex';
import { afterEach } from 'vitest';
import { openHubStore } from '../../src/hub/hub-store.js';
import { useTempDirs } from './temp-dir.js';

/** Hub stores on SQLite files in fresh directories, closed after each test. */
export function useHubStores(): () => Promise<Knex> {
  const tempDir = useTempDirs();
  const open: Knex[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });
  return async () => {
    const db = await openHubStore(`${tempDir()}/hub.sqlite`);
    open.push(db);
    return db;
  };
}
