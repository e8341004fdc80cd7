import { afterEach, describe, expect, it } from 'vitest';
import { bumpStreamVersion } from '../../src/hub/store/hub-store.js';
import { removeCatalogDocs } from '../../src/hub/store/catalog-repo.js';
import { streamPatches } from '../../src/hub/streams.js';
import type { PatchMessage } from '../../src/protocol/sync.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { demoData } from '../helpers/demo-data.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

describe.each(BACKENDS)('catalog sync (stores on %s)', (backend) => {
  it('removes at the agent what the hub removed, and takes it back when the hub has it again', async () => {
    site = await startSite(tempDir(), { backend });
    const hubDb = site.hub!.db;
    const barcodes: { code: string }[] = await hubDb('barcodes').where({ product_code: 'P000003' }).select('code');
    const product = await hubDb('products').where({ code: 'P000003' }).first();
    expect(await site.agent.store.catalog.productByCode('P000003')).toBeDefined();
    await hubDb.transaction(async (trx) => {
      await removeCatalogDocs(trx, 'barcodes', barcodes.map((b) => b.code));
      await removeCatalogDocs(trx, 'products', ['P000003']);
    });
    // no event told the hub's server: its watch on the stream versions finds the change
    await waitFor(async () => (await site!.agent.store.catalog.productByCode('P000003')) === undefined, 'product removed at the agent');
    expect(await site.agent.store.catalog.productByBarcode(barcodes[0]!.code)).toBeUndefined();
    await hubDb.transaction(async (trx) => {
      const version = await bumpStreamVersion(trx, 'catalog');
      await trx('products').insert({ ...product, version });
    });
    await waitFor(async () => (await site!.agent.store.catalog.productByCode('P000003'))?.name === product.name, 'product back at the agent');
  });

  it('a full reconciliation sweeps what drifted, and the catalog stays usable meanwhile', async () => {
    site = await startSite(tempDir(), { backend });
    const agentDb = site.agent.store.db;
    // drift both ways: the agent holds a product the hub never sent; the hub lost one without a tombstone
    await agentDb('products').insert({ code: 'STRAY', name: 'stray', unit: 'pce', family: '', lot_tracked: false });
    await site.hub!.db('products').where({ code: 'P000005' }).delete();
    const seen: (string | undefined)[] = [];
    site.agent.sync.reconnectNow({ catalog: true });
    await waitFor(async () => {
      seen.push((await site!.agent.store.catalog.productByCode('P000001'))?.code);
      return (await site!.agent.store.catalog.productByCode('STRAY')) === undefined;
    }, 'stray product swept');
    expect(await site.agent.store.catalog.productByCode('P000005')).toBeUndefined();
    expect(seen.every((code) => code === 'P000001')).toBe(true);
    expect((await site.agent.status()).catalog.products).toBe(demoData.products.length - 1); // the demo's, less the one removed at the hub
    expect(await site.agent.store.meta.get('catalogSnapshotAt')).toBeDefined();
  });
});

describe('catalog snapshot pages', () => {
  it('carry one snapshot id and their progress; an incremental patch carries removals first', async () => {
    site = await startSite(tempDir(), { products: 3000, orders: 2 });
    const pages: PatchMessage[] = [];
    for await (const page of streamPatches(site.hub!.db, 'catalog', null)) pages.push(page);
    const ids = new Set(pages.map((p) => p.snapshotId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
    const done = pages.map((p) => p.progress!.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(pages.at(-1)!.progress).toEqual({ done: 3000 + 4500 + pages.at(-1)!.progress!.total - 7500, total: pages.at(-1)!.progress!.total });
    expect(pages.at(-1)!.cursor).not.toBeNull();
    const cursor = pages.at(-1)!.cursor!;
    await site.hub!.db.transaction((trx) => removeCatalogDocs(trx, 'products', ['P000010']));
    const later: PatchMessage[] = [];
    for await (const page of streamPatches(site.hub!.db, 'catalog', cursor)) later.push(page);
    expect(later[0]).toMatchObject({ snapshot: false, dels: { products: ['P000010'] } });
    expect(later.every((p) => p.snapshotId === undefined && p.progress === undefined)).toBe(true);
  });
});

describe('an agent stopped while the hub is still sending', () => {
  it('reads its link to the close and records nothing once stopping', async () => {
    // no heartbeat to end a link left unread: the stop alone must close it
    site = await startSite(tempDir(), { products: 3000, orders: 2, heartbeatMs: 600_000 });
    const { agent } = site;
    const catalog = agent.store.catalog;
    const applyPuts = catalog.applyPuts.bind(catalog);
    let pages = 0;
    catalog.applyPuts = (...args) => {
      pages++;
      return applyPuts(...args);
    };
    // a full snapshot in pages: the hub goes on sending them while the agent stops
    agent.sync.reconnectNow({ catalog: true });
    await waitFor(() => pages >= 2, 'snapshot pages coming in');
    await agent.stop();
    const recorded = pages;
    await waitFor(() => agent.sync.link === 'offline', 'the link closed by the stop', 5000);
    expect(pages).toBe(recorded);
    await site.stopHub();
    site = undefined;
  });
});
