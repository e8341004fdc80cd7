import { hubOverview, type HubOverview } from '../hub/hub-overview.js';
import { openHubStore } from '../hub/store/hub-store.js';
import { QuaiError } from '../runtime/quai-error.js';
import { storeLocationName } from '../runtime/system-fault.js';
import { withTimeout } from '../runtime/with-timeout.js';
import { STORE_TIMEOUT_MS } from './admin-timeouts.js';
import { existingHubStore } from './hub-agents-command.js';

/** The hub store opened for a `quai hub monitor` session: `read` for each refresh, `close` at the end. */
export interface HubMonitorSource {
  /** The hub now (see hubOverview); throws STORE_TIMEOUT when the store does not answer within STORE_TIMEOUT_MS, or the store's own fault (its words, without the statement). */
  read: () => Promise<HubOverview>;
  close: () => Promise<void>;
}

/** A store's fault as a person reads it: knex puts the statement before the driver's words (`select … - no such table: agents`); the words alone. */
function storeReason(error: Error): Error {
  const cut = error.message.lastIndexOf(' - ');
  return cut >= 0 && /^(select|insert|update|delete|with)\b/i.test(error.message) ? new Error(error.message.slice(cut + 3)) : error;
}

/**
 * Opens the hub store of `dataDir` (`<dataDir>/hub/hub.sqlite`, or `db`: a SQLite file or
 * postgres:// URL) for `quai hub monitor`, read-only in effect. Throws HUB_STORE_MISSING when that
 * SQLite file does not exist, STORE_TIMEOUT when it does not open within STORE_TIMEOUT_MS.
 */
export async function openHubMonitorSource(dataDir: string, db: string | undefined): Promise<HubMonitorSource> {
  const location = existingHubStore(dataDir, db);
  const timeout = () => new QuaiError('STORE_TIMEOUT', `the store ${storeLocationName(location)} did not answer within ${STORE_TIMEOUT_MS / 1000} s`);
  const store = await withTimeout(openHubStore(location), STORE_TIMEOUT_MS, timeout);
  return {
    read: () => withTimeout(hubOverview(store, new Date()), STORE_TIMEOUT_MS, timeout).catch((error: Error) => Promise.reject(storeReason(error))),
    close: () => store.destroy(),
  };
}
