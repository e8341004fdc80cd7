import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent, type RunningAgent } from '../../src/agent/start-agent.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { startSimulator } from '../../src/devices/simulators/device-simulator.js';
import type { HubInspection } from '../../src/hub/hub-inspect.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { CLI, killHard, useQuaiProcesses, type QuaiProcess } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import type { ViewMessage } from '../../src/commands/scripted-terminal.js';
import { pickWholeBatch, TerminalClient } from '../helpers/terminal-client.js';
import { createParty, createSale, stockUp } from '../helpers/tryton-seed.js';
import { EAN, expectBookedOnce, HUB_USER, seedWarehouse, type SeededWarehouse } from '../helpers/tryton-warehouse.js';
import { useTrytonServer } from '../helpers/tryton-server.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const processes = useQuaiProcesses();
const tryton = useTrytonServer();

async function startTrytonHub(dir: string, database: string, port = 0): Promise<QuaiProcess> {
  const passwordFile = join(dir, 'tryton-password');
  writeFileSync(passwordFile, `${HUB_USER.password}\n`, { mode: 0o600 });
  return processes.start(['hub', '--data-dir', dir, '--port', String(port), '--enrol', 'AGENT-1', '--erp', 'tryton', '--tryton-url', tryton().url, '--tryton-db', database, '--tryton-user', HUB_USER.user, '--tryton-password-file', passwordFile, '--tryton-poll', '1', '--log-file', join(dir, 'hub.log')]);
}

async function startFloor(dir: string, hubPort: number, scalePath: string): Promise<{ agent: RunningAgent; apiToken: string }> {
  const config = parseAgentConfig({
    dataDir: join(dir, 'agent'),
    hub: { url: `ws://127.0.0.1:${hubPort}`, tokenFile: hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1') },
    listen: { port: 0 },
    logFile: join(dir, 'agent.log'),
    stations: { 'FLOOR-1': { devices: [{ kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: scalePath }, pollMs: 50 }] } },
  });
  const agent = await startAgent(config);
  processes.cleanups.push(() => agent.stop());
  return { agent, apiToken: ensureSecretFile(config.apiTokenFile) };
}

/**
 * The seeded warehouse in a fresh Tryton (and what `arrange` adds to it), a hub process on it, and
 * an agent whose station FLOOR-1 has a scale on a pty pair (`scalePath` is the scale's end), once
 * the agent has Tryton's `orders` orders.
 */
async function trytonSite(arrange?: (t: SeededWarehouse) => Promise<void>, orders = 2) {
  const dir = tempDir();
  const t = await seedWarehouse(tryton());
  await arrange?.(t);
  const scalePty = new PtyPair(dir, 'scale');
  await scalePty.plug();
  processes.cleanups.push(() => scalePty.unplug());
  const hub = await startTrytonHub(dir, t.database);
  const { agent, apiToken } = await startFloor(dir, hub.port, scalePty.b);
  await waitFor(async () => (await agent.status()).catalog.openOrders === orders, `${orders} Tryton shipments as orders at the agent`, 30_000);
  return { dir, t, hub, agent, apiToken, scalePath: scalePty.a };
}

/** Picks the order on screen; the line of `shortOf` gets that many units fewer, then a short pick. */
async function pick(terminal: TerminalClient, shortOf = 0): Promise<void> {
  expect(terminal.view.screen).toBe('pick');
  for (let guard = 0; guard < 50 && terminal.view.screen === 'pick'; guard++) {
    const view = terminal.view;
    if (view.screen !== 'pick') break;
    if (view.phase === 'empty-check') await terminal.act({ type: 'empty-check', remaining: 0 });
    else if (view.phase === 'location') await terminal.input(view.line.location);
    else if (view.line.picked < view.line.quantity - shortOf) await terminal.input(view.line.barcode!);
    else await terminal.act({ type: 'short', reason: 'insufficient' });
  }
  expect(terminal.view.screen).toBe('pick-done');
  await terminal.act({ type: 'finish' });
}

/** The ERP line of `quai hub inspect --json`, as a supervisor would ask for it. */
function erpStatus(dir: string): HubInspection['erp'] {
  const run = spawnSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' });
  return (JSON.parse(run.stdout) as HubInspection).erp;
}

const onScreen = (terminal: TerminalClient, screen: string) => waitFor(() => terminal.view.screen === screen, `screen ${screen}`);

