import { afterEach, describe, expect, it } from 'vitest';
import { resolveScanOrChoice } from '../../src/agent/scan-resolver.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { feedbackView } from '../../src/protocol/local-api.js';
import { demoAgentStore } from '../helpers/demo-agent-store.js';
import { pickOpenOrder, testStationSessions } from '../helpers/station-context.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});
const now = new Date('2026-11-29T10:00:00Z');

/** A catalog whose codes are spelt as a Tryton site spells them: mixed case. */
async function mixedCaseStore(backend: Backend): Promise<AgentStore> {
  const opened = await AgentStore.open(await freshDatabase(backend, tempDir(), 'agent'));
  const product = (code: string, name: string) => ({ code, name, unit: 'pce', weightGrams: 100, family: '', lotTracked: false, homeLocation: null });
  await opened.db.transaction(async (trx) => {
    await opened.catalog.applyPuts(trx, {
      products: [product('Vis-M6', 'Vis M6'), product('EAN8-P', 'Gomme'), product('UPCE-P', 'Crayon')],
      barcodes: [
        { code: 'Sku-Vis-6', productCode: 'Vis-M6', multiple: 1 },
        { code: '00000000079198', productCode: 'EAN8-P', multiple: 1 },
        { code: '00000791000098', productCode: 'UPCE-P', multiple: 1 },
      ],
      locations: [{ code: 'Quai-B-01', zone: 'Quai', aisle: 0, bay: 0, level: 0 }],
      operators: [{ code: 'jdupont', name: 'Jeanne Dupont', badge: 'b1001', role: 'operator', pinHash: null }],
      boxTypes: [{ code: 'Carton M', name: 'Carton moyen', tareGrams: 200, maxGrams: 10000, tolerance: null }],
    });
    await opened.workDocs.applyPuts(trx, [], [{ id: 'inv-7', scope: 'location', target: 'Quai-B-01', status: 'open' }]);
  });
  return opened;
}

describe.each(BACKENDS)('internal codes compare without case on both sides (%s)', (backend) => {
  it('finds a box type, a bin, an operator, a badge, a count task and an internal product code typed in any case', async () => {
    store = await mixedCaseStore(backend);
    for (const typed of ['Carton M', 'carton m', 'CARTON M']) expect((await store.catalog.boxTypeByCode(typed))?.code).toBe('Carton M');
    for (const typed of ['quai-b-01', 'QUAI-B-01']) expect((await store.catalog.locationByCode(typed))?.code).toBe('Quai-B-01');
    for (const typed of ['JDUPONT', 'jdupont', 'B1001', 'b1001']) expect((await store.catalog.operatorByCodeOrBadge(typed))?.code).toBe('jdupont');
    expect((await store.workDocs.task('INV-7'))?.id).toBe('inv-7');
    expect((await store.catalog.productByBarcode('SKU-VIS-6'))?.product.code).toBe('Vis-M6');
    expect(await store.catalog.boxTypeByCode('Carton L')).toBeUndefined();
  });

  it('resolves a scan of a bin or internal code in another case to the ERP spelling', async () => {
    store = await mixedCaseStore(backend);
    expect(await resolveScanOrChoice(store, 'QUAI-B-01', now)).toEqual({ kind: 'location', code: 'Quai-B-01' });
    expect(await resolveScanOrChoice(store, ']C0sku-vis-6', now)).toMatchObject({ kind: 'product', productCode: 'Vis-M6' });
  });

  it('uses the expression indexes of migration 0009', async () => {
    store = await mixedCaseStore(backend);
    const plan = backend === 'sqlite'
      ? JSON.stringify(await store.db.raw("EXPLAIN QUERY PLAN SELECT * FROM box_types WHERE upper(code) = upper('carton m')"))
      : JSON.stringify((await store.db.raw("SET enable_seqscan = off; EXPLAIN SELECT * FROM box_types WHERE upper(code) = upper('carton m')"))[1]?.rows ?? []);
    expect(plan).toMatch(/box_types_code_upper/);
  });
});

