import { describe, expect, it } from 'vitest';
import type { AgentStore } from '../../src/agent/store/agent-store.js';
import type { SessionsOptions } from '../../src/agent/station-sessions.js';
import type { WedgeInputSettings } from '../../src/agent/wedge-input.js';
import { typedThrough } from '../../src/domain/keyboard/wedge-remap.js';
import type { InputSource } from '../../src/protocol/local-api.js';
import { useCleanups } from '../helpers/cleanups.js';
import { DEMO_AGENT_DATA as data, demoAgentStore } from '../helpers/demo-agent-store.js';
import { pickOpenOrder, stationContext, testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();
let store: AgentStore | undefined;

/** What an AZERTY host shows when a US-configured scanner reads `text`. */
const azerty = (text: string) => typedThrough(text, 'fr')!;

async function station(backend: Backend, wedge: WedgeInputSettings = {}, options: Partial<SessionsOptions> = {}) {
  // with the demo's stock, lots included: a lot-tracked line's lot prompt checks the bin's lots
  // and 00079198 known both as EAN-8 and as UPC-E (two products): a code with two readings
  const opened = await demoAgentStore(await freshDatabase(backend, tempDir(), 'agent'), {
    more: async (s, trx) => {
      await s.stock.applyPuts(trx, data.stock);
      const [ean8, upce] = data.products;
      await s.catalog.applyPuts(trx, { barcodes: [{ code: '00000000079198', productCode: ean8!.code, multiple: 1 }, { code: '00000791000098', productCode: upce!.code, multiple: 1 }] });
    },
  });
  cleanups.push(() => opened.close());
  store = opened;
  const sessions = testStationSessions(store, { wedge, ...options });
  const input = (text: string, source: InputSource = 'wedge', keyboard?: 'fr' | 'be' | 'ch' | 'de' | 'us') => sessions.handle('S1', { type: 'input', data: text, source, ...(keyboard && { keyboard }) });
  const lastAudit = async () => (await store!.audit.recent('S1', 1))[0]!;
  return { sessions, input, lastAudit, store };
}

describe.each(BACKENDS)('a wedge burst typed through an AZERTY host (%s)', (backend) => {
  it('signs in with B&àà& (badge B1001), audited as remapped with the raw burst kept', async () => {
    const { input, lastAudit } = await station(backend);
    const handled = await input('B&àà&', 'wedge', 'fr');
    expect(handled.session.state.operator?.code).toBe('OP01');
    expect(await lastAudit()).toMatchObject({ intent: 'input', source: 'wedge', raw: 'B&àà&', remapped: { layout: 'fr', text: 'B1001' }, outcomeLevel: 'ok' });
  });

  it('never remaps what was typed by hand, nor what a serial reader sent', async () => {
    const { input, lastAudit } = await station(backend);
    for (const source of ['keyboard', 'serial'] as const) {
      const handled = await input('B&àà&', source, 'fr');
      expect(handled.session.state.operator).toBeNull();
      expect(handled.feedback?.level).toBe('error');
      expect(await lastAudit()).toMatchObject({ source, raw: 'B&àà&', remapped: null });
    }
  });

  it("uses the site's layout when the terminal says none, and tries the other layouts after the terminal's", async () => {
    const { sessions, input, lastAudit } = await station(backend, { keyboard: 'be' });
    await input('B&àà&');
    // fr and be read B&àà& alike: the terminal's (here the site's) layout is the one named
    expect((await lastAudit()).remapped).toEqual({ layout: 'be', text: 'B1001' });
    // a German terminal: its own layout reads nothing (à is no key there), the AZERTY ones do
    const other = await sessions.handle('S2', { type: 'input', data: 'B&àà&', source: 'wedge', keyboard: 'de' });
    expect(other.session.state.operator?.code).toBe('OP01');
    expect((await store!.audit.recent('S2', 1))[0]!.remapped).toEqual({ layout: 'fr', text: 'B1001' });
  });

  it('opens an order by its AZERTY-shifted number, then picks with the AZERTY-shifted bin and EAN-13', async () => {
    const { sessions, input, lastAudit, store: s } = await station(backend);
    await input(azerty('B1001'), 'wedge', 'fr');
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    const order = (await s.orders.listOpen(1))[0]!;
    const opened = await input(azerty(order.number), 'wedge', 'fr');
    expect(opened.session.state.pick?.orderId).toBe(order.id);
    expect((await lastAudit()).remapped).toEqual({ layout: 'fr', text: order.number });
    const line = opened.session.state.pick!.lines[0]!;
    await input(azerty(line.location.code), 'wedge', 'fr');
    expect((await sessions.get('S1')).state.pick?.phase).toBe('product');
    const ean = (await s.catalog.unitBarcodes([line.productCode])).get(line.productCode)!.slice(1);
    expect(ean).toMatch(/^\d{13}$/);
    const scanned = await input(azerty(ean), 'wedge', 'fr');
    expect(scanned.feedback?.level).not.toBe('error');
    expect(scanned.session.state.pick!.lines[0]!.picked).toBe(1);
    expect(await lastAudit()).toMatchObject({ raw: azerty(ean), remapped: { layout: 'fr', text: ean } });
  });

  it('at the lot prompt: an AZERTY-shifted lot is read back, a product label too; a lot matching nothing stays as typed', async () => {
    const { sessions, input, lastAudit, store: s } = await station(backend);
    await input('B1001', 'keyboard');
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    // the first order line whose product is lot-tracked and whose bin holds a lot: the others are picked short
    const tracked = new Set(data.products.filter((p) => p.lotTracked).map((p) => p.code));
    const binLot = (code: string, location: string) => data.stock.find((l) => l.productCode === code && l.locationCode === location && l.lot !== '');
    const order = data.orders.find((o) => o.lines.some((l) => tracked.has(l.productCode) && binLot(l.productCode, l.locationCode)))!;
    await input(order.number, 'keyboard');
    for (;;) {
      const pick = (await sessions.get('S1')).state.pick!;
      const line = pick.lines.find((l) => l.status === 'open')!;
      if (tracked.has(line.productCode) && binLot(line.productCode, line.location.code)) break;
      if (pick.phase === 'location') await input(line.location.code, 'keyboard');
      await sessions.handle('S1', { type: 'short', reason: 'not-found' });
      if ((await sessions.get('S1')).state.pick?.phase === 'empty-check') await sessions.handle('S1', { type: 'empty-check', remaining: 0 });
    }
    const line = (await sessions.get('S1')).state.pick!.lines.find((l) => l.status === 'open')!;
    await input(line.location.code, 'keyboard');
    const lot = binLot(line.productCode, line.location.code)!.lot;
    const lotAt = (text: string, source: InputSource = 'wedge') => sessions.handle('S1', { type: 'lot', lot: text, source, keyboard: 'fr' });

    // typed by hand, the shifted text is refused as it is (è, à: no GS1 lot holds them), never read again
    expect((await lotAt(azerty(lot), 'keyboard')).feedback).toMatchObject({ level: 'error', code: 'PICK_LOT_BAD_CHARACTER' });
    expect(await lastAudit()).toMatchObject({ intent: 'lot', source: 'keyboard', remapped: null });
    // scanned through an AZERTY host: read back as the bin's lot
    expect((await lotAt(azerty(lot))).feedback).toMatchObject({ level: 'ok', code: 'PICK_LOT_OK', params: { lot } });
    expect(await lastAudit()).toMatchObject({ intent: 'lot', source: 'wedge', remapped: { layout: 'fr', text: lot } });
    // the product's EAN-13 scanned there, AZERTY-shifted: a scan of the item (one unit of that lot), not a lot
    const ean = (await s.catalog.unitBarcodes([line.productCode])).get(line.productCode)!.slice(1);
    const scanned = await lotAt(azerty(ean));
    expect(scanned.session.state.pick!.lines.find((l) => l.lineId === line.lineId)!.picked).toBe(1);
    expect(await lastAudit()).toMatchObject({ intent: 'lot', remapped: { layout: 'fr', text: ean } });
    // a code with two known readings is the operator's choice there too, never a lot
    const before = (await sessions.get('S1')).state;
    const asked = await lotAt('00079198', 'keyboard');
    expect(asked.feedback).toMatchObject({ level: 'info', code: 'SCAN_AMBIGUOUS', readings: [{ reading: 'EAN-8' }, { reading: 'UPC-E' }] });
    expect(asked.session.state).toEqual(before);
    // a wedge lot no reading matches: taken as typed (refused as a lot the bin does not hold)
    expect((await lotAt('LX-9999')).feedback).toMatchObject({ level: 'error', code: 'PICK_LOT_NOT_IN_BIN', params: { lot: 'LX-9999' } });
    expect((await lastAudit()).remapped).toBeNull();
  });

  it('closes a parcel with an AZERTY-shifted tracking number: one SSCC allotted, for the reading kept; none for a refused one', async () => {
    // stations without a scale whose packers may type the weight
    const { scale: _scale, receiving: { today: _today, ...receiving }, ...context } = stationContext({ packing: { tolerance: { absoluteGrams: 25, percent: 3 }, fillerGrams: 0, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'operator' } });
    let allotted = 0;
    const nextSscc = async () => `0376100000000000${++allotted}`;
    const { sessions, input, lastAudit, store: s } = await station(backend, {}, { context: { ...context, receiving }, nextSscc });
    await input('B1001', 'keyboard');
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    const order = (await s.orders.listOpen(1))[0]!;
    await input(order.number, 'keyboard');
    await pickOpenOrder(sessions, s, 'S1');
    for (let guard = 0; guard < 3 && (await sessions.get('S1')).state.screen !== 'menu'; guard++) await sessions.handle('S1', { type: 'back' });
    await sessions.handle('S1', { type: 'menu', choice: 'pack' });
    await input(order.number, 'keyboard');
    for (const item of (await sessions.get('S1')).state.pack!.items) {
      const ean = (await s.catalog.unitBarcodes([item.productCode])).get(item.productCode)!;
      for (let unit = 0; unit < item.quantity; unit++) await input(ean, 'keyboard');
    }
    await sessions.handle('S1', { type: 'close-box' });
    await sessions.handle('S1', { type: 'box', code: data.boxTypes.at(-1)!.code });
    const expected = (await sessions.get('S1')).state.pack!.expected!.expectedGrams;
    await sessions.handle('S1', { type: 'manual-weight', typed: `${expected} g` });
    await sessions.handle('S1', { type: 'carrier', carrier: 'colissimo' });
    expect((await sessions.get('S1')).state.pack?.phase).toBe('carrier');
    expect(allotted).toBe(0);
    // a number that is no tracking number is refused, and spends no SSCC serial
    expect((await input('6A-1', 'keyboard')).feedback).toMatchObject({ level: 'error', code: 'PACK_TRACKING_INVALID' });
    expect(allotted).toBe(0);

    // -Q&é"'(-è_çà& is 6A12345678901 through AZERTY: resolved twice (as typed, then read back), allotted once
    const closed = await input(azerty('6A12345678901'), 'wedge', 'fr');
    expect(closed.feedback?.level).toBe('ok');
    expect(await lastAudit()).toMatchObject({ remapped: { layout: 'fr', text: '6A12345678901' } });
    expect(allotted).toBe(1);
    expect(closed.events.find((e) => e.type === 'parcel.packed')?.payload).toMatchObject({ tracking: '6A12345678901', sscc: '03761000000000001' });
  });

  it("at the approval prompt: a supervisor's AZERTY-shifted badge is read back; typed by hand it is not", async () => {
    const { sessions, input, lastAudit } = await station(backend);
    await input('B1001', 'keyboard');
    const check = (supervisor: string, source?: InputSource) => sessions.handle('S1', { type: 'check-supervisor', supervisor, ...(source && { source }), keyboard: 'fr' });
    expect((await check(azerty('B9001'), 'wedge')).feedback).toMatchObject({ level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1' } });
    expect(await lastAudit()).toMatchObject({ intent: 'check-supervisor', source: 'wedge', remapped: { layout: 'fr', text: 'B9001' } });
    for (const source of ['keyboard', undefined] as const) {
      expect((await check(azerty('B9001'), source)).feedback).toMatchObject({ level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'Bçàà&' } });
      expect((await lastAudit()).remapped).toBeNull();
    }
  });

  it('keeps the burst as typed when no reading matches either: unknown, not remapped', async () => {
    const { input, lastAudit } = await station(backend);
    const handled = await input(azerty('B7777'), 'wedge', 'fr');
    expect(handled.session.state.operator).toBeNull();
    expect(handled.feedback).toMatchObject({ level: 'error' });
    expect(await lastAudit()).toMatchObject({ raw: 'Bèèèè', remapped: null });
  });
});

describe('GS stand-in of wedge scanners', () => {
  it('a configured stand-in in a wedge burst is read as GS: (01)(10)(17) found in the look-up', async () => {
    const { sessions, input } = await station('sqlite', { gsStandIn: '|' });
    await input('B1001', 'keyboard');
    await sessions.handle('S1', { type: 'menu', choice: 'lookup' });
    const gtin = data.barcodes.find((b) => b.multiple === 1)!;
    const handled = await input(`01${gtin.code}10LOT7|17271231`);
    expect(handled.session.state.lookup).toEqual({ kind: 'product', code: gtin.productCode });
  });

  it('without the setting the stand-in is data, and such a lot is refused', async () => {
    const { sessions, input } = await station('sqlite');
    await input('B1001', 'keyboard');
    await sessions.handle('S1', { type: 'menu', choice: 'lookup' });
    const gtin = data.barcodes.find((b) => b.multiple === 1)!;
    const handled = await input(`01${gtin.code}10LOT7|17271231`);
    expect(handled.session.state.lookup ?? null).toBeNull();
  });
});
