import { afterEach, describe, expect, it } from 'vitest';
import { resolveScanOrChoice } from '../../src/agent/scan-resolver.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { encodeVariableMeasure, referenceCode, type VariableMeasureLayout } from '../../src/domain/barcode/variable-measure.js';
import { generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

// the site's layouts: weights in g under prefix 24, prices in cents (with a price check digit) under 22
const weight24: VariableMeasureLayout = { prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', priceCheck: false };
const price22: VariableMeasureLayout = { prefix: '22', itemDigits: 5, valueDigits: 4, value: 'price-cents', priceCheck: true };
const ham = { code: 'PJAMBON', name: 'Jambon blanc à la coupe', unit: 'g', weightGrams: 1, family: 'traiteur', lotTracked: false, homeLocation: 'A-01-01-1' };
const label = (grams: number) => encodeVariableMeasure(weight24, '00777', grams);

/** The demo catalog plus ham sold by weight (unit g) under its two references, and an order of 750 g of it. */
async function seededStore(backend: Backend): Promise<AgentStore> {
  const data = generateDemoData({ products: 20, orders: 1, seed: 7 });
  const opened = await AgentStore.open(await freshDatabase(backend, tempDir(), 'agent'));
  await opened.db.transaction(async (trx) => {
    const barcodes = [...data.barcodes, { code: referenceCode(weight24, '00777'), productCode: ham.code, multiple: 1 }, { code: referenceCode(price22, '00777'), productCode: ham.code, multiple: 1 }];
    await opened.catalog.applyPuts(trx, { products: [...data.products, ham], barcodes, locations: data.locations, operators: data.operators.map((o) => ({ ...o, pinHash: null })), boxTypes: data.boxTypes });
    const order = { id: 'SO9', number: 'CMD-9001', customer: 'Épicerie Fine Sud', address: '1 rue X', status: 'open' as const, priority: 0, shipBy: null, carrier: null, lines: [{ lineId: '1', productCode: ham.code, locationCode: 'A-01-01-1', quantity: 750, picked: 0 }] };
    await opened.orders.applyPuts(trx, [order]);
  });
  return opened;
}

describe.each(BACKENDS)('weighed goods at the agent (%s)', (backend) => {
  it('picks a product sold by weight by its labels\' grams; refuses a price label, an unknown item and too much; a last label a little over completes the line', async () => {
    store = await seededStore(backend);
    const sessions = testStationSessions(store, { variableMeasure: [weight24, price22] });
    const input = (data: string) => sessions.handle('S1', { type: 'input', data, source: 'wedge' });
    await input('OP01');
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    await sessions.handle('S1', { type: 'open-order', orderId: 'SO9' });
    await input('A-01-01-1');
    expect((await input(label(317))).feedback).toMatchObject({ level: 'ok', code: 'PICK_QTY_ADDED' });
    expect((await sessions.get('S1')).state.pick?.lines[0]).toMatchObject({ picked: 317 });
    expect((await input(encodeVariableMeasure(price22, '00777', 1250))).feedback).toMatchObject({ level: 'error', code: 'BARCODE_MEASURE_NO_WEIGHT' });
    expect((await input(encodeVariableMeasure(weight24, '00778', 100))).feedback).toMatchObject({ level: 'error', code: 'BARCODE_UNKNOWN' });
    // 433 g are left; the site's picking.weightOverPercent (10 %) lets a label go 75 g over, not 76
    expect((await input(label(509))).feedback).toMatchObject({ level: 'error', code: 'PICK_OVER_PICK' });
    // a scale's code with no layout on this site: told so, never taken for a GTIN
    expect((await input(encodeVariableMeasure({ ...weight24, prefix: '21' }, '12345', 250))).feedback).toMatchObject({ level: 'error', code: 'BARCODE_NO_MEASURE_LAYOUT', params: { detail: '21' } });
    const done = await input(label(434));
    expect(done.events).toEqual([expect.objectContaining({ type: 'pick.line.picked', payload: expect.objectContaining({ productCode: ham.code, quantity: 751 }) })]);
    expect((await sessions.get('S1')).state.pick?.lines[0]).toMatchObject({ status: 'picked', picked: 751, quantity: 750 });
  });

  it('finds a code of a layout\'s prefix listed whole in the catalog (an ERP\'s internal EAN-13 for a fixed product) before reading its layout', async () => {
    store = await seededStore(backend);
    // the ERP gave a fixed-weight butter pack an internal EAN-13 of prefix 24, as the scale's labels
    const internal = encodeVariableMeasure(weight24, '00888', 250);
    const butter = { code: 'PBEURRE', name: 'Beurre doux 250 g', unit: 'pce', weightGrams: 250, family: 'cremerie', lotTracked: false, homeLocation: 'A-01-01-1' };
    await store.db.transaction((trx) => store!.catalog.applyPuts(trx, { products: [butter], barcodes: [{ code: `0${internal}`, productCode: butter.code, multiple: 6 }] }));
    const resolve = (data: string) => resolveScanOrChoice(store!, data, new Date('2026-06-01T00:00:00Z'), [weight24]);
    expect(await resolve(internal)).toEqual({ kind: 'product', productCode: 'PBEURRE', productName: 'Beurre doux 250 g', multiple: 6 });
    // a label of an item listed by its reference is still read through the layout
    expect(await resolve(label(317))).toMatchObject({ kind: 'product', productCode: ham.code, multiple: 317, weighedGrams: 317 });
    // the reference itself (no weight) is still no count for a product sold by weight
    expect(await resolve(label(0))).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_MEASURE_NO_WEIGHT' } });
  });

  it('receives a product sold by weight by its labels\' grams', async () => {
    store = await seededStore(backend);
    const sessions = testStationSessions(store, { variableMeasure: [weight24] });
    await sessions.handle('S1', { type: 'input', data: 'OP01', source: 'keyboard' });
    await sessions.handle('S1', { type: 'menu', choice: 'receive' });
    await sessions.handle('S1', { type: 'blind-receipt' });
    await sessions.handle('S1', { type: 'input', data: label(2480), source: 'wedge' });
    expect((await sessions.get('S1')).state.receive?.pending).toMatchObject({ productCode: ham.code, quantity: 2480 });
  });
});
