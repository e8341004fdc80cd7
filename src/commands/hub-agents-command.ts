import type { Knex } from 'knex';
import { openHubStore } from '../hub/hub-store.js';
import { hubPaths } from '../hub/start-hub.js';

/** Opens the hub's store (migrating it if new) for an admin command, and closes it after. */
export async function withHubStore(dataDir: string, db: string | undefined, task: (db: Knex, paths: ReturnType<typeof hubPaths>) => Promise<void>): Promise<void> {
  const paths = hubPaths(dataDir);
  const store = await openHubStore(db ?? paths.db);
  try {
    await task(store, paths);
  } finally {
    await store.destroy();
  }
}
