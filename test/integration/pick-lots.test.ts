import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, DEMO_SUPERVISOR_PIN, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { demoTwoLots } from '../helpers/demo-two-lots.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS } from '../helpers/test-database.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const startSite = useSites(useTempDirs());

const data = generateDemoData(DEMO_DEFAULTS);
const { order, line, fefo, later } = demoTwoLots(data);
const gtin = data.barcodes.find((b) => b.productCode === line.productCode && b.multiple === 1)!.code;
const gs1 = (lot: string) => `(01)${gtin}(10)${lot}`;

type PickView = Extract<StationView, { screen: 'pick' }>;

describe.each(BACKENDS)('lots at picking through agent and hub (stores on %s)', (backend) => {
  it('a lot-tracked line needs its lot: the FEFO lot shown, bad typed lots and an unknown GS1 lot refused (nothing recorded), a supervisor approves it; the hub books each lot and keeps the approval', async () => {
    expect(line.quantity).toBe(3);
    const site = await startSite({ backend });
    // the stock stream may come after the work stream: the bin's lots known before the order is opened
    await waitFor(async () => (await site.agent.store.stock.quantityAt(line.productCode, line.locationCode, later.lot)) === later.quantity, 'the bin lots at the agent');
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input(order.number);
    const lots = { inBin: [fefo, later].map((l) => ({ lot: l.lot, expiry: l.expiry, quantity: l.quantity })), current: null, refused: null };
    expect(terminal.view).toMatchObject({ screen: 'pick', phase: 'location', lots });
    await terminal.input(line.locationCode);

    // the item's EAN alone does not say which lot
    const noLot = await terminal.input(gtin.slice(1));
    expect(noLot.feedback).toMatchObject({ level: 'error', code: 'PICK_LOT_REQUIRED', params: { product: line.productCode, fefo: fefo.lot } });
    // bad typed lots: a clear error naming them, nothing recorded
    for (const [lot, code] of [['L25\u0007183', 'PICK_LOT_CONTROL_CHARS'], ['L'.repeat(25), 'PICK_LOT_TOO_LONG']] as const) {
      const refused = await terminal.act({ type: 'lot', lot });
      expect(refused.feedback).toMatchObject({ level: 'error', code });
    }
    // a GS1 lot the bin is not known to hold: refused with the bin's lots, nothing picked
    const unknown = await terminal.input(gs1('LX-9999'));
    expect(unknown.feedback).toEqual(expect.objectContaining({ level: 'error', code: 'PICK_LOT_NOT_IN_BIN', params: { lot: 'LX-9999', location: line.locationCode, lots: `${fefo.lot}, ${later.lot}` } }));
    expect(terminal.view).toMatchObject({ line: { picked: 0 }, lots: { refused: 'LX-9999' } });
    expect((await site.agent.status()).outbox.lastSeq).toBe(0);

    // the supervisor: a wrong PIN is refused, the right one lets the lot in (its scan's unit picked)
    expect((await terminal.act({ type: 'override', supervisor: 'SUP1', pin: '0000', reason: 'lot-not-recorded' })).feedback).toMatchObject({ code: 'APPROVAL_REFUSED' });
    const approved = await terminal.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'lot-not-recorded' });
    expect(approved.feedback).toMatchObject({ level: 'ok', code: 'PICK_QTY_ADDED' });
    expect(terminal.view).toMatchObject({ line: { picked: 1 }, lots: { current: 'LX-9999', refused: null } });
    // then the FEFO lot, typed, and its items scanned
    expect((await terminal.act({ type: 'lot', lot: fefo.lot })).feedback).toMatchObject({ level: 'ok', code: 'PICK_LOT_OK' });
    expect((terminal.view as PickView).lots?.current).toBe(fefo.lot);
    await terminal.input(gtin.slice(1));
    await terminal.input(gtin.slice(1));
    expect(terminal.view.screen).toBe('pick-done');
    terminal.close();

    await waitFor(async () => settled(await site.agent.status()), 'outbox drained and settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    const booked = hub.orders.find((o) => o.id === order.id)!;
    expect(booked.status).toBe('picked');
    expect(booked.lines[0]).toMatchObject({ picked: 3, lots: [{ lot: 'LX-9999', expiry: null, quantity: 1 }, { lot: fefo.lot, expiry: fefo.expiry, quantity: 2 }] });
    expect(booked.lotOverrides).toEqual([
      { lineId: line.lineId, productCode: line.productCode, location: line.locationCode, lot: 'LX-9999', known: [fefo.lot, later.lot], supervisor: 'SUP1', reason: 'lot-not-recorded', note: null, station: 'PICK-1', at: expect.any(String) },
    ]);
    // each lot left its bin: the FEFO lot 2 fewer, the approved one owed until a count
    const bin = (lot: string) => hub.movedStock.find((s) => s.productCode === line.productCode && s.location === line.locationCode && s.lot === lot)?.quantity;
    expect(bin(fefo.lot)).toBe(fefo.quantity - 2);
    expect(bin('LX-9999')).toBe(-1);
    expect(hub.agents[0]).toMatchObject({ lastSeq: 2, accepted: 2, rejected: 0 });
    // the agent's audit: both approvals asked, with what came of them, the PINs never kept
    const approvals = (await site.agent.store.audit.recent('PICK-1', 50)).filter((a) => a.intent === 'override').reverse();
    expect(approvals.map((a) => a.outcomeCode)).toEqual(['APPROVAL_REFUSED', 'PICK_QTY_ADDED']);
    for (const row of approvals) expect(JSON.parse(row.raw!)).toMatchObject({ supervisor: 'SUP1', pin: '[redacted]', reason: 'lot-not-recorded' });
  });
});