describe.each(BACKENDS)('an 8-digit code valid as EAN-8 and as UPC-E is looked up both ways (%s)', (backend) => {
  it('both known: the operator chooses; one known: that one; neither: unknown naming both readings', async () => {
    store = await mixedCaseStore(backend);
    expect(await resolveScanOrChoice(store, '00079198', now)).toEqual({
      kind: 'ambiguous',
      data: '00079198',
      readings: [
        { reading: 'EAN-8', gtin: '00000000079198', productCode: 'EAN8-P', productName: 'Gomme', multiple: 1 },
        { reading: 'UPC-E', gtin: '00000791000098', productCode: 'UPCE-P', productName: 'Crayon', multiple: 1 },
      ],
    });
    await store.db.transaction((trx) => store!.catalog.applyDels(trx, { barcodes: ['00000000079198'] }));
    expect(await resolveScanOrChoice(store, '00079198', now)).toMatchObject({ kind: 'product', productCode: 'UPCE-P' });
    await store.db.transaction((trx) => store!.catalog.applyDels(trx, { barcodes: ['00000791000098'] }));
    expect(await resolveScanOrChoice(store, '00079198', now)).toEqual({ kind: 'unknown', data: '00079198 (EAN-8 00000000079198, UPC-E 00000791000098)' });
  });

  it('both readings kept for one product (an ERP identifier of unknown type): that product, nothing to choose', async () => {
    store = await mixedCaseStore(backend);
    await store.db.transaction((trx) => store!.catalog.applyPuts(trx, { barcodes: [{ code: '00000791000098', productCode: 'EAN8-P', multiple: 1 }] }));
    expect(await resolveScanOrChoice(store, '00079198', now)).toEqual({ kind: 'product', productCode: 'EAN8-P', productName: 'Gomme', multiple: 1 });
  });

  it('the chosen reading, sent back as its GTIN-14, is unambiguous', async () => {
    store = await mixedCaseStore(backend);
    expect(await resolveScanOrChoice(store, '00000791000098', now)).toMatchObject({ kind: 'product', productCode: 'UPCE-P' });
  });

  it('GS1 data opening with one GS (FNC1 from a reader with AIM identifiers off) finds its item; two GS are refused', async () => {
    store = await mixedCaseStore(backend);
    expect(await resolveScanOrChoice(store, '\x1d0100000791000098\x1d10L7', now)).toMatchObject({ kind: 'product', productCode: 'UPCE-P', lot: 'L7' });
    expect(await resolveScanOrChoice(store, '\x1d\x1d0100000791000098', now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_MALFORMED' } });
  });
});

describe.each(BACKENDS)('at the station (%s)', (backend) => {
  it('a Tryton box type `Carton M` typed `carton m` at the box step is chosen (was PACK_BOX_UNKNOWN)', async () => {
    store = await demoAgentStore(await freshDatabase(backend, tempDir(), 'agent'), { boxTypes: [{ code: 'Carton M', name: 'Carton moyen', tareGrams: 200, maxGrams: 10000, tolerance: null }] });
    const sessions = testStationSessions(store);
    await sessions.handle('S1', { type: 'input', data: 'op01', source: 'keyboard' });
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    const order = (await store.orders.listOpen(1))[0]!;
    await sessions.handle('S1', { type: 'open-order', orderId: order.id });
    await pickOpenOrder(sessions, store, 'S1');
    await sessions.handle('S1', { type: 'finish' });
    await sessions.handle('S1', { type: 'back' });
    await sessions.handle('S1', { type: 'menu', choice: 'pack' });
    await sessions.handle('S1', { type: 'open-pack-order', orderId: order.id });
    const pack = (await sessions.get('S1')).state.pack!;
    const item = pack.items.find((i) => i.quantity > 0)!;
    await sessions.handle('S1', { type: 'input', data: (await store.catalog.unitBarcodes([item.productCode])).get(item.productCode)!, source: 'wedge' });
    await sessions.handle('S1', { type: 'close-box' });
    expect((await sessions.get('S1')).state.pack?.phase).toBe('box');
    const chosen = await sessions.handle('S1', { type: 'input', data: 'carton m', source: 'keyboard' });
    // chosen: the station (no scale here) goes on to the weight
    expect(chosen.feedback).toMatchObject({ code: 'PACK_TYPE_WEIGHT' });
    expect(chosen.session.state.pack).toMatchObject({ phase: 'weigh', box: { code: 'Carton M' } });
  });

  it('a code with two known readings: SCAN_AMBIGUOUS with its readings, nothing changed; the chosen GTIN-14 then reads as one item', async () => {
    store = await mixedCaseStore(backend);
    const sessions = testStationSessions(store);
    await sessions.handle('S1', { type: 'input', data: 'B1001', source: 'wedge' });
    await sessions.handle('S1', { type: 'menu', choice: 'lookup' });
    const before = (await sessions.get('S1')).state;
    const asked = await sessions.handle('S1', { type: 'input', data: '00079198', source: 'wedge' });
    expect(asked.feedback).toMatchObject({ level: 'info', code: 'SCAN_AMBIGUOUS', params: { data: '00079198' }, readings: [{ reading: 'EAN-8', gtin: '00000000079198', productCode: 'EAN8-P', productName: 'Gomme' }, { reading: 'UPC-E', gtin: '00000791000098', productCode: 'UPCE-P', productName: 'Crayon' }] });
    expect(asked.session.state).toEqual(before);
    // the local API's feedback schema carries the readings to the terminal as they are
    expect(feedbackView.parse(asked.feedback)).toEqual(asked.feedback);
    const audit = await store.db('audit').where('outcome_code', 'SCAN_AMBIGUOUS').first('raw', 'intent');
    expect(audit).toEqual({ raw: '00079198', intent: 'input' });
    const chosen = await sessions.handle('S1', { type: 'input', data: '00000791000098', source: 'keyboard' });
    expect(chosen.session.state.lookup).toEqual({ kind: 'product', code: 'UPCE-P' });
  });

  it('the look-up takes a product by its own code as the screens show it, in any case', async () => {
    store = await mixedCaseStore(backend);
    const sessions = testStationSessions(store);
    await sessions.handle('S1', { type: 'input', data: 'B1001', source: 'wedge' });
    await sessions.handle('S1', { type: 'menu', choice: 'lookup' });
    for (const typed of ['Vis-M6', 'VIS-M6', ' vis-m6 ']) {
      const found = await sessions.handle('S1', { type: 'input', data: typed, source: 'keyboard' });
      expect(found.session.state.lookup).toEqual({ kind: 'product', code: 'Vis-M6' });
    }
    const unknown = await sessions.handle('S1', { type: 'input', data: 'Vis-M7', source: 'keyboard' });
    expect(unknown.feedback).toMatchObject({ level: 'error', params: { ref: 'Vis-M7' } });
  });
});
