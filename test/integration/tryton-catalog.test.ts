import { describe, expect, it } from 'vitest';
import { binPlace, pullCatalog } from '../../src/hub/adapters/tryton/tryton-catalog.js';
import { SeenStamps } from '../../src/hub/adapters/tryton/tryton-changes.js';
import { TrytonWarehouse } from '../../src/hub/adapters/tryton/tryton-warehouse.js';
import { TrytonRpc } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import { streamVersion } from '../../src/hub/store/hub-store.js';
import { useHubStores } from '../helpers/hub-stores.js';
import { createBin, createProduct, productId, withCompany } from '../helpers/tryton-seed.js';
import { TRYTON_ADMIN_PASSWORD, useTrytonServer } from '../helpers/tryton-server.js';

const tryton = useTrytonServer();
const hubStore = useHubStores();

describe("Tryton's catalog into the hub (issue 7 groundwork)", () => {
  it('brings products with their weights in grams and EAN codes, and bins in walking order; then only what changed', async () => {
    const rpc = new TrytonRpc({ url: tryton().url, database: tryton().freshDatabase(), user: 'admin', password: TRYTON_ADMIN_PASSWORD });
    await withCompany(rpc);
    const glass = await createProduct(rpc, { code: 'P000171', name: 'Verre à eau 25 cl', weight: 0.21, uom: 'kg', eans: ['3761000001707'] });
    await createProduct(rpc, { code: 'P000172', name: 'Tasse', weight: 350, uom: 'g', eans: ['3761000001714', '4006381333931'] });
    await createBin(rpc, 'A-04-07-3');
    const hub = await hubStore();

    // in pages of one product, as a large catalog comes in pages
    const first = await pullCatalog(rpc, hub, new TrytonWarehouse(rpc), null, new SeenStamps(), 1);
    expect(first).toMatchObject({ products: 2, locations: 1 });
    expect(await hub('products').orderBy('code').select('code', 'name', 'weight_grams')).toEqual([
      { code: 'P000171', name: 'Verre à eau 25 cl', weight_grams: 210 },
      { code: 'P000172', name: 'Tasse', weight_grams: 350 },
    ]);
    expect((await hub('barcodes').orderBy('code').select('code', 'product_code')).map((b) => `${b.code}>${b.product_code}`)).toEqual(['03761000001707>P000171', '03761000001714>P000172', '04006381333931>P000172']);
    expect(await hub('locations').select('code', 'zone', 'aisle', 'bay', 'level')).toEqual([{ code: 'A-04-07-3', zone: 'A', aisle: 4, bay: 7, level: 3 }]);
    const version = await streamVersion(hub, 'catalog');

    // the glass gets heavier; the cup loses a code
    await rpc.call('model.product.template.write', [[glass], { weight: 0.25 }]);
    const [cup] = await rpc.call<{ id: number }[]>('model.product.identifier.search_read', [[['code', '=', '4006381333931']], 0, 1, null, ['id']]);
    await rpc.call('model.product.identifier.delete', [[cup!.id]]);
    const again = await pullCatalog(rpc, hub, new TrytonWarehouse(rpc), first.watermark);
    // only what changed since the watermark comes again (the watermark overlaps by design: upserts are idempotent)
    expect(again.products).toBeGreaterThanOrEqual(1);
    expect(again.products + again.locations).toBeLessThan(first.products + first.locations + 1);
    expect(await hub('locations').count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await hub('products').where({ code: 'P000171' }).first('weight_grams')).toEqual({ weight_grams: 250 });
    // Tryton shows no deletions (shared/reference/tryton.md §6.3): the removed code goes at the next full pull
    expect(await hub('barcodes').where({ code: '04006381333931' }).first('product_code')).toEqual({ product_code: 'P000172' });
    await pullCatalog(rpc, hub, new TrytonWarehouse(rpc), null);
    expect(await hub('barcodes').where({ code: '04006381333931' }).first()).toBeUndefined();
    expect(await hub('deletions').where({ kind: 'barcodes', key: '04006381333931' }).first('stream')).toEqual({ stream: 'catalog' });
    expect(await streamVersion(hub, 'catalog')).toBeGreaterThan(version);
  });

  it('keeps each identifier under the code a scan of it looks up: UPC-E and ISBN-10 as their GTIN-14, other codes as written (review item 2)', async () => {
    const rpc = new TrytonRpc({ url: tryton().url, database: tryton().freshDatabase(), user: 'admin', password: TRYTON_ADMIN_PASSWORD });
    await withCompany(rpc);
    await createProduct(rpc, { code: 'LIV-1', name: 'Livre', weight: 300, uom: 'g', eans: ['3761000001707'] });
    await createProduct(rpc, { code: 'CRAY-1', name: 'Crayon', weight: 5, uom: 'g', eans: [] });
    await createProduct(rpc, { code: 'GOM-1', name: 'Gomme', weight: 10, uom: 'g', eans: ['00079198'] });
    const identify = async (productCode: string, identifiers: { type: string | null; code: string }[]) => {
      const product = await productId(rpc, productCode);
      await rpc.call('model.product.identifier.create', [identifiers.map((i) => ({ ...i, product }))]);
    };
    await identify('LIV-1', [{ type: 'isbn', code: '0306406152' }, { type: null, code: 'Sku-Livre' }]);
    await identify('CRAY-1', [{ type: null, code: '07838604' }, { type: null, code: '01234565' }]);
    const hub = await hubStore();
    await pullCatalog(rpc, hub, new TrytonWarehouse(rpc), null);
    const stored = (await hub('barcodes').orderBy('code').select('code', 'product_code')).map((b) => `${b.code}>${b.product_code}`);
    expect(stored).toEqual([
      // EAN-8 of a Tryton `ean` identifier (stdnum reads it so), not its UPC-E reading 00000791000098
      '00000000079198>GOM-1',
      // 01234565 of no type reads both ways: both kept
      '00000001234565>CRAY-1',
      '00012345000065>CRAY-1',
      '00078000003864>CRAY-1',
      '03761000001707>LIV-1',
      '09780306406157>LIV-1',
      'Sku-Livre>LIV-1',
    ]);
  });

  it('reads walking order from bin codes, and keeps other codes sortable', () => {
    expect(binPlace('B-01-09-2')).toEqual({ zone: 'B', aisle: 1, bay: 9, level: 2 });
    expect(binPlace('QUAI-EXPE')).toEqual({ zone: 'QUAI-EXPE', aisle: 0, bay: 0, level: 0 });
  });
});
