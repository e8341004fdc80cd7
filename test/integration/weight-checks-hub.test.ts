import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoxType } from '../../src/domain/catalog.js';
import type { DomainEvent } from '../../src/domain/events.js';
import type { PackOrder } from '../../src/domain/order-to-pack.js';
import type { StationScale } from '../../src/domain/scale-reading.js';
import { reducePack, startPack, type PackIntent, type PackRules, type PackState } from '../../src/domain/workflows/pack.js';
import { DEMO_DEFAULTS, generateDemoData, type DemoOrder } from '../../src/hub/adapters/embedded/demo-data.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { floorReport } from '../../src/hub/floor-report.js';
import { formatInspection, inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { receiveAndApply } from '../helpers/hub-apply.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
const opened: Knex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
});

const data = generateDemoData(DEMO_DEFAULTS);
const [failing, passing] = data.orders;
const at = '2026-11-30T09:15:00.000Z';
const rules: PackRules = { tolerance: { absoluteGrams: 20, percent: 2 }, fillerGrams: 10, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' };
const box: BoxType = { code: 'BOX-L', name: 'Carton L', tareGrams: 200, maxGrams: 30_000, tolerance: null };
const scale: StationScale = { kind: 'online', load: null, emptiedSinceWeighed: true };

let seq = 0;
const upstream = (event: DomainEvent, station: string, operator = 'OP01'): UpstreamEvent => {
  seq++;
  return { id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, seq, type: event.type, at, operator, station, payload: event.payload };
};
const picks = (order: DemoOrder) => order.lines.map((l) => upstream({ type: 'pick.line.picked', payload: { orderId: order.id, lineId: l.lineId, productCode: l.productCode, location: l.locationCode, quantity: l.quantity, lots: [] } }, 'PICK-1'));

/** The order packed at PACK-1 by the pack reducer, each unit weighing 100 g, as the station goes: its events. */
function packed(order: DemoOrder, ...weighings: PackIntent[]): DomainEvent[] {
  const toPack: PackOrder = { id: order.id, number: order.number, customer: order.customer, address: '1 rue A, 69000 Lyon', items: order.lines.map((l) => ({ productCode: l.productCode, productName: l.productCode, quantity: l.quantity, ordered: l.quantity, weightGrams: 100, family: '' })) };
  const scans: PackIntent[] = order.lines.flatMap((l) => Array.from({ length: l.quantity }, () => ({ type: 'scan', meaning: { kind: 'product', productCode: l.productCode, productName: l.productCode, multiple: 1 } }) as const));
  const close: PackIntent[] = [{ type: 'carrier', carrier: 'colissimo' }, { type: 'tracking', tracking: `6A${order.id.replace(/\D/g, '').padStart(11, '0')}`, sscc: '037610000100000013' }];
  let state: PackState = startPack(toPack);
  const events: DomainEvent[] = [];
  for (const intent of [...scans, { type: 'close-box' } as const, { type: 'box', box, ref: box.code } as const, ...weighings, ...close]) {
    const result = reducePack(state, intent, rules, scale);
    state = result.state;
    events.push(...result.events);
  }
  // an intent refused on the way would leave it short of done
  expect(state.phase).toBe('done');
  return events;
}
const units = (order: DemoOrder) => order.lines.reduce((sum, l) => sum + l.quantity, 0);
const grams = (order: DemoOrder, off = 0): PackIntent => ({ type: 'weight', weight: { value: String(units(order) * 100 + box.tareGrams + rules.fillerGrams + off), unit: 'g' } });

async function hub(backend: Backend): Promise<Knex> {
  const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
  opened.push(db);
  await seedHub(db, data);
  await db('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 0, time_zone: 'Europe/Paris' });
  seq = 0;
  return db;
}

describe.each(BACKENDS)('weight checks failed, passed and overridden at the hub (store on %s)', (backend) => {
  it('a parcel failed then let go by a supervisor, one that passes: one of each in the figures, the failure under its order in hub inspect', async () => {
    const db = await hub(backend);
    const now = new Date('2026-11-30T10:00:00Z');
    // the failing parcel: 300 g too heavy, then let go by SUP1
    const failedThenOverridden = packed(failing!, grams(failing!, 300), { type: 'override', supervisor: 'SUP1', pinOk: true, reason: 'packaging-variance', note: null });
    expect(failedThenOverridden.map((e) => e.type)).toEqual(['weight.check.failed', 'weight.override', 'parcel.packed', 'shipment.shipped']);
    const passed = packed(passing!, grams(passing!, 5));
    expect(passed.map((e) => e.type)).toEqual(['parcel.packed', 'shipment.shipped']);
    const applied = await receiveAndApply(db, 'A1', [...picks(failing!), ...picks(passing!), ...failedThenOverridden.map((e) => upstream(e, 'PACK-1', 'OP02')), ...passed.map((e) => upstream(e, 'PACK-1', 'OP02'))], now);
    expect(applied.results.filter((r) => r.status !== 'accepted')).toEqual([]);

    const site = (await floorReport(db, { from: '2026-11-30', to: '2026-11-30' })).sites[0]!;
    expect(site.figures['weight.passed']).toEqual({ n: 1, quantity: 0, by: {} });
    expect(site.figures['weight.failed']).toEqual({ n: 1, quantity: 0, by: { above: { n: 1, quantity: 0 } } });
    expect(site.figures['weight.overridden']).toEqual({ n: 1, quantity: 0, by: { SUP1: { n: 1, quantity: 0 } } });
    expect(site.figures['parcel.packed'].n).toBe(2);
    // the packer's: the failed check counts for whoever weighed
    expect(site.operators.find((o) => o.operator === 'OP02')!.figures['weight.failed'].by).toEqual({ above: { n: 1, quantity: 0 } });

    const inspection = await inspectHub(db);
    const orders = inspection.orders;
    const expectedGrams = units(failing!) * 100 + box.tareGrams + rules.fillerGrams;
    expect(orders.find((o) => o.id === failing!.id)!.failedWeightChecks).toEqual([
      { parcelNo: 1, box: 'BOX-L', measured: `${expectedGrams + 300} g`, weightSource: 'scale', expectedGrams, toleranceGrams: Math.max(20, Math.round(expectedGrams * 0.02)), differenceGrams: 300, reason: 'above', missingWeights: [], station: 'PACK-1', operator: 'OP02', at },
    ]);
    expect(orders.find((o) => o.id === passing!.id)!.failedWeightChecks).toEqual([]);
    // the text form: under its order, before the override that let it go
    const text = formatInspection(inspection);
    expect(text).toContain(`      weight check failed, parcel 1 BOX-L ${expectedGrams + 300} g: above, +300 g of ${expectedGrams} ± ${Math.max(20, Math.round(expectedGrams * 0.02))} g (PACK-1, OP02)\n      weight override, parcel 1, by SUP1`);
  });

  it('a failed check of an order the hub does not know is rejected, and counted rejected', async () => {
    const db = await hub(backend);
    const failure: DomainEvent = { type: 'weight.check.failed', payload: { orderId: 'SO-NOPE', parcelNo: 1, box: 'BOX-L', measured: { value: '1.2', unit: 'kg' }, weightSource: 'manual', expectedGrams: 900, toleranceGrams: 20, differenceGrams: 300, reason: 'above', missingWeights: [] } };
    const outcome = await receiveAndApply(db, 'A1', [upstream(failure, 'PACK-1')], new Date('2026-11-30T10:00:00Z'));
    expect(outcome.results).toEqual([expect.objectContaining({ status: 'rejected', reason: 'unknown order SO-NOPE' })]);
    const figures = (await floorReport(db, { from: '2026-11-30', to: '2026-11-30' })).sites[0]!.figures;
    expect(figures['event.rejected'].by).toEqual({ 'weight.check.failed': { n: 1, quantity: 0 } });
    expect((await inspectHub(db)).orders.flatMap((o) => o.failedWeightChecks)).toEqual([]);
  });
});
