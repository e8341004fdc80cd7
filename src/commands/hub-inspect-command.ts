import { inspectHub, type HubInspection } from '../hub/hub-inspect.js';
import { withHubStore } from './hub-agents-command.js';

/**
 * `quai hub inspect`: the hub store's documents and the events applied per agent, from `db` (a
 * SQLite file or postgres:// URL) or else `<dataDir>/hub/hub.sqlite`. Throws HUB_STORE_MISSING when
 * that SQLite file does not exist (an inspection never creates a store), STORE_TIMEOUT as {@link withHubStore}.
 */
export function inspectHubStore(dataDir: string, db: string | undefined): Promise<HubInspection> {
  return withHubStore(dataDir, db, (store) => inspectHub(store));
}
