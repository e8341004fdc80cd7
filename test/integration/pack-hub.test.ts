import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { allocateSscc } from '../../src/agent/sscc-allocator.js';
import { ParcelLabels } from '../../src/agent/parcel-labels.js';
import { hasValidCheckDigit } from '../../src/domain/barcode/check-digit.js';
import { parseGs1ElementString } from '../../src/domain/barcode/gs1-element-string.js';
import { zplLabel } from '../../src/devices/label/zpl-label.js';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { createLogger } from '../../src/runtime/logger.js';
import { receiveAndApply } from '../helpers/hub-apply.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { zplListener } from '../helpers/zpl-listener.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-22T10:00:00Z');
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const data = generateDemoData(DEMO_DEFAULTS);
const order = data.orders[0]!;
let seq = 0;
const event = (type: UpstreamEvent['type'], payload: Record<string, unknown>): UpstreamEvent => {
  seq++;
  return { id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, seq, type, at: now.toISOString(), operator: 'OP01', station: 'PACK-1', payload };
};
const parcel = (parcelNo: number, sscc = '037610000100000013') =>
  event('parcel.packed', {
    orderId: order.id,
    parcelNo,
    box: 'BOX-S',
    weight: { value: '1.234', unit: 'kg' },
    expectedGrams: 1230,
    toleranceGrams: 37,
    carrier: 'colissimo',
    tracking: '6A10000000001',
    sscc,
    items: [{ productCode: order.lines[0]!.productCode, quantity: 1 }],
    overridden: false,
  });

async function hub(backend: Backend): Promise<Knex> {
  const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
  closers.push(() => db.destroy());
  await seedHub(db, data);
  seq = 0;
  return db;
}

describe.each(BACKENDS)('packing events at the embedded hub (store on %s)', (backend) => {
  it('refuses to pack an order not picked, then packs, ships once, and records the override and data problem', async () => {
    const db = await hub(backend);
    const apply = (...events: UpstreamEvent[]) => receiveAndApply(db, 'A1', events, now);
    expect((await apply(parcel(1))).results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('not picked') });
    await apply(...order.lines.map((l) => event('pick.line.picked', { orderId: order.id, lineId: l.lineId, productCode: l.productCode, location: l.locationCode, quantity: l.quantity, lots: [] })));
    expect((await apply(parcel(1))).results[0]).toMatchObject({ status: 'accepted' });
    expect((await apply(parcel(1, '037610000100000020'))).results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('already packed') });
    expect((await apply(event('shipment.shipped', { orderId: order.id, parcels: [{ parcelNo: 2, sscc: '037610000100000020', carrier: 'dpd', tracking: '6A10000000002' }] }))).results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('never packed: 2'),
    });
    await apply(
      // as an agent older than notes sends it: no note
      event('weight.override', { orderId: order.id, parcelNo: 1, supervisor: 'SUP1', reason: 'packaging-variance', measured: { value: '1.234', unit: 'kg' }, expectedGrams: 1100, toleranceGrams: 33, missingWeights: [] }),
      event('product.data.problem', { productCode: order.lines[0]!.productCode, problem: 'weight-missing', orderId: order.id }),
    );
    const shipped = await apply(event('shipment.shipped', { orderId: order.id, parcels: [{ parcelNo: 1, sscc: '037610000100000013', carrier: 'colissimo', tracking: '6A10000000001' }] }));
    expect(shipped).toMatchObject({ results: [{ status: 'accepted' }] });
    expect([...shipped.changed]).toEqual(['work']);
    expect((await apply(event('shipment.shipped', { orderId: order.id, parcels: [{ parcelNo: 1, sscc: '037610000100000013', carrier: 'colissimo', tracking: '6A10000000001' }] }))).results[0]).toMatchObject({ status: 'rejected' });
    const report = await inspectHub(db);
    const doc = report.orders.find((o) => o.id === order.id)!;
    expect(doc).toMatchObject({ status: 'shipped', shippedAt: now.toISOString(), parcels: [{ parcelNo: 1, tracking: '6A10000000001', weight: '1.234 kg' }], overrides: [{ supervisor: 'SUP1', reason: 'packaging-variance', note: null }] });
    expect(report.dataProblems).toEqual([expect.objectContaining({ productCode: order.lines[0]!.productCode, problem: 'weight-missing', reportedBy: 'PACK-1' })]);
  });

  it('flags a typed weight: inspect says which parcel was weighed by hand and who approved it; a parcel from an agent that never says came from the scale', async () => {
    const db = await hub(backend);
    const apply = (...events: UpstreamEvent[]) => receiveAndApply(db, 'A1', events, now);
    await apply(...order.lines.map((l) => event('pick.line.picked', { orderId: order.id, lineId: l.lineId, productCode: l.productCode, location: l.locationCode, quantity: l.quantity, lots: [] })));
    const typed = parcel(1);
    const older = parcel(2, '037610000100000020');
    // an agent from before typed weights sends no weightSource
    expect((older.payload as Record<string, unknown>).weightSource).toBeUndefined();
    const approval = { supervisor: 'SUP1', reason: 'scale-offline', note: null };
    expect((await apply({ ...typed, payload: { ...typed.payload, weightSource: 'manual', weightApproval: approval } }, older)).results).toEqual([expect.objectContaining({ status: 'accepted' }), expect.objectContaining({ status: 'accepted' })]);
    const doc = (await inspectHub(db)).orders.find((o) => o.id === order.id)!;
    expect(doc.parcels).toEqual([expect.objectContaining({ parcelNo: 1, weight: '1.234 kg', weightSource: 'manual', weightApproval: approval }), expect.objectContaining({ parcelNo: 2, weightSource: 'scale', weightApproval: null })]);
    const bad = parcel(3, '037610000100000037');
    expect((await apply({ ...bad, payload: { ...bad.payload, weightSource: 'guessed' } })).results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('weightSource') });
  });

  it('rejects a malformed parcel with the field at fault', async () => {
    const db = await hub(backend);
    const bad = { ...parcel(1), payload: { ...parcel(1).payload, sscc: '12' } };
    const outcome = await receiveAndApply(db, 'A1', [{ ...bad, seq: 1 }], now);
    expect(outcome.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('sscc') });
  });
});

