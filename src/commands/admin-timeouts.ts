import { QuaiError } from '../runtime/quai-error.js';
import { storeLocationName } from '../runtime/system-fault.js';
import { withTimeout } from '../runtime/with-timeout.js';

/**
 * How long an admin command (`quai status`, `sync --now`, `devices list`, `monitor`, `load`) waits
 * for the running agent to answer before AGENT_TIMEOUT: it answers in milliseconds, so 5 s means
 * it is hung, or the port belongs to something else.
 */
export const AGENT_TIMEOUT_MS = 5_000;

/**
 * How long an admin command may take to open a store and do its work before STORE_TIMEOUT: a
 * PostgreSQL server that does not answer, a disk that hangs. SQLite gives up on a lock after 5 s
 * by itself (busy_timeout); this is longer, so a store busy with a running agent says so itself.
 */
export const STORE_TIMEOUT_MS = 10_000;

/**
 * An admin command's work on a store: opened, used, closed, all within STORE_TIMEOUT_MS or
 * STORE_TIMEOUT naming the store. A store that opens after the timeout is closed at once.
 */
export function withStore<S, T>(location: string, open: () => Promise<S>, close: (store: S) => Promise<unknown>, task: (store: S) => Promise<T>): Promise<T> {
  let abandoned = false;
  const work = (async () => {
    const store = await open();
    try {
      if (abandoned) throw new QuaiError('STORE_TIMEOUT', 'abandoned');
      return await task(store);
    } finally {
      await close(store);
    }
  })();
  return withTimeout(work, STORE_TIMEOUT_MS, () => {
    abandoned = true;
    return new QuaiError('STORE_TIMEOUT', `the store ${storeLocationName(location)} did not answer within ${STORE_TIMEOUT_MS / 1000} s`);
  });
}
