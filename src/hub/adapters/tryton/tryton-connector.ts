import type { Knex } from 'knex';
import { QuaiError } from '../../../runtime/quai-error.js';
import { readSecretFile } from '../../../runtime/secret-file.js';
import type { Logger } from '../../../runtime/logger.js';
import type { ErpAdapter } from '../../erp-adapter.js';
import { trytonAdapter } from './tryton-adapter.js';
import { TrytonPoller } from './tryton-poller.js';
import { TrytonRpc, type TrytonRpcOptions } from './tryton-rpc.js';
import { TrytonWarehouse } from './tryton-warehouse.js';

export interface TrytonConfig {
  url: string;
  database: string;
  user: string;
  /** A file holding the user's password (one line): never on the command line, never logged. */
  passwordFile: string;
  /** Between pulls (ms). */
  pollMs: number;
}

/**
 * Documents in the hub's store that did not come from Tryton (the embedded ERP's demo): a Tryton
 * hub could never book their events, and the floor would keep seeing them.
 */
async function foreignDocuments(db: Knex): Promise<number> {
  let count = 0;
  for (const [table, prefix] of [['orders', 'OUT-'], ['receipts', 'PO-'], ['count_tasks', 'INV-']] as const) {
    const [row] = await db(table).whereNot('id', 'like', `${prefix}%`).count({ n: '*' });
    count += Number(row?.n ?? 0);
  }
  return count;
}

/** The hub's link to a Tryton server: the adapter that books floor events there, and the poller that brings its documents. */
export async function connectTryton(config: TrytonConfig, db: Knex, logger: Logger, observe?: TrytonRpcOptions['observe']): Promise<{ adapter: ErpAdapter; stop(): Promise<void> }> {
  const foreign = await foreignDocuments(db);
  if (foreign > 0) throw new QuaiError('HUB_STORE_NOT_TRYTON', `this hub store holds ${foreign} order(s), receipt(s) or count task(s) of another ERP (the embedded demo?): give a hub on Tryton a store of its own (--db, or another --data-dir)`);
  const rpc = new TrytonRpc({ url: config.url.replace(/\/+$/, ''), database: config.database, user: config.user, password: readSecretFile(config.passwordFile), ...(observe && { observe }) });
  const ctx = { rpc, warehouse: new TrytonWarehouse(rpc), logger };
  const poller = new TrytonPoller({ ctx, db, intervalMs: config.pollMs });
  poller.start();
  logger.info({ url: config.url, database: config.database, user: config.user }, 'connected to Tryton (polling)');
  return {
    adapter: trytonAdapter(ctx),
    async stop() {
      await poller.stop();
      await rpc.logout();
    },
  };
}
