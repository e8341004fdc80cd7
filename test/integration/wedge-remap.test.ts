import { describe, expect, it } from 'vitest';
import type { AgentStore } from '../../src/agent/store/agent-store.js';
import type { WedgeInputSettings } from '../../src/agent/wedge-input.js';
import { typedThrough } from '../../src/domain/keyboard/wedge-remap.js';
import type { InputSource } from '../../src/protocol/local-api.js';
import { useCleanups } from '../helpers/cleanups.js';
import { DEMO_AGENT_DATA as data, demoAgentStore } from '../helpers/demo-agent-store.js';
import { testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();
let store: AgentStore | undefined;

/** What an AZERTY host shows when a US-configured scanner reads `text`. */
const azerty = (text: string) => typedThrough(text, 'fr')!;

async function station(backend: Backend, wedge: WedgeInputSettings = {}) {
  const opened = await demoAgentStore(await freshDatabase(backend, tempDir(), 'agent'));
  cleanups.push(() => opened.close());
  store = opened;
  const sessions = testStationSessions(store, { wedge });
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
    // a German terminal: its own layout reads nothing (& is a shifted digit there), the AZERTY ones do
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