describe('SSCCs and labels', () => {
  it('allots SSCCs with a valid check digit, never twice, across reopenings of the store', async () => {
    const file = join(tempDir(), 'agent.sqlite');
    let store = await AgentStore.open(file);
    const first = await allocateSscc(store, '3761000', 1);
    const second = await allocateSscc(store, '3761000', 1);
    await store.close();
    store = await AgentStore.open(file);
    closers.push(() => store.close());
    const third = await allocateSscc(store, '3761000', 1);
    for (const sscc of [first, second, third]) {
      expect(sscc).toMatch(/^03761000\d{10}$/);
      expect(hasValidCheckDigit(sscc)).toBe(true);
      expect(parseGs1ElementString(`00${sscc}`, now).ok).toBe(true);
    }
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('builds a ZPL label with the SSCC as GS1-128 and keeps ZPL control characters out of text fields', () => {
    const zpl = zplLabel({ orderNumber: 'CMD-1', customer: 'A^B~C', address: '1 rue A, 69000 Lyon', parcelNo: 1, weight: '1.234 kg', carrier: 'colissimo', tracking: '6A1', sscc: '037610000100000013' });
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain('^FD>;>800037610000100000013^FS');
    expect(zpl).toContain('^FDA B C^FS');
    expect(zpl.trim().endsWith('^XZ')).toBe(true);
  });

  it('prints over raw TCP, and reports an unreachable printer without losing the label (reprint works)', async () => {
    const listener = await zplListener();
    const changes: string[] = [];
    const logFile = join(tempDir(), 'log');
    const labels = new ParcelLabels({ 'PACK-1': { printer: { kind: 'tcp', host: '127.0.0.1', port: listener.port } }, 'PACK-2': { printer: { kind: 'tcp', host: '127.0.0.1', port: 1 } } }, createLogger('test', logFile), (s) => changes.push(s));
    const pack = { orderNumber: 'CMD-1', customer: 'Camille', address: '1 rue A, 69000 Lyon' } as Parameters<ParcelLabels['parcelsClosed']>[1];
    const packed = parcel(1) as unknown as Parameters<ParcelLabels['parcelsClosed']>[2][number];
    labels.parcelsClosed('PACK-1', pack, [{ type: 'parcel.packed', payload: packed.payload } as Parameters<ParcelLabels['parcelsClosed']>[2][number]]);
    expect(await labels.print('PACK-1')).toBeNull();
    labels.parcelsClosed('PACK-2', pack, [{ type: 'parcel.packed', payload: packed.payload } as Parameters<ParcelLabels['parcelsClosed']>[2][number]]);
    // the terminal gets a code it words; the log says how the printer failed
    expect(await labels.print('PACK-2')).toBe('printer-error');
    await waitFor(() => existsSync(logFile) && /ECONNREFUSED/.test(readFileSync(logFile, 'utf8')), 'the printer failure logged');
    expect(labels.isFailing('PACK-2')).toBe(true);
    expect(await new ParcelLabels({}, createLogger('test', logFile), () => undefined).print('PACK-3')).toBe('no-printer');
    expect(changes).toContain('PACK-2');
    await listener.close();
    expect(listener.jobs.length).toBeGreaterThanOrEqual(2);
    expect(listener.jobs[0]).toContain('6A10000000001');
    await labels.close();
  });
});
