import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS } from '../helpers/test-database.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const startSite = useSites(useTempDirs());

const data = generateDemoData(DEMO_DEFAULTS);
// an order with a line of 3, so that two scans leave it open
const order = data.orders.find((o) => o.lines.some((l) => l.quantity === 3))!;
const undoLine = order.lines.find((l) => l.quantity === 3)!;
const held = (productCode: string, location: string) => data.stock.filter((s) => s.productCode === productCode && s.locationCode === location).reduce((n, s) => n + s.quantity, 0);
const task = data.countTasks.find((t) => t.scope === 'location')!;
const inTaskBin = [...new Set(data.stock.filter((s) => s.locationCode === task.target && s.quantity !== 0).map((s) => s.productCode))];

type PickView = Extract<StationView, { screen: 'pick' }>;
type CountView = Extract<StationView, { screen: 'count' }>;

describe.each(BACKENDS)('undo the last scan through agent and hub (stores on %s)', (backend) => {
  it('a picker scans 2, undoes one, completes the line: the hub keeps one scan.undone and books the exact quantity', async () => {
    const site = await startSite({ backend });
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input(order.number);

    let undone = false;
    for (let guard = 0; guard < 40 && terminal.view.screen === 'pick'; guard++) {
      const view = terminal.view as PickView;
      expect(view.undo).toBeNull();
      if (view.phase === 'location') {
        await terminal.input(view.line.location);
        continue;
      }
      const barcode = view.line.barcode!;
      if (view.line.lineId !== undoLine.lineId || undone) {
        for (let n = view.line.picked; n < view.line.quantity; n++) await terminal.input(barcode);
        continue;
      }
      await terminal.input(barcode);
      await terminal.input(barcode);
      expect(terminal.view).toMatchObject({ screen: 'pick', line: { picked: 2 }, undo: { productCode: undoLine.productCode, quantity: 1 } });
      const result = await terminal.act({ type: 'undo' });
      expect(result.feedback).toMatchObject({ level: 'ok', code: 'SCAN_UNDONE', params: { product: undoLine.productCode, quantity: 1 } });
      expect(terminal.view).toMatchObject({ screen: 'pick', line: { picked: 1 }, undo: null });
      expect((await terminal.act({ type: 'undo' })).feedback).toMatchObject({ level: 'error', code: 'NOTHING_TO_UNDO' });
      // two more, typed: "this many more" on top of what is scanned
      const completed = await terminal.act({ type: 'quantity', quantity: 2, mode: 'add' });
      expect(completed.feedback?.level).toBe('ok');
      undone = true;
    }
    expect(undone).toBe(true);
    expect(terminal.view.screen).toBe('pick-done');
    terminal.close();

    await waitFor(async () => settled(await site.agent.status()), 'outbox drained and settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    expect(hub.scanUndos).toEqual([
      { workflow: 'pick', document: order.id, productCode: undoLine.productCode, location: undoLine.locationCode, lot: null, quantity: 1, station: 'PICK-1', operator: 'OP01', at: expect.any(String) },
    ]);
    const booked = hub.orders.find((o) => o.id === order.id)!;
    expect(booked.status).toBe('picked');
    expect(booked.lines.find((l) => l.lineId === undoLine.lineId)).toMatchObject({ picked: 3, status: 'picked' });
    const bin = hub.movedStock.filter((s) => s.productCode === undoLine.productCode && s.location === undoLine.locationCode).reduce((n, s) => n + s.quantity, 0);
    expect(bin).toBe(held(undoLine.productCode, undoLine.locationCode) - 3);
    // every pick line, plus the undo as an event of its own
    expect(hub.agents[0]).toMatchObject({ lastSeq: order.lines.length + 1, accepted: order.lines.length + 1, rejected: 0 });
  });

  it('a count task shows what an undo would remove and how many of its lines are not counted yet', async () => {
    const site = await startSite({ backend });
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'INV-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'count' });
    await terminal.act({ type: 'open-count', taskId: task.id });
    expect(terminal.view).toMatchObject({ screen: 'count', undo: null, uncounted: inTaskBin.length });
    await terminal.input(task.target);
    const product = inTaskBin[0]!;
    const unit = data.barcodes.find((b) => b.productCode === product && b.multiple === 1)!.code;
    await terminal.input(unit.slice(1));
    await terminal.act({ type: 'quantity', quantity: 4, mode: 'add' });
    expect(terminal.view).toMatchObject({ screen: 'count', pending: { productCode: product, quantity: 5 }, undo: { productCode: product, quantity: 4 } });
    await terminal.act({ type: 'undo' });
    expect(terminal.view).toMatchObject({ pending: { quantity: 1 }, undo: null });
    await terminal.act({ type: 'quantity', quantity: held(product, task.target) });
    await terminal.act({ type: 'confirm-line' });
    expect((terminal.view as CountView).uncounted).toBe(inTaskBin.length - 1);
    terminal.close();
  });
});
