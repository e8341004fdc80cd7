import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { InboxApplier } from '../../src/hub/inbox-applier.js';
import { receiveBatch } from '../../src/hub/receive-batch.js';
import type { ErpAdapter } from '../../src/hub/erp-adapter.js';
import { createLogger } from '../../src/runtime/logger.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { receiveAndApply, testSegment } from '../helpers/hub-apply.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-22T10:00:00Z');
const opened: Knex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
});

const data = generateDemoData(DEMO_DEFAULTS);
const order = data.orders[0]!;

function picked(seq: number, lineIndex: number, quantity?: number): UpstreamEvent {
  const line = order.lines[lineIndex]!;
  return {
    id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    type: 'pick.line.picked',
    at: now.toISOString(),
    operator: 'OP01',
    station: 'PICK-1',
    payload: { orderId: order.id, lineId: line.lineId, productCode: line.productCode, location: line.locationCode, quantity: quantity ?? line.quantity, lots: [] },
  };
}

async function hub(backend: Backend): Promise<Knex> {
  const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
  opened.push(db);
  await seedHub(db, data);
  return db;
}

const silent = createLogger('test', '/dev/null', 'silent');

describe.each(BACKENDS)('hub inbox: received once, applied once, in order (hub store on %s)', (backend) => {
  it('applies in order, ignores duplicates, and never applies twice', async () => {
    const store = await hub(backend);
    const first = await receiveAndApply(store, 'A1', [picked(1, 0), picked(2, 0)], now);
    expect(first).toMatchObject({ lastSeq: 2, received: 2 });
    expect(first.results).toEqual([
      { seq: 1, status: 'accepted' },
      { seq: 2, status: 'rejected', reason: `line 1 of ${order.id} is already picked` },
    ]);
    const again = await receiveAndApply(store, 'A1', [picked(2, 0), picked(1, 0)], now);
    expect(again).toMatchObject({ lastSeq: 2, received: 0 });
    expect(again.results).toEqual(first.results);
    expect(await store('events').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await store('order_lines').where({ order_id: order.id, line_id: '1' }).first('picked', 'status')).toEqual({ picked: order.lines[0]!.quantity, status: 'picked' });
  });

  it('refuses a gap: nothing after the missing seq is taken', async () => {
    const store = await hub(backend);
    const outcome = await receiveAndApply(store, 'A1', [picked(1, 0), picked(3, 1)], now);
    expect(outcome).toMatchObject({ lastSeq: 1, expectedSeq: 2, results: [{ seq: 1, status: 'accepted' }] });
    expect(await store('agents').where({ agent_id: 'A1' }).first('last_seq', 'settled_seq')).toEqual({ last_seq: 1, settled_seq: 1 });
  });

  it('keeps sequences per agent apart', async () => {
    const store = await hub(backend);
    await receiveAndApply(store, 'A1', [picked(1, 0)], now);
    const other = await receiveAndApply(store, 'A2', [{ ...picked(1, 1), id: '0193a000-0000-7000-8000-00000000beef' }], now);
    expect(other.results).toEqual([{ seq: 1, status: 'accepted' }]);
  });

  it('rejects an over-pick and an event id used twice', async () => {
    const store = await hub(backend);
    const over = await receiveAndApply(store, 'A1', [picked(1, 0, 99)], now);
    expect(over.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('over-pick') });
    const reused = await receiveAndApply(store, 'A2', [picked(1, 1)], now);
    expect(reused.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('already used') });
  });

  it('books a product sold by weight picked a few grams over its line (a cut label): the grams really picked leave the bin', async () => {
    const store = await hub(backend);
    const line = order.lines[0]!;
    // the line's product sold by weight: its quantities are grams
    await store('products').where({ code: line.productCode }).update({ unit: 'g' });
    const over = await receiveAndApply(store, 'A1', [picked(1, 0, line.quantity + 1)], now);
    expect(over.results).toEqual([{ seq: 1, status: 'accepted' }]);
    expect(await store('order_lines').where({ order_id: order.id, line_id: line.lineId }).first('picked', 'status')).toEqual({ picked: line.quantity + 1, status: 'picked' });
    const moves = await store('stock_moves').where({ product_code: line.productCode, ref: `${order.id}/${line.lineId}` }).sum({ delta: 'delta' });
    expect(Number(moves[0]?.delta)).toBe(-(line.quantity + 1));
  });

  it('marks the order picked when its last line is settled, with a new work version', async () => {
    const store = await hub(backend);
    const events = order.lines.map((_, i) => picked(i + 1, i));
    const outcome = await receiveAndApply(store, 'A1', events, now);
    expect([...outcome.changed].sort()).toEqual(['stock', 'work']);
    expect(await store('orders').where({ id: order.id }).first('status', 'picked_at')).toEqual({ status: 'picked', picked_at: now.toISOString() });
  });

  it('keeps events received while the ERP fails, and applies each once when it is back', async () => {
    const store = await hub(backend);
    let down = true;
    let applied = 0;
    const flaky: ErpAdapter = {
      name: 'flaky',
      apply: async (trx, event, at) => {
        if (down) throw new Error('ERP unreachable');
        applied++;
        return embeddedAdapter.apply(trx, event, at);
      },
    };
    const settled: number[] = [];
    const applier = new InboxApplier({ db: store, adapter: flaky, logger: silent, clock: () => now, onApplied: () => settled.push(1) });
    const received = await receiveBatch(store, 'A1', await testSegment(store, 'A1', now), order.lines.map((_, i) => picked(i + 1, i)), now);
    expect(received).toMatchObject({ lastSeq: order.lines.length, received: order.lines.length });
    applier.kick();
    await applier.whenIdle();
    expect(await store('events').where({ status: 'received' }).count({ n: '*' })).toEqual([{ n: order.lines.length }]);
    down = false;
    await waitFor(async () => (await store('agents').where({ agent_id: 'A1' }).first('settled_seq'))?.settled_seq === order.lines.length, 'applied after the fault', 15_000);
    await applier.stop();
    expect(applied).toBe(order.lines.length);
    expect(await store('events').where({ status: 'accepted' }).count({ n: '*' })).toEqual([{ n: order.lines.length }]);
  });
});

