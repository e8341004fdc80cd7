import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { trytonAdapter } from '../../src/hub/adapters/tryton/tryton-adapter.js';
import { pullCatalog } from '../../src/hub/adapters/tryton/tryton-catalog.js';
import { SeenStamps } from '../../src/hub/adapters/tryton/tryton-changes.js';
import { TrytonRpc, TrytonUnavailableError } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import { pullStock } from '../../src/hub/adapters/tryton/tryton-stock.js';
import { TrytonWarehouse } from '../../src/hub/adapters/tryton/tryton-warehouse.js';
import { pullWork } from '../../src/hub/adapters/tryton/tryton-work.js';
import type { ErpAdapter } from '../../src/hub/erp-adapter.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { SyncEventType, UpstreamEvent } from '../../src/protocol/sync-events.js';
import { createLogger } from '../../src/runtime/logger.js';
import { freePort } from '../helpers/free-port.js';
import { useHubStores } from '../helpers/hub-stores.js';
import { BACKENDS, type Backend } from '../helpers/test-database.js';
import { createCarrier, createParty, createSale, stockUp } from '../helpers/tryton-seed.js';
import { expectBookedOnce, HUB_USER, seedWarehouse, type SeededWarehouse } from '../helpers/tryton-warehouse.js';
import { useTrytonServer } from '../helpers/tryton-server.js';

const tryton = useTrytonServer();
const hubStore = useHubStores();

const logger = createLogger('test', '/dev/null', 'silent');
const now = new Date();
let seq = 0;
const event = <K extends SyncEventType>(type: K, payload: Record<string, unknown>): UpstreamEvent => {
  seq++;
  return { id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, seq, type, at: now.toISOString(), operator: 'OP01', station: 'FLOOR-1', payload };
};

/** A hub store with Tryton's documents pulled in, and the adapter on the same Tryton: both as the hub's user (only the documented groups). */
async function connected(t: SeededWarehouse, backend: Backend = 'sqlite'): Promise<{ db: Knex; adapter: ErpAdapter }> {
  const hub = await hubStore(backend);
  const ctx = { rpc: t.hub, warehouse: new TrytonWarehouse(t.hub), logger };
  await pullCatalog(t.hub, hub, ctx.warehouse, null);
  await pullStock(t.hub, hub, ctx.warehouse, null);
  await pullWork(t.hub, hub, null, new SeenStamps());
  return { db: hub, adapter: trytonAdapter(ctx) };
}

/** The floor's events for the run expectBookedOnce reads back, as the agent sends them. */
function floorRun(t: SeededWarehouse, receiptLot: string): UpstreamEvent[] {
  seq = 0;
  const full = `OUT-${t.shipments.full}`;
  return [
    event('pick.line.picked', { orderId: full, lineId: 'WIDGET', productCode: 'WIDGET', location: 'A-01-01-1', quantity: 3, lots: [{ lot: null, expiry: null, quantity: 3 }] }),
    event('pick.short', { orderId: `OUT-${t.shipments.short}`, lineId: 'WIDGET', productCode: 'WIDGET', location: 'A-01-01-1', picked: 4, short: 1, reason: 'insufficient', lots: [{ lot: null, expiry: null, quantity: 4 }] }),
    // a failed weighing first: kept at the hub, nothing at Tryton
    event('weight.check.failed', { orderId: full, parcelNo: 1, box: 'CARTON-M', measured: { value: '2.700', unit: 'kg' }, weightSource: 'scale', expectedGrams: 2450, toleranceGrams: 74, differenceGrams: 250, reason: 'above', missingWeights: [] }),
    event('parcel.packed', {
      orderId: full,
      parcelNo: 1,
      box: 'CARTON-M',
      weight: { value: '2.460', unit: 'kg' },
      expectedGrams: 2450,
      toleranceGrams: 74,
      carrier: 'colissimo',
      tracking: '6A12345678901',
      sscc: '037610000100000013',
      items: [{ productCode: 'WIDGET', quantity: 3 }],
      overridden: false,
    }),
    event('shipment.shipped', { orderId: full, parcels: [{ parcelNo: 1, sscc: '037610000100000013', carrier: 'colissimo', tracking: '6A12345678901' }] }),
    // put away in two goes: two moves of the lot
    event('receipt.line.received', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, productCode: 'SERUM', quantity: 5, lot: receiptLot, expiry: '2027-12-31', location: 'A-01-02-1', suggested: null }),
    event('receipt.line.received', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, productCode: 'SERUM', quantity: 3, lot: receiptLot, expiry: '2027-12-31', location: 'A-01-02-1', suggested: null }),
    event('receipt.discrepancy', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, kind: 'short', productCode: 'SERUM', quantity: 2, expected: 10, reason: null, lot: null, expiry: null }),
    event('receipt.closed', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, lines: [{ productCode: 'SERUM', ordered: 10, received: 8, damaged: 0, missing: 2 }] }),
    event('count.line.counted', { taskId: `INV-${t.inventory}`, location: 'B-01-01-1', productCode: 'GADGET', lot: null, counted: 5, expected: 6, recounted: false, firstCount: null }),
    event('count.closed', { taskId: `INV-${t.inventory}`, lines: 1, recounts: 0 }),
    event('replenishment.requested', { productCode: 'WIDGET', quantity: 10, note: 'rayon presque vide', location: null }),
  ];
}

