import type { Knex } from 'knex';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import type { CatalogPuts } from '../../src/protocol/sync.js';

/** The demo's catalog and orders the agent-store tests share (50 products, 3 orders, seed 7). */
export const DEMO_AGENT_DATA = generateDemoData({ products: 50, orders: 3, seed: 7 });

/**
 * An agent store at `location` (a SQLite file or a PostgreSQL URL) with the demo catalog and its
 * orders open, as if synced from the hub; `extra` box types join the demo's, `more` writes what a
 * test needs besides in the same transaction.
 */
export async function demoAgentStore(location: string, options: { boxTypes?: CatalogPuts['boxTypes']; more?: (store: AgentStore, trx: Knex.Transaction) => Promise<void> } = {}): Promise<AgentStore> {
  const data = DEMO_AGENT_DATA;
  const opened = await AgentStore.open(location);
  await opened.db.transaction(async (trx) => {
    await opened.catalog.applyPuts(trx, { products: data.products, barcodes: data.barcodes, locations: data.locations, operators: data.operators.map((o) => ({ ...o, pinHash: null })), boxTypes: [...data.boxTypes, ...(options.boxTypes ?? [])] });
    await opened.orders.applyPuts(trx, data.orders.map((o) => ({ ...o, status: 'open' as const, lines: o.lines.map((l) => ({ ...l, picked: 0 })) })));
    await options.more?.(opened, trx);
  });
  return opened;
}
