import { AgentStore } from '../../src/agent/store/agent-store.js';
import { generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { freshDatabase, type Backend } from './test-database.js';

/** A small demo data set (50 products, 3 orders), the same on every call. */
export const smallDemoData = generateDemoData({ products: 50, orders: 3, seed: 7 });

/** An agent store in `dir` (or on a fresh PostgreSQL database) with the small demo catalog and its orders open, as if synced from the hub. */
export async function seededAgentStore(backend: Backend, dir: string): Promise<AgentStore> {
  const data = smallDemoData;
  const opened = await AgentStore.open(await freshDatabase(backend, dir, 'agent'));
  await opened.db.transaction(async (trx) => {
    await opened.catalog.applyPuts(trx, { products: data.products, barcodes: data.barcodes, locations: data.locations, operators: data.operators.map((o) => ({ ...o, pinHash: null })), boxTypes: data.boxTypes });
    await opened.orders.applyPuts(trx, data.orders.map((o) => ({ ...o, status: 'open' as const, lines: o.lines.map((l) => ({ ...l, picked: 0 })) })));
  });
  return opened;
}