class HubDied extends Error {}

/** Tryton commits each call; the hub's transaction dies before it records the outcome; the restarted hub applies the same event again. */
async function applyAcrossCrash(db: Knex, adapter: ErpAdapter, e: UpstreamEvent): Promise<void> {
  await expect(
    db.transaction(async (trx) => {
      expect(await adapter.apply(trx, e, now), e.type).toMatchObject({ status: 'accepted' });
      throw new HubDied();
    }),
  ).rejects.toBeInstanceOf(HubDied);
  expect(await db.transaction((trx) => adapter.apply(trx, e, now)), `${e.type} applied again`).toMatchObject({ status: 'accepted' });
}

/** Tryton commits every write, but the reply to every other one is lost: the hub sees a fault where Tryton has the effect. */
class LossyRpc extends TrytonRpc {
  lost = 0;
  private sent = 0;
  override async call<T = unknown>(method: string, params: unknown[], context: Record<string, unknown> = {}): Promise<T> {
    const result = await super.call<T>(method, params, context);
    if (/\.(create|write|copy|quote|confirm|wait|assign_try|pick|pack|done|receive|cancel)$/.test(method) && ++this.sent % 2 === 0) {
      this.lost++;
      throw new TrytonUnavailableError(`reply to ${method} lost`);
    }
    return result;
  }
}

