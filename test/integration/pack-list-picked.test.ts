import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';

const startSite = useSites(useTempDirs());

const data = generateDemoData(DEMO_DEFAULTS);
// an order with a line of 3 (found short after one) and at least one other line
const order = data.orders.find((o) => o.lines.length > 1 && o.lines.some((l) => l.quantity === 3))!;
const shortLine = order.lines.find((l) => l.quantity === 3)!;

type PickView = Extract<StationView, { screen: 'pick' }>;

describe('the packing list (issue 14 item 8)', () => {
  it('shows the units picked, not those ordered, after a short pick', async () => {
    const site = await startSite();
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input(order.number);
    for (let guard = 0; guard < 40 && terminal.view.screen === 'pick'; guard++) {
      const view = terminal.view as PickView;
      if (view.emptyCheck) await terminal.act({ type: 'empty-check', remaining: 0 });
      else if (view.phase === 'location') await terminal.input(view.line.location);
      else if (view.line.lineId === shortLine.lineId && view.line.picked === 1) await terminal.act({ type: 'short', reason: 'damaged' });
      else await terminal.input(view.line.barcode!);
    }
    expect(terminal.view.screen).toBe('pick-done');
    await terminal.act({ type: 'finish' });
    await terminal.act({ type: 'back' });
    await terminal.act({ type: 'menu', choice: 'pack' });
    const list = terminal.view as Extract<StationView, { screen: 'pack-orders' }>;
    expect(list.screen).toBe('pack-orders');
    const ordered = order.lines.reduce((n, l) => n + l.quantity, 0);
    expect(list.orders.find((o) => o.number === order.number)).toMatchObject({ lines: order.lines.length, units: ordered - 2 });
  });
});

describe('an order picked with every line short', () => {
  it('is not offered for packing, and opened by its number says there is nothing to pack', async () => {
    const site = await startSite();
    const allShort = data.orders.find((o) => o !== order)!;
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input(allShort.number);
    for (let guard = 0; guard < 40 && terminal.view.screen === 'pick'; guard++) {
      const view = terminal.view as PickView;
      if (view.emptyCheck) await terminal.act({ type: 'empty-check', remaining: 0 });
      else if (view.phase === 'location') await terminal.input(view.line.location);
      else await terminal.act({ type: 'short', reason: 'empty-location' });
    }
    expect(terminal.view.screen).toBe('pick-done');
    await terminal.act({ type: 'finish' });
    await terminal.act({ type: 'back' });
    await terminal.act({ type: 'menu', choice: 'pack' });
    const list = terminal.view as Extract<StationView, { screen: 'pack-orders' }>;
    expect(list.screen).toBe('pack-orders');
    expect(list.orders.map((o) => o.number)).not.toContain(allShort.number);
    const opened = await terminal.input(allShort.number);
    expect(opened.feedback).toMatchObject({ level: 'error', code: 'PACK_NOTHING_PICKED', params: { order: allShort.number } });
    expect(terminal.view.screen).toBe('pack-orders');
  });
});
