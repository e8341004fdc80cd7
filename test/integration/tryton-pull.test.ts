import { describe, expect, it } from 'vitest';
import { pullCatalog } from '../../src/hub/adapters/tryton/tryton-catalog.js';
import { SeenStamps } from '../../src/hub/adapters/tryton/tryton-changes.js';
import { pullStock } from '../../src/hub/adapters/tryton/tryton-stock.js';
import { trytonDate } from '../../src/hub/adapters/tryton/tryton-values.js';
import { TrytonWarehouse } from '../../src/hub/adapters/tryton/tryton-warehouse.js';
import { pullWork } from '../../src/hub/adapters/tryton/tryton-work.js';
import { streamVersion } from '../../src/hub/store/hub-store.js';
import { setOperatorAccess } from '../../src/hub/operator-access.js';
import { useHubStores } from '../helpers/hub-stores.js';
import { createParty, createSale, stockUp } from '../helpers/tryton-seed.js';
import { useTrytonServer } from '../helpers/tryton-server.js';
import { seedWarehouse } from '../helpers/tryton-warehouse.js';

const tryton = useTrytonServer();
const hubStore = useHubStores();
const earlier = (watermark: string | null) => (watermark ? new Date(Date.parse(watermark) - 10_000).toISOString() : null);

describe("Tryton's documents into the hub (issue 7)", () => {
  it('orders at the reserved or fullest bin, receipts, count tasks, stock per bin, operators and boxes; unchanged documents are not written again; later changes follow', async () => {
    const t = await seedWarehouse(tryton());
    const { rpc } = t;
    const [lot] = await rpc.call<number[]>('model.stock.lot.create', [[{ number: 'L-0101', product: t.products.serum }]]);
    await stockUp(rpc, t.bins.a2, [{ product: t.products.widget, quantity: 30 }, { product: t.products.serum, quantity: 7, lot }]);
    // Tryton reserves the short order's widgets; the other one waits
    expect(await rpc.call('model.stock.shipment.out.assign_try', [[t.shipments.short]])).toBe(true);
    const [reserved] = await rpc.call<{ 'from_location.': { code: string } }[]>('model.stock.move.search_read', [[['shipment', '=', `stock.shipment.out,${t.shipments.short}`], ['state', '=', 'assigned']], 0, 1, null, ['from_location.code']]);
    const db = await hubStore();
    // the hub pulls as its own user, holding only the groups the docs name
    const warehouse = new TrytonWarehouse(t.hub);
    const seen = { catalog: new SeenStamps(), work: new SeenStamps() };
    const pullAll = async (marks: { catalog: string | null; stock: string | null; work: string | null }) => ({
      catalog: (await pullCatalog(t.hub, db, warehouse, marks.catalog, seen.catalog)).watermark,
      stock: (await pullStock(t.hub, db, warehouse, marks.stock)).watermark,
      work: (await pullWork(t.hub, db, marks.work, seen.work)).watermark,
    });
    const marks = await pullAll({ catalog: null, stock: null, work: null });

    expect(await db('operators').select('code', 'name', 'role')).toEqual([{ code: 'OP01', name: 'Ana Martin', role: 'operator' }]);
    expect(await db('box_types').select('code', 'tare_grams', 'max_grams')).toEqual([{ code: 'CARTON-M', tare_grams: 200, max_grams: 30_000 }]);
    expect(await db('products').where({ code: 'SERUM' }).first('lot_tracked', 'weight_grams')).toEqual({ lot_tracked: 1, weight_grams: 100 });
    expect(await db('stock').orderBy(['location_code', 'product_code']).select('location_code', 'product_code', 'lot', 'quantity')).toEqual([
      { location_code: 'A-01-01-1', product_code: 'WIDGET', lot: '', quantity: 20 },
      { location_code: 'A-01-02-1', product_code: 'SERUM', lot: 'L-0101', quantity: 7 },
      { location_code: 'A-01-02-1', product_code: 'WIDGET', lot: '', quantity: 30 },
      { location_code: 'B-01-01-1', product_code: 'GADGET', lot: '', quantity: 6 },
      { location_code: 'B-01-01-1', product_code: 'WIDGET', lot: '', quantity: 2 },
    ]);
    expect(await db('orders').orderBy('id').select('id', 'customer', 'status')).toEqual([
      { id: `OUT-${t.shipments.full}`, customer: 'Boutique Lumière', status: 'open' },
      { id: `OUT-${t.shipments.short}`, customer: 'Boutique Lumière', status: 'open' },
    ]);
    // Tryton has no priority; the cut-off is the planned day at 00:00 UTC; shipments with no carrier: null
    const planned = await rpc.call<{ id: number; planned_date: string }[]>('model.stock.shipment.out.read', [[t.shipments.full, t.shipments.short], ['planned_date']]);
    expect(await db('orders').orderBy('id').select('id', 'priority', 'ship_by', 'carrier')).toEqual(
      [t.shipments.full, t.shipments.short].map((id) => ({ id: `OUT-${id}`, priority: 0, ship_by: `${planned.find((p) => p.id === id)!.planned_date}T00:00:00Z`, carrier: null })),
    );
    const lines = await db('order_lines').orderBy('order_id').select('order_id', 'line_id', 'location_code', 'quantity');
    expect(lines).toEqual([
      // waiting: the bin holding most widgets
      { order_id: `OUT-${t.shipments.full}`, line_id: 'WIDGET', location_code: 'A-01-02-1', quantity: 3 },
      // assigned: the bin Tryton reserved
      { order_id: `OUT-${t.shipments.short}`, line_id: 'WIDGET', location_code: reserved!['from_location.'].code, quantity: 5 },
    ]);
    const receipt = await db('receipts').where({ id: `PO-${t.purchase.id}` }).first('number', 'supplier', 'status', 'lines');
    expect({ ...receipt, lines: JSON.parse(receipt.lines) }).toEqual({ number: t.purchase.number, supplier: 'Laboratoires Garonne', status: 'expected', lines: [{ productCode: 'SERUM', quantity: 10 }] });
    expect(await db('count_tasks').select('id', 'scope', 'target', 'status')).toEqual([{ id: `INV-${t.inventory}`, scope: 'location', target: 'B-01-01-1', status: 'open' }]);

    // pulls overlap: what did not change is not written again (no new version for the agents to fetch)
    const versions = async () => Promise.all((['catalog', 'work', 'stock'] as const).map((s) => streamVersion(db, s)));
    const before = await versions();
    const again = await pullAll({ catalog: earlier(marks.catalog), stock: earlier(marks.stock), work: earlier(marks.work) });
    expect(await versions()).toEqual(before);

    // a badge given at the hub stays when Tryton renames the employee
    await setOperatorAccess(db, 'OP01', { badge: 'B7001' });
    const [ana] = await rpc.call<{ id: number }[]>('model.party.party.search_read', [[['code', '=', 'OP01']], 0, 1, null, ['id']]);
    await rpc.call('model.party.party.write', [[ana!.id], { name: 'Ana Martin-Roux' }]);

    // Tryton moves on: a shipment cancelled, a new sale, the inventory confirmed there
    await rpc.call('model.stock.shipment.out.cancel', [[t.shipments.full]]);
    const customer = await createParty(rpc, 'Épicerie du Port');
    const added = await createSale(rpc, customer, [{ product: t.products.gadget, quantity: 2 }]);
    await rpc.call('model.stock.inventory.write', [[t.inventory], { empty_quantity: 'keep' }]);
    await rpc.call('model.stock.inventory.confirm', [[t.inventory]]);
    await rpc.call('model.stock.shipment.out.write', [[t.shipments.short], { planned_date: trytonDate('2026-12-24') }]);
    await pullAll({ catalog: earlier(again.catalog), stock: earlier(again.stock), work: earlier(again.work) });
    expect(await db('orders').orderBy('id').select('id', 'status')).toEqual([
      { id: `OUT-${t.shipments.full}`, status: 'cancelled' },
      { id: `OUT-${t.shipments.short}`, status: 'open' },
      { id: `OUT-${added}`, status: 'open' },
    ]);
    expect(await db('orders').where({ id: `OUT-${t.shipments.short}` }).first('ship_by')).toEqual({ ship_by: '2026-12-24T00:00:00Z' });
    expect(await db('order_lines').where({ order_id: `OUT-${added}` }).select('line_id', 'location_code', 'quantity')).toEqual([{ line_id: 'GADGET', location_code: 'B-01-01-1', quantity: 2 }]);
    expect(await db('count_tasks').where({ id: `INV-${t.inventory}` }).first('status')).toEqual({ status: 'done' });
    expect(await db('operators').select('code', 'name', 'badge')).toEqual([{ code: 'OP01', name: 'Ana Martin-Roux', badge: 'B7001' }]);
  }, 120_000);
});