describe('two hubs on one PostgreSQL database', () => {
  it('never store nor apply an agent\'s events twice when both receive the same batches at once', async () => {
    const location = await freshDatabase('postgres', tempDir(), 'shared');
    const one = await openHubStore(location);
    opened.push(one);
    await seedHub(one, data);
    const two = await openHubStore(location);
    opened.push(two);
    const events = order.lines.map((_, i) => picked(i + 1, i));
    const segment = await testSegment(one, 'A1', now);
    const outcomes = await Promise.all([one, two, one, two].map((db) => receiveBatch(db, 'A1', segment, events, now)));
    expect(outcomes.map((o) => o.lastSeq)).toEqual([events.length, events.length, events.length, events.length]);
    expect(outcomes.reduce((sum, o) => sum + o.received, 0)).toBe(events.length);
    const appliers = [one, two].map((db) => new InboxApplier({ db, adapter: embeddedAdapter, logger: silent, clock: () => now, onApplied: () => undefined }));
    appliers.forEach((a) => a.kick());
    await Promise.all(appliers.map((a) => a.whenIdle()));
    expect(await one('events').where({ status: 'accepted' }).count({ n: '*' })).toEqual([{ n: events.length }]);
    const [moved] = await one('stock_moves').where('ref', 'like', `${order.id}/%`).sum({ total: 'delta' });
    expect(Number(moved?.total)).toBe(-order.lines.reduce((sum, l) => sum + l.quantity, 0));
    expect(await one('order_lines').where({ order_id: order.id, status: 'picked' }).count({ n: '*' })).toEqual([{ n: events.length }]);
    expect(await one('orders').where({ id: order.id }).first('status')).toEqual({ status: 'picked' });
  });
});
