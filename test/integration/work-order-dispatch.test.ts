import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { bumpStreamVersion } from '../../src/hub/store/hub-store.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

const OPTIONS = { products: 40, orders: 9 };

describe.each(BACKENDS)('work orders\' priority, cut-off and carrier, hub to agent (stores on %s, websockets on loopback)', (backend) => {
  it('the agent stores what the hub streams, and takes a change the ERP made later', async () => {
    site = await startSite(tempDir(), { backend, ...OPTIONS });
    const demo = generateDemoData({ ...OPTIONS, seed: 2026 });
    const stored = await Promise.all(demo.orders.map((o) => site!.agent.store.orders.find(o.id)));
    expect(stored.map((o) => ({ number: o!.number, priority: o!.priority, shipBy: o!.shipBy, carrier: o!.carrier }))).toEqual(demo.orders.map((o) => ({ number: o.number, priority: o.priority, shipBy: o.shipBy, carrier: o.carrier })));
    // the demo gives them all: urgent orders, orders without a cut-off or a carrier, and ties
    expect(stored.find((o) => o!.number === 'CMD-1002')).toMatchObject({ priority: 1, shipBy: '2026-12-01T11:00:00Z', carrier: 'chronopost' });
    expect(stored.find((o) => o!.number === 'CMD-1008')).toMatchObject({ priority: 1, shipBy: null });
    expect(stored.find((o) => o!.number === 'CMD-1007')).toMatchObject({ priority: 0, carrier: null });

    const hubDb = site.hub!.db;
    await hubDb.transaction(async (trx) => {
      const version = await bumpStreamVersion(trx, 'work');
      await trx('orders').where({ id: 'SO1001' }).update({ priority: 5, ship_by: '2026-12-01T09:30:00Z', carrier: 'ups', version });
    });
    await waitFor(async () => (await site!.agent.store.orders.find('SO1001'))?.priority === 5, 'the change reaches the agent');
    expect(await site.agent.store.orders.find('CMD-1001')).toMatchObject({ priority: 5, shipBy: '2026-12-01T09:30:00Z', carrier: 'ups', localStatus: 'open' });
  });
});
