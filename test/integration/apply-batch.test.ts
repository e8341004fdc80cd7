import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { applyBatch } from '../../src/hub/apply-batch.js';
import { openHubStore } from '../../src/hub/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-22T10:00:00Z');
let db: Knex | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
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

async function hub(): Promise<Knex> {
  db = await openHubStore(join(tempDir(), 'hub.sqlite'));
  await seedHub(db, data);
  return db;
}

describe('idempotent apply (hub store on a SQLite file)', () => {
  it('applies in order, acks duplicates with the status recorded then, and never applies twice', async () => {
    const store = await hub();
    const first = await applyBatch(store, embeddedAdapter, 'A1', 'S1', [picked(1, 0), picked(2, 0)], now);
    expect(first.results).toEqual([
      { seq: 1, status: 'accepted' },
      { seq: 2, status: 'rejected', reason: `line 1 of ${order.id} is already picked` },
    ]);
    const again = await applyBatch(store, embeddedAdapter, 'A1', 'S1', [picked(2, 0), picked(1, 0)], now);
    expect(again.results).toEqual([
      { seq: 1, status: 'accepted', duplicate: true },
      { seq: 2, status: 'rejected', reason: `line 1 of ${order.id} is already picked`, duplicate: true },
    ]);
    expect(await store('events').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await store('order_lines').where({ order_id: order.id, line_id: '1' }).first('picked', 'status')).toEqual({ picked: order.lines[0]!.quantity, status: 'picked' });
  });

  it('refuses a gap: nothing after the missing seq is applied', async () => {
    const store = await hub();
    const outcome = await applyBatch(store, embeddedAdapter, 'A1', 'S1', [picked(1, 0), picked(3, 1)], now);
    expect(outcome).toMatchObject({ lastSeq: 1, expectedSeq: 2, results: [{ seq: 1, status: 'accepted' }] });
    expect(await store('agents').where({ agent_id: 'A1' }).first('last_seq')).toEqual({ last_seq: 1 });
  });

  it('keeps sequences per agent apart', async () => {
    const store = await hub();
    await applyBatch(store, embeddedAdapter, 'A1', 'S1', [picked(1, 0)], now);
    const other = await applyBatch(store, embeddedAdapter, 'A2', 'S1', [{ ...picked(1, 1), id: '0193a000-0000-7000-8000-00000000beef' }], now);
    expect(other.results).toEqual([{ seq: 1, status: 'accepted' }]);
  });

  it('rejects an over-pick and an event id used twice', async () => {
    const store = await hub();
    const over = await applyBatch(store, embeddedAdapter, 'A1', 'S1', [picked(1, 0, 99)], now);
    expect(over.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('over-pick') });
    const reused = await applyBatch(store, embeddedAdapter, 'A2', 'S1', [picked(1, 1)], now);
    expect(reused.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('already used') });
  });

  it('marks the order picked when its last line is settled, with a new work version', async () => {
    const store = await hub();
    const events = order.lines.map((_, i) => picked(i + 1, i));
    const outcome = await applyBatch(store, embeddedAdapter, 'A1', 'S1', events, now);
    expect([...outcome.changed].sort()).toEqual(['stock', 'work']);
    expect(await store('orders').where({ id: order.id }).first('status', 'picked_at')).toEqual({ status: 'picked', picked_at: now.toISOString() });
  });
});
