import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import type { DomainEvent } from '../../src/domain/events.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { arrangeGhostStock, ghost } from '../helpers/ghost-stock.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const startSite = useSites(tempDir);

type View<S extends StationView['screen']> = Extract<StationView, { screen: S }>;

/** A site whose picker has just shorted the ghost bin "empty location". */
async function shortTheGhostBin(backend: (typeof BACKENDS)[number]) {
  const site = await startSite({ backend });
  await arrangeGhostStock(site.hub!.db);
  const { store } = site.agent;
  await waitFor(async () => (await store.stock.quantityAt(ghost.productCode, ghost.otherBin, null)) === ghost.otherBooks && (await store.stock.quantityAt(ghost.productCode, ghost.bin, null)) === ghost.books, 'the books of both bins at the agent');
  await waitFor(async () => (await store.orders.find(ghost.next.number))?.lines.some((l) => l.productCode === ghost.productCode), 'the rewritten order at the agent');

  const picker = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
  await picker.input('OP01');
  await picker.act({ type: 'menu', choice: 'pick' });
  await picker.input(ghost.order.number);
  const line = picker.view as View<'pick'>;
  expect(line.line).toMatchObject({ productCode: ghost.productCode, location: ghost.bin });
  expect(line.suspectBin).toBeNull();
  await picker.input(ghost.bin);
  await picker.act({ type: 'short', reason: 'empty-location' });
  return { site, store, picker, line };
}

describe.each(BACKENDS)('stock stays true after an empty-bin short pick (issue 14 item 2, %s)', (backend) => {
  it('marks the bin suspect with the short pick, raises its count at the hub, routes the next pick elsewhere; a count clears it', async () => {
    const { site, store, picker, line } = await shortTheGhostBin(backend);

    // committed together: the short pick in the outbox and the bin's suspect mark
    const suspects = await store.stock.suspectsOf([ghost.productCode]);
    expect([...suspects.values()]).toEqual([{ productCode: ghost.productCode, location: ghost.bin, reason: 'empty-location', since: expect.any(String) }]);
    const shorts = (await store.db('outbox').where({ type: 'pick.short' })).map((r) => JSON.parse(r.payload));
    expect(shorts).toEqual([expect.objectContaining({ productCode: ghost.productCode, location: ghost.bin, reason: 'empty-location', picked: 0 })]);

    // the count task at the hub, with its cause
    const task = await waitFor(async () => (await inspectHub(site.hub!.db)).countTasks.find((c) => c.target === ghost.bin && c.status === 'open' && c.causes.length > 0), 'the count task of the bin at the hub');
    expect(task).toMatchObject({ scope: 'location', causes: [{ kind: 'short-pick', reason: 'empty-location', orderId: ghost.order.id, productCode: ghost.productCode, location: ghost.bin, station: 'PICK-1', operator: 'OP01' }] });
    await waitFor(async () => (await store.workDocs.task(task.id))?.status === 'open', 'the count task at the agent');

    // look-up: the bin suspect, nothing available there; the other bin's stock is
    const looker = await TerminalClient.open(site.agent.port, site.apiToken, 'LOOK-1');
    await looker.input('OP02');
    await looker.act({ type: 'menu', choice: 'lookup' });
    await looker.input(line.line.barcode!);
    const levels = (looker.view as View<'lookup'>).levels;
    expect(levels.find((l) => l.location === ghost.bin)).toMatchObject({ onHand: ghost.books, available: 0, suspect: true });
    // what open orders reserve in the suspect bin counts where their lines will be routed: here
    const other = levels.find((l) => l.location === ghost.otherBin)!;
    expect(other).toMatchObject({ onHand: ghost.otherBooks, suspect: false });
    expect(other.reserved).toBeGreaterThanOrEqual(2);
    expect(other.available).toBe(ghost.otherBooks - other.reserved);
    expect(levels.find((l) => l.location === ghost.bin)!.reserved).toBe(0);

    // the next order's line of that product goes to the other bin, and says why
    await picker.act({ type: 'finish' }).catch(() => undefined);
    for (let guard = 0; guard < 40 && picker.view.screen === 'pick'; guard++) {
      const view = picker.view as View<'pick'>;
      if (view.emptyCheck) await picker.act({ type: 'empty-check', remaining: 0 });
      else if (view.phase === 'location') await picker.input(view.line.location);
      else await picker.input(view.line.barcode!);
    }
    if (picker.view.screen === 'pick-done') await picker.act({ type: 'finish' });
    await picker.input(ghost.next.number);
    const routed = picker.view as View<'pick'>;
    expect(routed.line).toMatchObject({ productCode: ghost.productCode, location: ghost.otherBin });
    expect(routed.suspectBin).toEqual({ location: ghost.bin, moved: true });

    // counted: the mark goes in the count's transaction; look-up trusts the bin again
    const counter = await TerminalClient.open(site.agent.port, site.apiToken, 'COUNT-1');
    await counter.input('OP03');
    await counter.act({ type: 'menu', choice: 'count' });
    await counter.act({ type: 'open-count', taskId: task.id });
    await counter.input(ghost.bin);
    await counter.input(line.line.barcode!);
    await counter.act({ type: 'quantity', quantity: ghost.books, mode: 'set' });
    await counter.act({ type: 'confirm-line' });
    expect((await store.stock.suspectsOf([ghost.productCode])).size).toBe(0);
    await looker.input(line.line.barcode!);
    const counted = (looker.view as View<'lookup'>).levels.find((l) => l.location === ghost.bin)!;
    expect(counted).toMatchObject({ onHand: ghost.books, suspect: false });
    expect(counted.available).toBe(counted.onHand - counted.reserved);
    for (const t of [picker, looker, counter]) t.close();
  });

  it('the raised count closed with nothing found empties the bin at the hub, and the mark goes with the books', async () => {
    const { site, store, picker } = await shortTheGhostBin(backend);
    const task = await waitFor(async () => (await inspectHub(site.hub!.db)).countTasks.find((c) => c.target === ghost.bin && c.status === 'open' && c.causes.length > 0), 'the count task of the bin at the hub');
    await waitFor(async () => (await store.workDocs.task(task.id))?.status === 'open', 'the count task at the agent');
    const counter = await TerminalClient.open(site.agent.port, site.apiToken, 'COUNT-1');
    await counter.input('OP03');
    await counter.act({ type: 'menu', choice: 'count' });
    await counter.act({ type: 'open-count', taskId: task.id });
    await counter.input(ghost.bin);
    // the bin is empty: nothing to scan; the count is closed with its line not counted
    await counter.act({ type: 'close' });
    await waitFor(async () => (await inspectHub(site.hub!.db)).countTasks.find((c) => c.id === task.id)?.status === 'done', 'the count done at the hub');
    const books = await site.hub!.db('stock').where({ product_code: ghost.productCode, location_code: ghost.bin }).sum({ n: 'quantity' }).first();
    expect(Number(books?.n ?? 0)).toBe(0);
    await waitFor(async () => (await store.stock.suspectsOf([ghost.productCode])).size === 0, 'the mark cleared by the books at the agent');
    expect(await store.stock.quantityAt(ghost.productCode, ghost.bin, null)).toBe(0);
    for (const t of [picker, counter]) t.close();
  });
});

