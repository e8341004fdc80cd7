import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { pruneAgentStore } from '../../src/agent/store/prune-agent-store.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { pruneHubEvents } from '../../src/hub/prune-hub-events.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-30T10:00:00.000Z');
const DAY_MS = 86_400_000;
const OLD = new Date(now.getTime() - 90 * DAY_MS).toISOString();
const PAYLOAD = JSON.stringify({ orderId: 'SO-00001', lineId: 'L1', productCode: 'P-0001', location: 'A-01-01', quantity: 1, lots: [] });
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * `n` settled events dated 90 days back, then `recent` of today, in one INSERT ... SELECT (a
 * recursive CTE): a million rows in seconds, where a million knex inserts would take minutes.
 */
const manyEvents = (n: number, recent: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n + recent})
  SELECT i, printf('0193a000-0000-7000-8000-%012d', i) AS id, 'pick.line.picked' AS type, CASE WHEN i <= ${n} THEN '${OLD}' ELSE '${now.toISOString()}' END AS at,
    'OP01' AS operator, 'PICK-1' AS station, '${PAYLOAD}' AS payload FROM n`;

let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('retention: stores of many settled events are pruned and shrink', () => {
  it('agent, a million events: the accepted outbox events and audit rows past their age go, in small background writes; the file shrinks; the seq goes on', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'agent.sqlite');
    store = await AgentStore.open(file);
    await store.db.raw(`INSERT INTO outbox (seq, id, type, at, operator, station, payload, status, acked_at) SELECT i, id, type, at, operator, station, payload, 'accepted', at FROM (${manyEvents(1_000_000, 1_000)})`);
    await store.db.raw(`INSERT INTO audit (at, station, operator, intent, source, raw) SELECT at, station, operator, 'input', 'wedge', id FROM (${manyEvents(200_000, 1_000)})`);
    await store.close();
    const before = statSync(file).size;

    store = await AgentStore.open(file);
    const started = Date.now();
    const result = await pruneAgentStore(store, { outboxDays: 30, auditDays: 60 }, now);
    const ms = Date.now() - started;
    expect(result).toMatchObject({ outbox: 1_000_000, audit: 200_000 });
    expect(await store.db('outbox').count({ n: '*' })).toEqual([{ n: 1_000 }]);
    expect(await store.db('audit').count({ n: '*' })).toEqual([{ n: 1_000 }]);
    expect(await store.outbox.lastSeq()).toBe(1_001_000);
    expect(await store.outbox.settledThrough()).toBe(1_001_000);
    await store.close();
    store = undefined;
    const after = statSync(file).size;
    console.info(`agent store: 1,000,000 outbox events + 200,000 audit rows pruned in ${ms} ms; file ${MiB(before)} before, ${MiB(after)} after (${MiB(result.bytesFreed)} given back)`);
    expect(after).toBeLessThan(before / 20);
  });

  it('hub, 200,000 events: applied events past their age go (the last and the rejected stay), its horizon and count kept for inspect; the file shrinks', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'hub.sqlite');
    let db = await openHubStore(file);
    await db('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 201_000, settled_seq: 201_000, last_seen_at: now.toISOString(), incarnation: 'I1' });
    await db.raw(`INSERT INTO events (agent_id, seq, id, type, at, station, operator, payload, status, received_at, applied_at, incarnation, agent_seq)
      SELECT 'A1', i, id, type, at, station, operator, payload, CASE WHEN i = 7 THEN 'rejected' ELSE 'accepted' END, at, at, 'I1', i FROM (${manyEvents(200_000, 1_000)})`);
    await db.destroy();
    const before = statSync(file).size;

    db = await openHubStore(file);
    try {
      const started = Date.now();
      const result = await pruneHubEvents(db, 30, now);
      const ms = Date.now() - started;
      expect(result).toMatchObject({ events: 199_999, horizons: [{ agentId: 'A1', prunedThroughAt: OLD }] });
      const agent = (await inspectHub(db)).agents[0]!;
      expect(agent).toMatchObject({ lastSeq: 201_000, accepted: 1_000, rejected: 1, prunedEvents: 199_999, prunedThroughAt: OLD });
      console.info(`hub store: 199,999 applied events pruned in ${ms} ms; file ${MiB(before)} before`);
    } finally {
      await db.destroy();
    }
    const after = statSync(file).size;
    console.info(`hub store: file ${MiB(before)} before, ${MiB(after)} after`);
    expect(after).toBeLessThan(before / 20);
  });

  it('agent and hub: a pass whose signal aborts (the service stopping) ends after the batch under way; the next pass takes up the rest', async () => {
    const dir = tempDir();
    store = await AgentStore.open(join(dir, 'agent.sqlite'));
    await store.db.raw(`INSERT INTO outbox (seq, id, type, at, operator, station, payload, status, acked_at) SELECT i, id, type, at, operator, station, payload, 'accepted', at FROM (${manyEvents(500, 10)})`);
    await store.db.raw(`INSERT INTO audit (at, station, operator, intent, source, raw) SELECT at, station, operator, 'input', 'wedge', id FROM (${manyEvents(500, 10)})`);
    const stopping = new AbortController();
    // the stop comes while the first batch is written
    store.background.on('query', (query: { sql: string }) => /^delete/i.test(query.sql) && stopping.abort());
    expect(await pruneAgentStore(store, { outboxDays: 30, auditDays: 30 }, now, 100, stopping.signal)).toMatchObject({ outbox: 100, audit: 0 });
    expect(await pruneAgentStore(store, { outboxDays: 30, auditDays: 30 }, now, 100)).toMatchObject({ outbox: 400, audit: 500 });

    const db = await openHubStore(join(dir, 'hub.sqlite'));
    try {
      await db('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 510, settled_seq: 510, last_seen_at: now.toISOString(), incarnation: 'I1' });
      await db.raw(`INSERT INTO events (agent_id, seq, id, type, at, station, operator, payload, status, received_at, applied_at, incarnation, agent_seq)
        SELECT 'A1', i, id, type, at, station, operator, payload, 'accepted', at, at, 'I1', i FROM (${manyEvents(500, 10)})`);
      const hubStopping = new AbortController();
      db.on('query', (query: { sql: string }) => /^delete/i.test(query.sql) && hubStopping.abort());
      expect(await pruneHubEvents(db, 30, now, 100, hubStopping.signal)).toMatchObject({ events: 100 });
      expect(await pruneHubEvents(db, 30, now, 100)).toMatchObject({ events: 400 });
    } finally {
      await db.destroy();
    }
  });
});
