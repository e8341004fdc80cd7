import { afterEach, describe, expect, it } from 'vitest';
import type { StationSessions } from '../../src/agent/station-sessions.js';
import { buildStationView } from '../../src/agent/station-views.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import type { WorkOrder } from '../../src/protocol/sync.js';
import { DEMO_AGENT_DATA as data, demoAgentStore } from '../helpers/demo-agent-store.js';
import { pickOpenOrder, testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const orders: WorkOrder[] = data.orders.map((o) => ({ ...o, status: 'open' as const, lines: o.lines.map((l) => ({ ...l, picked: 0 })) }));
const BIN = data.locations[0]!.code;
const PRODUCT = data.products[0]!.code;

/** An agent store with the demo catalog, orders and a count task of one bin, as if synced from the hub. */
async function seededStore(backend: Backend): Promise<AgentStore> {
  return demoAgentStore(await freshDatabase(backend, tempDir(), 'agent'), { more: (opened, trx) => opened.workDocs.applyPuts(trx, [], [{ id: 'INV-1', scope: 'location', target: BIN, status: 'open' }]) });
}

function testSessions(s: AgentStore, released: string[] = []) {
  return testStationSessions(s, { onReleased: (station) => released.push(station) });
}

const input = (data: string) => ({ type: 'input' as const, data, source: 'keyboard' as const });

/** At `station`, `operator` opens INV-1 and counts 5 of a product the books do not have there: a recount is asked. */
async function countWithRecount(sessions: StationSessions, station: string, operator: string): Promise<void> {
  await sessions.handle(station, input(operator));
  await sessions.handle(station, { type: 'menu', choice: 'count' });
  await sessions.handle(station, { type: 'open-count', taskId: 'INV-1' });
  await sessions.handle(station, input(BIN));
  const barcode = (await store!.catalog.unitBarcodes([PRODUCT])).get(PRODUCT)!;
  await sessions.handle(station, input(barcode));
  await sessions.handle(station, { type: 'quantity', quantity: 5 });
  const confirmed = await sessions.handle(station, { type: 'confirm-line' });
  expect(confirmed.feedback?.code).toBe('COUNT_RECOUNT');
}

describe.each(BACKENDS)('documents release stations (%s)', (backend) => {
  it('an order cancelled at the hub leaves the station picking it, recorded and audited; the menu no longer offers it', async () => {
    store = await seededStore(backend);
    const released: string[] = [];
    const sessions = testSessions(store, released);
    const order = orders[0]!;
    await sessions.handle('S1', input('OP01'));
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    await sessions.handle('S1', { type: 'open-order', orderId: order.id });
    await sessions.handle('S2', input('OP02'));
    expect(await sessions.releaseClosed()).toEqual([]);

    await store.db.transaction((trx) => store!.orders.applyPuts(trx, [{ ...order, status: 'cancelled' }]));
    // two patches in a row: one release, its message kept
    expect(await Promise.all([sessions.releaseClosed(), sessions.releaseClosed()])).toEqual([['S1'], []]);
    expect(released).toEqual(['S1']);
    const after = await sessions.get('S1');
    expect(after.state).toMatchObject({ screen: 'menu', pick: null, operator: { code: 'OP01' } });
    expect(after.feedback).toMatchObject({ level: 'error', code: 'DOCUMENT_CANCELLED', params: { document: order.number } });
    // saved: a restarted agent finds the station released
    expect((await testSessions(store).get('S1')).state.pick).toBeNull();
    const audit = await store.audit.recent('S1', 10);
    expect(audit.filter((a) => a.intent === 'release')).toEqual([expect.objectContaining({ source: 'device', outcomeCode: 'DOCUMENT_CANCELLED' })]);
    expect(await buildStationView(store, after.state, [], 'no')).toEqual({ screen: 'menu', pausedOrder: null, pausedPack: null, pausedReceipt: null, pausedCount: null, pausedBatch: null });
    // nothing goes to the hub for it
    expect(Number((await store.db('outbox').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('a count closed at the hub releases its station; one opened at another station is taken over with its recount, the first station told', async () => {
    store = await seededStore(backend);
    const released: string[] = [];
    const sessions = testSessions(store, released);
    await countWithRecount(sessions, 'S1', 'OP01');
    // paused: the menu says which count is under way
    await sessions.handle('S1', { type: 'back' });
    expect(await buildStationView(store, (await sessions.get('S1')).state, [], 'no')).toMatchObject({ screen: 'menu', pausedCount: 'INV-1' });

    // another operator opens it at another station: S1 is released in the same call, S2 goes on where S1 was
    await sessions.handle('S2', input('OP02'));
    await sessions.handle('S2', { type: 'menu', choice: 'count' });
    const taken = await sessions.handle('S2', { type: 'open-count', taskId: 'INV-1' });
    expect(taken.session.state.count?.lines).toEqual([expect.objectContaining({ productCode: PRODUCT, status: 'recount', firstBy: 'OP01' })]);
    expect(released).toEqual(['S1']);
    const first = await sessions.get('S1');
    expect(first.state).toMatchObject({ screen: 'menu', count: null });
    expect(first.feedback).toMatchObject({ code: 'DOCUMENT_TAKEN', params: { document: `INV-1 ${BIN}`, station: 'S2' } });

    // the hub closes it: S2 is released too
    await store.db.transaction((trx) => store!.workDocs.applyPuts(trx, [], [{ id: 'INV-1', scope: 'location', target: BIN, status: 'done' }]));
    expect(await sessions.releaseClosed()).toEqual(['S2']);
    expect((await sessions.get('S2')).feedback).toMatchObject({ code: 'DOCUMENT_CLOSED', params: { document: `INV-1 ${BIN}` } });
    expect((await sessions.get('S2')).state).toMatchObject({ screen: 'menu', count: null });
  });

  it('an order of a cart cancelled at the hub leaves the cart with its tote freed; the other orders go on, and another station cannot open them', async () => {
    store = await seededStore(backend);
    const sessions = testSessions(store);
    await sessions.handle('S1', input('OP01'));
    await sessions.handle('S1', { type: 'menu', choice: 'batch' });
    await sessions.handle('S1', input('CHR-01'));
    const cart = (await sessions.get('S1')).state.batch!;
    for (const slot of cart.slots) await sessions.handle('S1', input(`BAC-00${slot.position}`));
    const [first, gone] = cart.slots;
    await sessions.handle('S2', input('OP02'));
    await sessions.handle('S2', { type: 'menu', choice: 'pick' });
    expect((await sessions.handle('S2', input(first!.pick.orderNumber))).feedback).toMatchObject({ level: 'error', code: 'ORDER_NOT_AVAILABLE' });

    const order = orders.find((o) => o.id === gone!.pick.orderId)!;
    await store.db.transaction((trx) => store!.orders.applyPuts(trx, [{ ...order, status: 'cancelled' }]));
    expect(await sessions.releaseClosed()).toEqual(['S1']);
    const after = await sessions.get('S1');
    expect(after.feedback).toMatchObject({ level: 'error', code: 'DOCUMENT_CANCELLED', params: { document: order.number } });
    expect(after.state.batch!.slots.map((s) => s.pick.orderId)).toEqual(cart.slots.filter((s) => s !== gone).map((s) => s.pick.orderId));
    expect(after.state.screen).toBe('batch');
    expect(await store.totes.byCode('BAC-002')).toBeUndefined();
    expect(await store.totes.byCode('BAC-001')).toMatchObject({ orderId: first!.pick.orderId, station: 'S1' });
    const released = await store.db('outbox').where({ type: 'tote.released' }).select('payload');
    expect(released.map((r: { payload: string }) => JSON.parse(r.payload) as unknown)).toEqual([{ tote: 'BAC-002', orderId: order.id, reason: 'order-closed', supervisor: null }]);
  });

  it('two carts binding the same tote in the same instant: one gets it, the other is told it is on a cart', async () => {
    store = await seededStore(backend);
    // carts of one tote: two carts from the few orders of this store
    const sessions = testStationSessions(store, { batches: { carts: [{ prefix: 'CHR-', positions: 1 }], totePrefix: 'BAC-' } });
    for (const [station, operator, cart] of [['S1', 'OP01', 'CHR-01'], ['S2', 'OP02', 'CHR-02']] as const) {
      await sessions.handle(station, input(operator));
      await sessions.handle(station, { type: 'menu', choice: 'batch' });
      expect((await sessions.handle(station, input(cart))).feedback?.code).toBe('BATCH_STARTED');
    }
    const answers = await Promise.all([sessions.handle('S1', input('BAC-009')), sessions.handle('S2', input('BAC-009'))]);
    expect(answers.map((a) => a.feedback?.code).sort()).toEqual(['TOTE_BOUND', 'TOTE_ON_CART']);
    const winner = answers.find((a) => a.feedback?.code === 'TOTE_BOUND')!;
    expect(await store.totes.byCode('BAC-009')).toMatchObject({ orderId: winner.session.state.batch!.slots[0]!.pick.orderId });
    expect(Number((await store.db('outbox').where({ type: 'tote.assigned' }).count({ n: '*' }).first())!.n)).toBe(1);
  });

  it("a tote refused as in use that changed hands before the supervisor's PIN: answered as a scan of it now, no PIN checked", async () => {
    store = await seededStore(backend);
    const sessions = testStationSessions(store, { batches: { carts: [{ prefix: 'CHR-', positions: 1 }], totePrefix: 'BAC-' } });
    // BAC-009 holds an order picked and waiting for packing
    const held = orders.at(-1)!;
    await store.db.transaction(async (trx) => {
      await store!.orders.setLocalStatus(trx, held.id, 'picked', null);
      await trx('totes').insert({ code: 'BAC-009', order_id: held.id, order_number: held.number, cart: 'CHR-07', position: 1, station: 'S9', assigned_at: '2026-11-22T09:00:00Z' });
    });
    await sessions.handle('S1', input('OP01'));
    await sessions.handle('S1', { type: 'menu', choice: 'batch' });
    await sessions.handle('S1', input('CHR-01'));
    expect((await sessions.handle('S1', input('BAC-009'))).feedback).toMatchObject({ code: 'TOTE_IN_USE', params: { order: held.number } });
    // meanwhile the order is packed elsewhere: the tote is free
    await store.db('totes').where({ code: 'BAC-009' }).delete();
    const approved = await sessions.handle('S1', { type: 'override', supervisor: 'SUP1', pin: '0000', reason: 'tote-empty' });
    expect(approved.feedback).toMatchObject({ level: 'ok', code: 'TOTE_BOUND', params: { tote: 'BAC-009' } });
    expect(await store.lockouts.all()).toEqual([]);
  });

  it('a bad number scanned on a finished pick names it, and records nothing', async () => {
    store = await seededStore(backend);
    const sessions = testSessions(store);
    const order = orders[1]!;
    await sessions.handle('S1', input('OP01'));
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    await sessions.handle('S1', { type: 'open-order', orderId: order.id });
    await pickOpenOrder(sessions, store, 'S1');
    const done = await sessions.get('S1');
    expect(done.state.pick?.phase).toBe('done');
    const events = Number((await store.db('outbox').count({ n: '*' }).first())!.n);
    const refused = await sessions.handle('S1', input('CMD-\u0007NOPE'));
    expect(refused.feedback).toMatchObject({ level: 'error', code: 'ORDER_NOT_FOUND', params: { order: 'CMD-\u0007NOPE' } });
    expect(refused.session.state).toEqual(done.state);
    expect(Number((await store.db('outbox').count({ n: '*' }).first())!.n)).toBe(events);
  });
});
