import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import type { ClientIntent, StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';

const startSite = useSites(useTempDirs());

const data = generateDemoData(DEMO_DEFAULTS);
// an order with a line of 3 (found short after one) and at least one other line
const order = data.orders.find((o) => o.lines.length > 1 && o.lines.some((l) => l.quantity === 3))!;
const shortLine = order.lines.find((l) => l.quantity === 3)!;

type PickView = Extract<StationView, { screen: 'pick' }>;
type PackList = Extract<StationView, { screen: 'pack-orders' }>;

/**
 * Signs OP01 in at PICK-1 of a new site, picks `number` to its end (`atProduct` says what to do on
 * each product step), then opens the packing list: the terminal and that list.
 */
async function pickThenPackList(number: string, atProduct: (view: PickView) => ClientIntent) {
  const site = await startSite();
  const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
  await terminal.input('OP01');
  await terminal.act({ type: 'menu', choice: 'pick' });
  await terminal.input(number);
  for (let guard = 0; guard < 40 && terminal.view.screen === 'pick'; guard++) {
    const view = terminal.view as PickView;
    if (view.emptyCheck) await terminal.act({ type: 'empty-check', remaining: 0 });
    else if (view.phase === 'location') await terminal.input(view.line.location);
    else await terminal.act(atProduct(view));
  }
  expect(terminal.view.screen).toBe('pick-done');
  await terminal.act({ type: 'finish' });
  await terminal.act({ type: 'back' });
  await terminal.act({ type: 'menu', choice: 'pack' });
  expect(terminal.view.screen).toBe('pack-orders');
  return { terminal, list: terminal.view as PackList };
}

describe('the packing list (issue 14 item 8)', () => {
  it('shows the units picked, not those ordered, after a short pick', async () => {
    const { list } = await pickThenPackList(order.number, (view) =>
      view.line.lineId === shortLine.lineId && view.line.picked === 1 ? { type: 'short', reason: 'damaged' } : { type: 'input', data: view.line.barcode!, source: 'keyboard' },
    );
    const ordered = order.lines.reduce((n, l) => n + l.quantity, 0);
    expect(list.orders.find((o) => o.number === order.number)).toMatchObject({ lines: order.lines.length, units: ordered - 2 });
  });
});

describe('an order picked with every line short', () => {
  it('is not offered for packing, and opened by its number says there is nothing to pack', async () => {
    const allShort = data.orders.find((o) => o !== order)!;
    const { terminal, list } = await pickThenPackList(allShort.number, () => ({ type: 'short', reason: 'empty-location' }));
    expect(list.orders.map((o) => o.number)).not.toContain(allShort.number);
    const opened = await terminal.input(allShort.number);
    expect(opened.feedback).toMatchObject({ level: 'error', code: 'PACK_NOTHING_PICKED', params: { order: allShort.number } });
    expect(terminal.view.screen).toBe('pack-orders');
  });
});