/** Back to the menu from wherever the terminal is. */
async function toMenu(terminal: TerminalClient): Promise<void> {
  for (let guard = 0; guard < 5 && terminal.view.screen !== 'menu'; guard++) await terminal.act({ type: 'back' });
  expect(terminal.view.screen).toBe('menu');
}

type BatchView = Extract<ViewMessage['view'], { screen: 'batch' }>;
const batchView = (terminal: TerminalClient): BatchView => {
  expect(terminal.view.screen).toBe('batch');
  return terminal.view as BatchView;
};

describe('the floor against a live Tryton 6.0 through agent and hub (issue 7)', () => {
  it('pick, pack with the weight, ship; a short pick; a reception with a lot and a shortfall; a count; a replenishment — each booked once in Tryton, across a hub kill', async () => {
    const site = await trytonSite();
    const { dir, t, agent, apiToken } = site;
    let { hub } = site;
    const scale = startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: site.scalePath }));
    processes.cleanups.push(() => scale.stop());

    const terminal = await TerminalClient.open(agent.port, apiToken, 'FLOOR-1');
    await terminal.input('OP01');
    await onScreen(terminal, 'menu');

    // pick the first shipment whole, the second one short by one
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.act({ type: 'open-order', orderId: `OUT-${t.shipments.full}` });
    await pick(terminal);
    await toMenu(terminal);
    // the hub dies (kill -9) while the picks are under way to Tryton, and comes back
    await killHard(hub);
    hub = await startTrytonHub(dir, t.database, hub.port);
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.act({ type: 'open-order', orderId: `OUT-${t.shipments.short}` });
    await pick(terminal, 1);
    await toMenu(terminal);

    // pack the first: verify the three widgets, a CARTON-M (0.2 kg), the scale says 2.46 kg
    await waitFor(async () => (await agent.store.db('orders').where({ id: `OUT-${t.shipments.full}` }).first('hub_status'))?.hub_status === 'picked', 'order picked at the agent', 20_000);
    await terminal.act({ type: 'menu', choice: 'pack' });
    await terminal.input(String((await t.rpc.call<{ number: string }[]>('model.stock.shipment.out.read', [[t.shipments.full], ['number']]))[0]!.number));
    for (let i = 0; i < 3; i++) await terminal.input(EAN.widget);
    await terminal.act({ type: 'close-box' });
    const boxed: ViewMessage = await terminal.act({ type: 'box', code: 'CARTON-M' });
    expect(boxed.view.screen === 'pack' && boxed.view.expected?.grams).toBe(2450);
    await waitFor(() => terminal.lastView?.status.scale?.condition === 'zero', 'empty scale at zero', 5000);
    await scale.handle('place 2.46 kg');
    await waitFor(() => terminal.view.screen === 'pack' && terminal.view.check?.pass === true, 'weight within tolerance', 5000);
    await terminal.act({ type: 'carrier', carrier: 'colissimo' });
    await terminal.input('6A12345678901');
    await onScreen(terminal, 'pack-done');
    await scale.handle('remove');
    await toMenu(terminal);

    // receive the serum: 8 of 10, lot L-2611, into A-01-02-1; close with 2 missing
    await terminal.act({ type: 'menu', choice: 'receive' });
    await terminal.act({ type: 'open-receipt', ref: t.purchase.number });
    await terminal.input(`(01)0${EAN.serum}(17)271200(10)L-2611(30)8`);
    await terminal.input('A-01-02-1');
    await terminal.act({ type: 'close' });
    await toMenu(terminal);

    // count bin B-01-01-1: 5 gadgets where Tryton expects 6
    await terminal.act({ type: 'menu', choice: 'count' });
    await terminal.act({ type: 'open-count', taskId: `INV-${t.inventory}` });
    await terminal.input('B-01-01-1');
    await terminal.input(EAN.gadget);
    await terminal.act({ type: 'quantity', quantity: 5 });
    await terminal.act({ type: 'confirm-line' });
    await terminal.act({ type: 'close' });
    await toMenu(terminal);

    // the widget bin runs low: ask for 10 more
    await terminal.act({ type: 'menu', choice: 'lookup' });
    await terminal.input(EAN.widget);
    await terminal.act({ type: 'replenish', quantity: 10, note: 'rayon presque vide' });
    terminal.close();

    await waitFor(async () => settled(await agent.status()), 'every event settled at the hub', 60_000);
    expect((await agent.status()).rejected).toBe(0);

    await expectBookedOnce(t);

    // and the floor sees Tryton's new state: the rest of the purchase expected again, the stock per bin
    await waitFor(async () => (await agent.store.db('receipts').where({ number: t.purchase.number }).first('status', 'lines'))?.status === 'expected', 'the rest of the purchase back as a receipt', 20_000);
    await waitFor(async () => Number((await agent.store.db('stock').where({ product_code: 'GADGET', location_code: 'B-01-01-1' }).first('quantity'))?.quantity) === 5, 'the counted stock at the agent', 20_000);
    await waitFor(async () => Number((await agent.store.db('stock').where({ product_code: 'SERUM', location_code: 'A-01-02-1', lot: 'L-2611' }).first('quantity'))?.quantity) === 8, 'the received lot in its bin at the agent', 20_000);
  }, 240_000);

  it('a lot-tracked line: the lots picked (one from its GS1 label, one typed) are the lots on Tryton’s moves, from the bin picked', async () => {
    let serumShipment = 0;
    const { t, agent, apiToken } = await trytonSite(async (seeded) => {
      const lots = await seeded.rpc.call<number[]>('model.stock.lot.create', [[{ number: 'L-2601', product: seeded.products.serum }, { number: 'L-2602', product: seeded.products.serum }]]);
      await stockUp(seeded.rpc, seeded.bins.a2, [{ product: seeded.products.serum, quantity: 4, lot: lots[0]! }, { product: seeded.products.serum, quantity: 6, lot: lots[1]! }]);
      serumShipment = await createSale(seeded.rpc, await createParty(seeded.rpc, 'Pharmacie du Port'), [{ product: seeded.products.serum, quantity: 3 }]);
    }, 3);
    // the agent knows both lots in the bin, from Tryton's stock
    await waitFor(async () => (await agent.store.db('stock').where({ product_code: 'SERUM', location_code: 'A-01-02-1' }).whereIn('lot', ['L-2601', 'L-2602'])).length === 2, 'the bin’s two lots at the agent', 30_000);

    const terminal = await TerminalClient.open(agent.port, apiToken, 'FLOOR-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.act({ type: 'open-order', orderId: `OUT-${serumShipment}` });
    expect(terminal.view).toMatchObject({ screen: 'pick', lots: { inBin: [{ lot: 'L-2601', quantity: 4 }, { lot: 'L-2602', quantity: 6 }] } });
    await terminal.input('A-01-02-1');
    // a lot Tryton does not have in the bin is refused
    expect((await terminal.input(`(01)0${EAN.serum}(10)L-9999`)).feedback).toMatchObject({ code: 'PICK_LOT_NOT_IN_BIN', params: { lots: 'L-2601, L-2602' } });
    // two of L-2602 from their GS1 labels, one of L-2601 typed then scanned
    await terminal.input(`(01)0${EAN.serum}(10)L-2602`);
    await terminal.input(`(01)0${EAN.serum}(10)L-2602`);
    expect((await terminal.act({ type: 'lot', lot: 'L-2601' })).feedback).toMatchObject({ code: 'PICK_LOT_OK' });
    await terminal.input(EAN.serum);
    expect(terminal.view.screen).toBe('pick-done');
    terminal.close();

    await waitFor(async () => settled(await agent.status()), 'the pick settled at the hub', 60_000);
    expect((await agent.status()).rejected).toBe(0);
    const [shipment] = await t.rpc.call<{ state: string; inventory_moves: number[] }[]>('model.stock.shipment.out.read', [[serumShipment], ['state', 'inventory_moves']]);
    expect(shipment!.state).toBe('picked');
    const moves = await t.rpc.call<{ quantity: number; 'lot.': { number: string } | null; 'from_location.': { code: string } }[]>('model.stock.move.read', [shipment!.inventory_moves, ['quantity', 'lot.number', 'from_location.code']]);
    expect(moves.filter((m) => m.quantity > 0).map((m) => `${m.quantity} ${m['lot.']?.number ?? '-'} ${m['from_location.'].code}`).sort()).toEqual(['1 L-2601 A-01-02-1', '2 L-2602 A-01-02-1']);
  }, 180_000);

  it('Tryton down: the floor picks on, the events wait at the hub, and are booked once Tryton is back', async () => {
    const { dir, t, agent, apiToken } = await trytonSite();

    await tryton().down();
    processes.cleanups.push(() => tryton().up());
    const terminal = await TerminalClient.open(agent.port, apiToken, 'FLOOR-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.act({ type: 'open-order', orderId: `OUT-${t.shipments.full}` });
    await pick(terminal);
    terminal.close();
    await waitFor(() => readFileSync(join(dir, 'hub.log'), 'utf8').includes('they wait at the hub'), 'the hub could not reach Tryton', 20_000);
    expect(await agent.status()).toMatchObject({ pending: 0, awaitingOutcome: 1, rejected: 0 });
    // a supervisor sees why at the hub
    await waitFor(() => erpStatus(dir)?.lastError?.includes('unreachable'), 'the link to Tryton shown failing', 20_000);

    await tryton().up();
    await waitFor(async () => settled(await agent.status()), 'the pick booked once Tryton is back', 60_000);
    await waitFor(() => erpStatus(dir)?.lastError === null, 'the link to Tryton shown working again', 20_000);
    expect((await agent.status()).rejected).toBe(0);
    const [shipment] = await t.rpc.call<{ state: string }[]>('model.stock.shipment.out.read', [[t.shipments.full], ['state']]);
    expect(shipment!.state).toBe('picked');
  }, 120_000);
  it('a short pick for an empty bin makes a draft inventory of that bin in Tryton, a count task the agent receives (issue 14 item 2)', async () => {
    const { dir, t, agent, apiToken } = await trytonSite();
    const terminal = await TerminalClient.open(agent.port, apiToken, 'FLOOR-1');
    await terminal.input('OP01');
    await onScreen(terminal, 'menu');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.act({ type: 'open-order', orderId: `OUT-${t.shipments.short}` });
    const line = terminal.view.screen === 'pick' ? terminal.view.line : undefined;
    // Tryton reserved the five widgets in bin A; the picker finds two there, then nothing
    expect(line).toMatchObject({ productCode: 'WIDGET', location: 'A-01-01-1', quantity: 5 });
    await terminal.input('A-01-01-1');
    for (let i = 0; i < 2; i++) await terminal.input(EAN.widget);
    await terminal.act({ type: 'short', reason: 'empty-location' });

    // (stocking bin A up was an inventory too, done)
    type Inventory = { id: number; state: string; lines: number[] };
    const drafts = await waitFor(
      async () => {
        const found = await t.rpc.call<Inventory[]>('model.stock.inventory.search_read', [[['location', '=', t.bins.a], ['state', '=', 'draft']], 0, null, null, ['state', 'lines']]);
        return found.length ? found : undefined;
      },
      'a draft inventory of bin A in Tryton',
      30_000,
    );
    expect(drafts).toEqual([expect.objectContaining({ state: 'draft' })]);
    const taskId = `INV-${drafts[0]!.id}`;
    const report = JSON.parse(spawnSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' }).stdout) as HubInspection;
    expect(report.countTasks.find((c) => c.id === taskId)).toMatchObject({
      scope: 'location',
      target: 'A-01-01-1',
      status: 'open',
      causes: [expect.objectContaining({ kind: 'short-pick', reason: 'empty-location', orderId: `OUT-${t.shipments.short}`, productCode: 'WIDGET', location: 'A-01-01-1' })],
    });
    // the agent gets it like any other count task, and it stays open across the hub's next pulls from Tryton
    await waitFor(async () => (await agent.store.workDocs.task(taskId))?.status === 'open', 'the count task at the agent', 20_000);
    await waitFor(async () => (await agent.status()).pending === 0, 'the short pick settled at the hub', 20_000);
    expect((await agent.status()).rejected).toBe(0);
    expect(await t.rpc.call<Inventory[]>('model.stock.inventory.search_read', [[['location', '=', t.bins.a], ['state', '=', 'draft']], 0, null, null, ['state']])).toHaveLength(1);
  }, 120_000);

  it('a batch of 3 Tryton shipments on one cart, through a hub kill -9 mid-batch: each shipment picked and booked once, each order in its tote at the hub (issue 16)', async () => {
    let third = 0;
    const site = await trytonSite(async (t) => {
      third = await createSale(t.rpc, await createParty(t.rpc, 'Épicerie du Port'), [
        { product: t.products.gadget, quantity: 2 },
        { product: t.products.widget, quantity: 1 },
      ]);
    }, 3);
    const { dir, t, agent, apiToken } = site;
    let { hub } = site;
    const ordered: Record<number, Record<string, number>> = { [t.shipments.full]: { WIDGET: 3 }, [t.shipments.short]: { WIDGET: 5 }, [third]: { GADGET: 2, WIDGET: 1 } };

    const terminal = await TerminalClient.open(agent.port, apiToken, 'FLOOR-1');
    await terminal.input('OP01');
    await onScreen(terminal, 'menu');
    await terminal.act({ type: 'menu', choice: 'batch' });
    expect((await terminal.input('CHR-01')).feedback).toMatchObject({ code: 'BATCH_STARTED', params: { cart: 'CHR-01', orders: 3 } });
    for (let i = 1; i <= 3; i++) expect((await terminal.input(`BAC-00${i}`)).feedback).toMatchObject({ code: 'TOTE_BOUND', params: { tote: `BAC-00${i}`, position: i } });
    const totes = Object.fromEntries(batchView(terminal).slots.map((s) => [s.order.id, s.tote]));
    expect(Object.keys(totes).sort()).toEqual(Object.keys(ordered).map((id) => `OUT-${id}`).sort());

    // the first order done on the cart: once the hub has its events, the hub dies (kill -9)
    await pickWholeBatch(terminal, { until: (view) => view.slots.some((s) => s.status === 'done') });
    await waitFor(async () => (await agent.status()).pending === 0, "the first order's events at the hub", 20_000);
    await killHard(hub);
    // the picker goes on to the next put while it is down (its events wait at the agent), then it comes back
    let puts = 0;
    await pickWholeBatch(terminal, { until: (view) => view.phase === 'put' && puts++ === 1 });
    expect(batchView(terminal).phase).not.toBe('done');
    expect((await agent.status()).pending).toBeGreaterThan(0);
    hub = await startTrytonHub(dir, t.database, hub.port);
    await pickWholeBatch(terminal);
    expect(batchView(terminal).slots.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    terminal.close();

    await waitFor(async () => settled(await agent.status()), 'every event settled at the hub', 60_000);
    expect((await agent.status()).rejected).toBe(0);

    // at Tryton: each shipment picked, its moves done with what was ordered, from the bins picked; the bins' stock went down once
    for (const [id, products] of Object.entries(ordered)) {
      const [shipment] = await t.rpc.call<{ state: string; inventory_moves: number[] }[]>('model.stock.shipment.out.read', [[Number(id)], ['state', 'inventory_moves']]);
      expect(shipment!.state).toBe('picked');
      const moves = await t.rpc.call<{ quantity: number; state: string; 'product.': { code: string }; 'from_location.': { code: string } }[]>('model.stock.move.read', [shipment!.inventory_moves, ['quantity', 'state', 'product.code', 'from_location.code']]);
      const booked = moves.filter((m) => m.quantity > 0).map((m) => `${m['product.'].code} ${m.quantity} ${m.state} ${m['from_location.'].code}`).sort();
      expect(booked).toEqual(Object.entries(products).map(([code, quantity]) => `${code} ${quantity} done ${code === 'GADGET' ? 'B-01-01-1' : 'A-01-01-1'}`).sort());
    }
    const stockIn = async (bin: number, product: number) => (await t.rpc.call<{ quantity: number }[]>('model.product.product.read', [[product], ['quantity']], { locations: [bin], with_childs: false }))[0]!.quantity;
    expect(await stockIn(t.bins.a, t.products.widget)).toBe(20 - 3 - 5 - 1);
    expect(await stockIn(t.bins.b, t.products.gadget)).toBe(6 - 2);

    // at the hub, as a supervisor asks: every order picked, in the tote it was bound to, nothing rejected
    const report = JSON.parse(spawnSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' }).stdout) as HubInspection;
    expect(report.rejectedEvents).toEqual([]);
    for (const id of Object.keys(ordered)) expect(report.orders.find((o) => o.id === `OUT-${id}`)).toMatchObject({ status: 'picked', tote: totes[`OUT-${id}`] });
  }, 240_000);
});
