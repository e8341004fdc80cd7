import { existsSync } from 'node:fs';
import { inspectHub, type HubInspection } from '../hub/hub-inspect.js';
import { hubPaths } from '../hub/start-hub.js';
import { QuaiError } from '../runtime/quai-error.js';
import { hubDir } from './data-dirs.js';
import { withHubStore } from './hub-agents-command.js';

/**
 * `quai hub inspect`: the hub store's documents and the events applied per agent, from `db` (a
 * SQLite file or postgres:// URL) or else `<dataDir>/hub/hub.sqlite`. Throws HUB_STORE_MISSING when
 * that SQLite file does not exist (an inspection never creates a store), STORE_TIMEOUT as {@link withHubStore}.
 */
export function inspectHubStore(dataDir: string, db: string | undefined): Promise<HubInspection> {
  const location = db ?? hubPaths(hubDir(dataDir)).db;
  if (!/^postgres/.test(location) && !existsSync(location)) throw new QuaiError('HUB_STORE_MISSING', `no hub store at ${location} (run the hub or the demo first, or pass --data-dir)`);
  return withHubStore(hubDir(dataDir), location, (store) => inspectHub(store));
}
