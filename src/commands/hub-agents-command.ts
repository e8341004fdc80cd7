import type { Knex } from 'knex';
import { openHubStore } from '../hub/hub-store.js';
import { hubPaths } from '../hub/start-hub.js';
import { withStore } from './admin-timeouts.js';

/**
 * Opens the hub's store (migrating it if new) for an admin command, and closes it after;
 * STORE_TIMEOUT when the store does not answer within STORE_TIMEOUT_MS.
 */
export async function withHubStore<T>(dataDir: string, db: string | undefined, task: (db: Knex, paths: ReturnType<typeof hubPaths>) => Promise<T>): Promise<T> {
  const paths = hubPaths(dataDir);
  const location = db ?? paths.db;
  return withStore(location, () => openHubStore(location), (store) => store.destroy(), (store) => task(store, paths));
}