const short = (reason: 'empty-location' | 'not-found' | 'damaged' | 'insufficient', location = 'A-01-01-1'): DomainEvent => ({
  type: 'pick.short',
  payload: { orderId: 'SO1', lineId: '1', productCode: 'P1', location, picked: 0, short: 3, reason, lots: [] },
});
const level = (location: string, quantity: number) => ({ productCode: 'P1', locationCode: location, lot: '', expiry: null, quantity });

describe.each(BACKENDS)('suspect marks in the agent store (%s)', (backend) => {
  let store: AgentStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('only an empty bin or a product not found marks; with its transaction or not at all; a level above zero keeps it, none clears it', async () => {
    store = await AgentStore.open(await freshDatabase(backend, tempDir(), 'agent'));
    const s = store;
    const suspects = async () => [...(await s.stock.suspectsOf(['P1'])).values()].map((m) => `${m.location} ${m.reason}`);
    await s.db.transaction((trx) => s.stock.applyPuts(trx, [level('A-01-01-1', 23), level('A-01-02-1', 40)]));

    await s.db.transaction((trx) => s.stock.recordDoubts(trx, [short('damaged'), short('insufficient', 'A-01-02-1')], '2026-11-29T10:00:00.000Z'));
    expect(await suspects()).toEqual([]);
    // the transaction that would have carried the short pick fails: no mark either
    await expect(
      s.db.transaction(async (trx) => {
        await s.stock.recordDoubts(trx, [short('empty-location')], '2026-11-29T10:01:00.000Z');
        throw new Error('the outbox append failed');
      }),
    ).rejects.toThrow('the outbox append failed');
    expect(await suspects()).toEqual([]);

    await s.db.transaction((trx) => s.stock.recordDoubts(trx, [short('not-found')], '2026-11-29T10:02:00.000Z'));
    await s.db.transaction((trx) => s.stock.recordDoubts(trx, [short('empty-location')], '2026-11-29T10:03:00.000Z'));
    // the first mark stays
    expect(await suspects()).toEqual(['A-01-01-1 not-found']);
    expect(await s.stock.trustedBins('P1')).toEqual([{ location: 'A-01-02-1', quantity: 40 }]);

    // the hub books a pick from the bin: 20 left, still suspect; then its books say none: cleared
    await s.db.transaction((trx) => s.stock.applyPuts(trx, [level('A-01-01-1', 20)]));
    expect(await suspects()).toEqual(['A-01-01-1 not-found']);
    await s.db.transaction((trx) => s.stock.applyPuts(trx, [level('A-01-01-1', 0)]));
    expect(await suspects()).toEqual([]);
  });
});