describe('the Tryton adapter books each floor event once (issue 7)', () => {
  it.each(BACKENDS)('an event applied again after the hub died between Tryton’s commit and its own changes nothing more (hub store on %s)', async (backend) => {
    const t = await seedWarehouse(tryton());
    const { db, adapter } = await connected(t, backend);
    for (const e of floorRun(t, 'L-2611')) await applyAcrossCrash(db, adapter, e);
    await expectBookedOnce(t);
    // the failed weighing is the hub's own record, once
    const orders = (await inspectHub(db)).orders;
    expect(orders.flatMap((o) => o.failedWeightChecks.map((f) => [o.id, f.reason, f.differenceGrams]))).toEqual([[`OUT-${t.shipments.full}`, 'above', 250]]);
  }, 120_000);

  it('Tryton’s reply to every other write lost (Tryton committed, the hub saw a fault): each event tried again until it goes through, each effect once', async () => {
    const t = await seedWarehouse(tryton());
    const { db } = await connected(t);
    const lossy = new LossyRpc({ url: tryton().url, database: t.database, ...HUB_USER });
    const adapter = trytonAdapter({ rpc: lossy, warehouse: new TrytonWarehouse(lossy), logger });
    for (const e of floorRun(t, 'L-2611')) {
      for (let attempt = 1; ; attempt++) {
        const outcome = await db.transaction((trx) => adapter.apply(trx, e, now)).catch((error: unknown) => {
          if (!(error instanceof TrytonUnavailableError) || attempt > 20) throw error;
          return undefined;
        });
        if (!outcome) continue;
        expect(outcome, e.type).toMatchObject({ status: 'accepted' });
        break;
      }
    }
    expect(lossy.lost).toBeGreaterThan(10);
    await expectBookedOnce(t);
  }, 120_000);

  it.each(BACKENDS)('what Tryton refuses is rejected with its reason, and the hub keeps nothing of it (hub store on %s)', async (backend) => {
    const t = await seedWarehouse(tryton());
    const { db, adapter } = await connected(t, backend);
    const apply = (e: UpstreamEvent) => db.transaction((trx) => adapter.apply(trx, e, now));
    seq = 100;
    // a bin Tryton does not have
    const unknownBin = event('pick.line.picked', { orderId: `OUT-${t.shipments.full}`, lineId: 'WIDGET', productCode: 'WIDGET', location: 'Z-99-99-9', quantity: 3, lots: [] });
    expect(await apply(unknownBin)).toEqual({ status: 'rejected', reason: 'Tryton: Tryton has no storage bin Z-99-99-9 in the warehouse' });
    expect(await db('order_lines').where({ order_id: `OUT-${t.shipments.full}` }).first('status', 'picked')).toEqual({ status: 'open', picked: 0 });
    // an inventory cancelled in Tryton meanwhile
    await t.rpc.call('model.stock.inventory.cancel', [[t.inventory]]);
    const count = event('count.line.counted', { taskId: `INV-${t.inventory}`, location: 'B-01-01-1', productCode: 'GADGET', lot: null, counted: 5, expected: 6, recounted: false, firstCount: null });
    expect(await apply(count)).toEqual({ status: 'rejected', reason: `Tryton: inventory ${t.inventory} is cancelled in Tryton: the count cannot be booked` });
    // Tryton's own UserError comes through with its message: a lot Tryton requires, missing
    const noLot = event('receipt.line.received', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, productCode: 'SERUM', quantity: 8, lot: null, expiry: null, location: 'A-01-02-1', suggested: null });
    expect(await apply(noLot)).toMatchObject({ status: 'accepted' });
    const close = event('receipt.closed', { receiptId: `PO-${t.purchase.id}`, receipt: t.purchase.number, lines: [{ productCode: 'SERUM', ordered: 10, received: 8, damaged: 0, missing: 2 }] });
    const refused = await apply(close);
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/^Tryton: .*lot/i);
    expect(await db('receipts').where({ id: `PO-${t.purchase.id}` }).first('status')).toEqual({ status: 'receiving' });
    // an order the hub did not get from Tryton
    const foreign = event('pick.line.picked', { orderId: 'CMD-1001', lineId: 'L1', productCode: 'WIDGET', location: 'A-01-01-1', quantity: 1, lots: [] });
    expect(await apply(foreign)).toEqual({ status: 'rejected', reason: 'order CMD-1001 did not come from Tryton: it cannot be booked there' });
  }, 120_000);

  it('Tryton unreachable is a fault, not a rejection: the event waits at the hub', async () => {
    const t = await seedWarehouse(tryton());
    const { db } = await connected(t);
    const down = new TrytonRpc({ url: `http://127.0.0.1:${await freePort()}`, database: t.database, ...HUB_USER, timeoutMs: 2000 });
    const adapter = trytonAdapter({ rpc: down, warehouse: new TrytonWarehouse(down), logger });
    const [pick] = floorRun(t, 'L-1');
    await expect(db.transaction((trx) => adapter.apply(trx, pick!, now))).rejects.toBeInstanceOf(TrytonUnavailableError);
    expect(await db('order_lines').where({ order_id: `OUT-${t.shipments.full}` }).first('status')).toEqual({ status: 'open' });
  }, 120_000);

  it('a line picked from two lots becomes one move per lot, each from the bin picked', async () => {
    const t = await seedWarehouse(tryton());
    const lots = await Promise.all(['L-A', 'L-B'].map(async (number) => (await t.rpc.call<number[]>('model.stock.lot.create', [[{ number, product: t.products.serum }]]))[0]!));
    await stockUp(t.rpc, t.bins.a2, lots.map((lot) => ({ product: t.products.serum, quantity: 4, lot })));
    const shipment = await createSale(t.rpc, await createParty(t.rpc, 'Pharmacie des Quais'), [{ product: t.products.serum, quantity: 5 }]);
    const { db, adapter } = await connected(t);
    seq = 200;
    const picked = event('pick.line.picked', {
      orderId: `OUT-${shipment}`,
      lineId: 'SERUM',
      productCode: 'SERUM',
      location: 'A-01-02-1',
      quantity: 5,
      lots: [
        { lot: 'L-A', expiry: '2027-12-31', quantity: 3 },
        { lot: 'L-B', expiry: '2028-01-31', quantity: 2 },
      ],
    });
    expect(await db.transaction((trx) => adapter.apply(trx, picked, now))).toMatchObject({ status: 'accepted' });
    const [done] = await t.rpc.call<{ state: string; inventory_moves: number[] }[]>('model.stock.shipment.out.read', [[shipment], ['state', 'inventory_moves']]);
    expect(done!.state).toBe('picked');
    const moves = await t.rpc.call<{ quantity: number; state: string; 'lot.': { number: string }; 'from_location.': { code: string } }[]>('model.stock.move.read', [done!.inventory_moves, ['quantity', 'state', 'lot.number', 'from_location.code']]);
    expect(moves.map((m) => [m['lot.'].number, m.quantity, m.state, m['from_location.'].code]).sort()).toEqual([
      ['L-A', 3, 'done', 'A-01-02-1'],
      ['L-B', 2, 'done', 'A-01-02-1'],
    ]);
  }, 120_000);

  it('an order in two parcels, a product split between them: two packages coded with their SSCCs; the one with no move weighs what its parcel weighed', async () => {
    const t = await seedWarehouse(tryton());
    const shipment = await createSale(t.rpc, await createParty(t.rpc, 'Atelier Bastide'), [{ product: t.products.widget, quantity: 3 }]);
    const { db, adapter } = await connected(t);
    const orderId = `OUT-${shipment}`;
    seq = 300;
    const parcel = (parcelNo: number, quantity: number, kg: string, tracking: string) =>
      event('parcel.packed', { orderId, parcelNo, box: 'CARTON-M', weight: { value: kg, unit: 'kg' }, expectedGrams: 0, toleranceGrams: 0, carrier: 'colissimo', tracking, sscc: `03761000010000${String(parcelNo).padStart(4, '0')}`, items: [{ productCode: 'WIDGET', quantity }], overridden: false });
    const events = [
      event('pick.line.picked', { orderId, lineId: 'WIDGET', productCode: 'WIDGET', location: 'A-01-01-1', quantity: 3, lots: [] }),
      parcel(1, 2, '1.700', '6A00000000001'),
      parcel(2, 1, '0.950', '6A00000000002'),
      event('shipment.shipped', { orderId, parcels: [1, 2].map((n) => ({ parcelNo: n, sscc: `03761000010000${String(n).padStart(4, '0')}`, carrier: 'colissimo', tracking: `6A0000000000${n}` })) }),
    ];
    for (const e of events) await applyAcrossCrash(db, adapter, e);
    const [done] = await t.rpc.call<{ state: string; reference: string; packages: number[] }[]>('model.stock.shipment.out.read', [[shipment], ['state', 'reference', 'packages']]);
    expect(done).toMatchObject({ state: 'done', reference: '6A00000000001 6A00000000002' });
    const packages = await t.rpc.call<{ code: string; total_weight: number }[]>('model.stock.package.read', [done!.packages, ['code', 'total_weight']]);
    // the first package holds the whole move of three widgets (2.25 kg + the 200 g box): Tryton's own sum, never a negative additional weight to reach 1.7 kg
    expect(packages.map((p) => [p.code, Math.round(p.total_weight * 1000)])).toEqual([
      ['037610000100000001', 2450],
      ['037610000100000002', 950],
    ]);
  }, 120_000);

  it('package weights read in Tryton to the gram: a 185 g box in grams, the scale’s surplus as additional weight; a parcel lighter than Tryton’s sum gets none (never negative)', async () => {
    const t = await seedWarehouse(tryton());
    const [g] = await t.rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', 'g']], 0, 1, null, ['id']]);
    await t.rpc.call('model.stock.package.type.create', [[{ name: 'POCHETTE', packaging_weight: 185, packaging_weight_uom: g!.id }]]);
    const customer = await createParty(t.rpc, 'Atelier Bastide');
    const heavier = await createSale(t.rpc, customer, [{ product: t.products.widget, quantity: 3 }]);
    const lighter = await createSale(t.rpc, customer, [{ product: t.products.widget, quantity: 3 }]);
    const { db, adapter } = await connected(t);
    seq = 400;
    // three widgets weigh 2.250 kg in Tryton: 2.437 kg in a 185 g box is 2 g over; 2.400 kg in a 200 g box is 50 g under
    for (const [shipment, box, kg, sscc] of [[heavier, 'POCHETTE', '2.437', '037610000100000100'], [lighter, 'CARTON-M', '2.400', '037610000100000117']] as const) {
      const orderId = `OUT-${shipment}`;
      const events = [
        event('pick.line.picked', { orderId, lineId: 'WIDGET', productCode: 'WIDGET', location: 'A-01-01-1', quantity: 3, lots: [] }),
        event('parcel.packed', { orderId, parcelNo: 1, box, weight: { value: kg, unit: 'kg' }, expectedGrams: 0, toleranceGrams: 0, carrier: 'colissimo', tracking: `6A${sscc.slice(-11)}`, sscc, items: [{ productCode: 'WIDGET', quantity: 3 }], overridden: false }),
      ];
      for (const e of events) expect(await db.transaction((trx) => adapter.apply(trx, e, now)), e.type).toMatchObject({ status: 'accepted' });
    }
    type Package = { code: string; total_weight: number; packaging_weight: number; 'packaging_weight_uom.': { symbol: string }; additional_weight: number | null };
    const read = async (shipment: number) => {
      const [{ packages }] = (await t.rpc.call<{ packages: number[] }[]>('model.stock.shipment.out.read', [[shipment], ['packages']])) as [{ packages: number[] }];
      const [found] = await t.rpc.call<Package[]>('model.stock.package.read', [packages, ['code', 'total_weight', 'packaging_weight', 'packaging_weight_uom.symbol', 'additional_weight']]);
      return { ...found!, total_weight: Math.round(found!.total_weight * 1000) };
    };
    expect(await read(heavier)).toMatchObject({ code: '037610000100000100', total_weight: 2437, packaging_weight: 185, 'packaging_weight_uom.': { symbol: 'g' }, additional_weight: 0.002 });
    expect(await read(lighter)).toMatchObject({ code: '037610000100000117', total_weight: 2450, packaging_weight: 200, 'packaging_weight_uom.': { symbol: 'g' }, additional_weight: 0 });
  }, 120_000);

  it('the carrier the floor shipped with becomes the Tryton shipment’s carrier (matched by name); one Tryton does not have leaves it as it was, and the order ships', async () => {
    const t = await seedWarehouse(tryton());
    const colissimo = await createCarrier(t.rpc, 'La Poste', 'Colissimo');
    await createCarrier(t.rpc, 'DPD France', 'Predict');
    const { db, adapter } = await connected(t);
    seq = 500;
    for (const [shipment, quantity, carrier, sscc] of [[t.shipments.full, 3, 'colissimo', '037610000100000124'], [t.shipments.short, 5, 'ups', '037610000100000131']] as const) {
      const orderId = `OUT-${shipment}`;
      const tracking = `6A${sscc.slice(-11)}`;
      const events = [
        event('pick.line.picked', { orderId, lineId: 'WIDGET', productCode: 'WIDGET', location: 'A-01-01-1', quantity, lots: [] }),
        event('parcel.packed', { orderId, parcelNo: 1, box: 'CARTON-M', weight: { value: '5.000', unit: 'kg' }, expectedGrams: 0, toleranceGrams: 0, carrier, tracking, sscc, items: [{ productCode: 'WIDGET', quantity }], overridden: false }),
        event('shipment.shipped', { orderId, parcels: [{ parcelNo: 1, sscc, carrier, tracking }] }),
      ];
      for (const e of events) await applyAcrossCrash(db, adapter, e);
    }
    const shipments = await t.rpc.call<{ id: number; state: string; carrier: number | null }[]>('model.stock.shipment.out.read', [[t.shipments.full, t.shipments.short], ['state', 'carrier']]);
    expect(shipments.map(({ id, state, carrier }) => ({ id, state, carrier }))).toEqual([
      { id: t.shipments.full, state: 'done', carrier: colissimo },
      { id: t.shipments.short, state: 'done', carrier: null },
    ]);
  }, 120_000);
});
