import type { Knex } from 'knex';
import { readSecretFile } from '../../../runtime/secret-file.js';
import type { Logger } from '../../../runtime/logger.js';
import type { ErpAdapter } from '../../erp-adapter.js';
import { trytonAdapter } from './tryton-adapter.js';
import { TrytonPoller } from './tryton-poller.js';
import { TrytonRpc } from './tryton-rpc.js';
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

/** The hub's link to a Tryton server: the adapter that books floor events there, and the poller that brings its documents. */
export function connectTryton(config: TrytonConfig, db: Knex, logger: Logger): { adapter: ErpAdapter; stop(): Promise<void> } {
  const rpc = new TrytonRpc({ url: config.url.replace(/\/+$/, ''), database: config.database, user: config.user, password: readSecretFile(config.passwordFile) });
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
