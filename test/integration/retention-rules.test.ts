import knexFactory, { type Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { pruneAgentStore } from '../../src/agent/store/prune-agent-store.js';
import { startSegment } from '../../src/hub/agent-incarnation.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { pruneHubEvents } from '../../src/hub/prune-hub-events.js';
import { receiveBatch } from '../../src/hub/receive-batch.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { drained, expectMovedOnce, pickOrder } from '../helpers/booked-once.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-30T10:00:00.000Z');
const OLD = '2026-08-01T10:00:00.000Z';
const id = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const payload = { orderId: 'SO-1', lineId: 'L1', productCode: 'P1', location: 'A-01', quantity: 1, lots: [] };

describe.each(BACKENDS)('retention rules (%s)', (backend) => {
  let store: AgentStore | undefined;
  let hub: Knex | undefined;
  afterEach(async () => {
    await store?.close();
    await hub?.destroy();
    store = hub = undefined;
  });

  it('agent: only accepted events before the last settled one and past their age go; audit rows by age', async () => {
    store = await AgentStore.open(await freshDatabase(backend, tempDir(), 'agent'));
    const statuses = ['accepted', 'accepted', 'accepted', 'pending', 'accepted', 'rejected'];
    await store.db('outbox').insert(statuses.map((status, i) => ({ seq: i + 1, id: id(i + 1), type: 'pick.line.picked', at: OLD, operator: 'OP01', station: 'S1', payload: JSON.stringify(payload), status })));
    await store.db('audit').insert([OLD, OLD, now.toISOString()].map((at) => ({ at, station: 'S1', intent: 'input' })));
    expect(await pruneAgentStore(store, { outboxDays: 30, auditDays: 30 }, now)).toMatchObject({ outbox: 2, audit: 2 });
    expect((await store.db('outbox').orderBy('seq').select('seq')).map((r) => Number(r.seq))).toEqual([3, 4, 5, 6]);
    expect(await store.db('audit').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('hub: applied events past their age go up to the settled seq, the last and the rejected stay; a restored store\u2019s unknown event before the horizon is refused, a new one taken', async () => {
    hub = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
    await hub('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 5, settled_seq: 4, last_seen_at: OLD, incarnation: 'I1' });
    const statuses = ['accepted', 'rejected', 'duplicate', 'accepted', 'accepted'];
    const ats = ['2026-08-01T10:00:00.000Z', '2026-08-02T10:00:00.000Z', '2026-08-03T10:00:00.000Z', '2026-08-04T10:00:00.000Z', OLD];
    await hub('events').insert(statuses.map((status, i) => ({ agent_id: 'A1', seq: i + 1, id: id(i + 1), type: 'pick.line.picked', at: ats[i], station: 'S1', operator: 'OP01', payload: JSON.stringify(payload), status, received_at: OLD, applied_at: OLD, incarnation: 'I1', agent_seq: i + 1 })));
    expect(await pruneHubEvents(hub, 30, now)).toMatchObject({ events: 3, horizons: [{ agentId: 'A1', prunedThroughAt: '2026-08-04T10:00:00.000Z' }] });
    expect((await hub('events').orderBy('seq').select('seq')).map((r) => Number(r.seq))).toEqual([2, 5]);
    expect(await hub('agents').first('pruned_events', 'pruned_through_at')).toMatchObject({ pruned_events: 3, pruned_through_at: '2026-08-04T10:00:00.000Z' });

    // a store restored from a backup holding seq 1 unsettled, and a line picked since
    const start = await startSegment(hub, { agentId: 'A1', siteId: 'S1', incarnation: 'I2', settledThrough: 0 }, now);
    expect(start.started).toBe('new');
    const event = (seq: number, n: number, at: string): UpstreamEvent => ({ id: id(n), seq, type: 'pick.line.picked', at, operator: 'OP01', station: 'S1', payload });
    const outcome = await receiveBatch(hub, 'A1', start.segment, [event(1, 1, ats[0]!), event(2, 99, now.toISOString())], now);
    expect(outcome).toMatchObject({ lastSeq: 2, received: 2, conflicts: [], beforeHorizon: [{ id: id(1), seq: 1, at: ats[0] }] });
    const rows = await hub('events').where('seq', '>', 5).orderBy('seq').select('id', 'status', 'reason');
    expect(rows[0]).toMatchObject({ id: id(1), status: 'rejected', reason: expect.stringMatching(/^PRUNED_HORIZON: /) });
    expect(rows[1]).toMatchObject({ id: id(99), status: 'received', reason: null });
  });
});

describe('an agent away longer than the hub keeps its events', () => {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.stop();
    site = undefined;
  });

  it('hears of every event it sent, those whose rows the hub pruned meanwhile as accepted', async () => {
    site = await startSite(tempDir());
    const first = await pickOrder(site, 'CMD-1001');
    await drained(site);
    const second = await pickOrder(site, 'CMD-1002');
    await drained(site);
    const agentDb = site.agentDb;
    const hubDb = site.hub!.db;
    await site.restartAgent(async () => {
      // the store as an agent stopped after the hub stored these events and before their outcomes
      // reached it; the hub then prunes them, 60 days on
      const db = knexFactory({ client: 'sqlite3', connection: { filename: agentDb }, useNullAsDefault: true });
      try {
        const awaiting = await db('outbox').where('seq', '>', 1).update({ status: 'sent', acked_at: null });
        expect(awaiting).toBe(first + second - 1);
      } finally {
        await db.destroy();
      }
      const pruned = await pruneHubEvents(hubDb, 30, new Date(Date.now() + 60 * 86_400_000));
      expect(pruned.events).toBe(first + second - 1);
    });
    await drained(site);
    expect(await site.agent.status()).toMatchObject({ pending: 0, awaitingOutcome: 0, rejected: 0 });
    await expectMovedOnce(site, ['CMD-1001', 'CMD-1002']);
  });
});
