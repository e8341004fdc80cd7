import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, DEMO_SUPERVISOR_PIN, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { localDay } from '../../src/tui/i18n/relative-time.js';
import { createTranslator, type Lang } from '../../src/tui/i18n/translate.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { flat, settle } from '../helpers/station-screen.js';
import { demoTwoLots } from '../helpers/demo-two-lots.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { demoEan, readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const data = generateDemoData(DEMO_DEFAULTS);
const { order, line, fefo, later } = demoTwoLots(data);
const ean = demoEan(line.productCode);
const gs1 = (lot: string) => `(01)0${ean}(10)${lot}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function quai(dir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args, '--data-dir', dir], { encoding: 'utf8' });
}

describe.each([
  { columns: 80, rows: 24, lang: 'fr' as Lang },
  { columns: 40, rows: 16, lang: 'en' as Lang },
])('lots at picking, in a real terminal at $columns x $rows ($lang)', ({ lang, ...size }) => {
  it('an unknown lot in a GS1 scan is refused with the bin’s lots; the FEFO lot is shown; the right lot completes the line; a supervisor lets the unknown lot in, audited at the hub', async () => {
    const t = createTranslator(lang);
    // the FEFO lot's expiry as the operator writes a day (28/01/2027, 28 Jan 2027)
    const expiryShown = localDay(fefo.expiry!, lang);
    const dir = tempDir();
    const site = await startQuaiSite(dir);
    cleanups.push(() => site.stop());
    const terminal = TmuxTerminal.start(`node ${CLI} tui --station PICK-1`, size, { QUAI_DATA_DIR: dir, LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' });
    cleanups.push(() => terminal.kill());
    let last = '';
    const seeFlat = (text: string, what = text) =>
      waitFor(
        async () => {
          last = await terminal.screen();
          return flat(last).includes(text) ? last : '';
        },
        () => `${what}; screen was:\n${last}`,
      );

    await terminal.waitFor(new RegExp(`^${escape(t('input.code'))} ›`, 'm'), 20_000);
    await settle(terminal, 'OP01');
    terminal.type('1', false);
    await terminal.waitFor(new RegExp(escape(t('orders.title', { n: data.orders.length }))));
    await settle(terminal, order.number);
    // the FEFO lot is on the screen from the start: the bin's first lot to expire
    await seeFlat(`FEFO ${fefo.lot} (${expiryShown})`, 'the FEFO lot shown');
    await settle(terminal, line.locationCode);

    // the item's EAN alone does not say which lot it is
    let screen = await settle(terminal, ean);
    expect(flat(screen)).toContain(t('fb.PICK_LOT_REQUIRED', { product: line.productCode, fefo: fefo.lot }));
    // the scenario: a GS1 scan with a lot the bin does not hold is refused, naming the bin's lots; nothing picked
    screen = await settle(terminal, gs1('LX-9999'));
    expect(flat(screen)).toContain(t('fb.PICK_LOT_NOT_IN_BIN', { lot: 'LX-9999', location: line.locationCode, lots: `${fefo.lot}, ${later.lot}` }));
    expect(flat(screen)).toContain(t(size.columns === 40 ? 'pick.lotRefusedShort' : 'pick.lotRefused', { lot: 'LX-9999', key: '#' }));
    expect(readPickScreen(screen)).toMatchObject({ picked: 0, quantity: 3 });

    // a lot typed too long: a clear error naming it, nothing recorded
    terminal.type('/', false);
    await terminal.waitFor(new RegExp(`^${escape(t('input.lot'))} ›`, 'm'));
    const tooLong = 'L'.repeat(25);
    terminal.type(tooLong, false);
    await terminal.waitFor(new RegExp(`› ${tooLong}`));
    terminal.keys('Enter');
    await seeFlat(t('fb.PICK_LOT_TOO_LONG', { lot: tooLong, max: 20 }));
    expect(JSON.parse(quai(dir, 'status', '--json'))).toMatchObject({ outbox: { lastSeq: 0 } });

    // the supervisor lets the unknown lot in: code, PIN, a reason of the lot kind
    screen = await settle(terminal, gs1('LX-9999'));
    expect(flat(screen)).toContain(t('fb.PICK_LOT_NOT_IN_BIN', { lot: 'LX-9999', location: line.locationCode, lots: `${fefo.lot}, ${later.lot}` }));
    terminal.type('#', false);
    expect(flat(await terminal.waitFor(new RegExp(`^${escape(t('input.supervisor'))} ›`, 'm')))).toContain(t('approval.lot'));
    terminal.type('SUP1');
    await terminal.waitFor(new RegExp(`^${escape(t('input.pin'))} ›`, 'm'));
    terminal.type(DEMO_SUPERVISOR_PIN);
    await terminal.waitFor(new RegExp(escape(t('reason.lot-not-recorded'))));
    // the reason's number alone chooses it; the refused scan's unit is picked, of that lot
    terminal.type('1', false);
    screen = await seeFlat(t('fb.PICK_QTY_ADDED', { product: line.productCode, picked: 1, quantity: 3 }));
    expect(flat(screen)).toContain(t('pick.lotCurrent', { lot: 'LX-9999', fefo: fefo.lot, expiry: expiryShown }));

    // the right lot, from its GS1 label, then the item's EAN counts that lot: the line and the order are done
    screen = await settle(terminal, gs1(fefo.lot));
    expect(readPickScreen(screen)).toMatchObject({ picked: 2, quantity: 3 });
    expect(flat(screen)).toContain(t('pick.lotCurrent', { lot: fefo.lot, fefo: fefo.lot, expiry: expiryShown }));
    screen = await settle(terminal, ean);
    expect(flat(screen)).toContain(t('fb.PICK_ORDER_DONE', { order: order.number }));

    // the hub: each lot picked on the line, the approval kept with who, why and the bin's lots then
    const report = await waitFor(() => {
      const out = JSON.parse(quai(dir, 'hub', 'inspect', '--json')) as { orders: { number: string; status: string; lines: { lots: unknown }[]; lotOverrides: unknown[] }[]; rejectedEvents: unknown[] };
      return out.orders.find((o) => o.number === order.number)?.status === 'picked' ? out : undefined;
    }, 'the order picked at the hub', 20_000);
    const booked = report.orders.find((o) => o.number === order.number)!;
    expect(booked.lines[0]!.lots).toEqual([
      { lot: 'LX-9999', expiry: null, quantity: 1 },
      { lot: fefo.lot, expiry: fefo.expiry, quantity: 2 },
    ]);
    expect(booked.lotOverrides).toEqual([expect.objectContaining({ lot: 'LX-9999', known: [fefo.lot, later.lot], supervisor: 'SUP1', reason: 'lot-not-recorded', station: 'PICK-1' })]);
    expect(report.rejectedEvents).toEqual([]);
  });
});
