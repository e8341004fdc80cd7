import type { Knex } from 'knex';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import type { HubStream } from '../../src/hub/store/hub-store.js';
import { startSegment, type AgentSegment } from '../../src/hub/agent-incarnation.js';
import { InboxApplier } from '../../src/hub/inbox-applier.js';
import { receiveBatch, type ReceiveOutcome } from '../../src/hub/receive-batch.js';
import type { EventOutcome } from '../../src/protocol/sync.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { createLogger } from '../../src/runtime/logger.js';

/** The incarnation test agents link with, unless a test says otherwise. */
export const TEST_INCARNATION = '0193a000-0000-4000-8000-000000000001';

/** Says hello for a test agent, as the hub does before it takes events: its incarnation's segment. */
export async function testSegment(db: Knex, agentId: string, now: Date, incarnation = TEST_INCARNATION, settledThrough = 0): Promise<AgentSegment> {
  return (await startSegment(db, { agentId, siteId: 'S1', incarnation, settledThrough }, now)).segment;
}

/**
 * What the hub does with a batch, start to end: stores it (as it acks), then applies it to the
 * embedded ERP; returns the outcomes of the batch's events and the streams the effects changed.
 */
export async function receiveAndApply(db: Knex, agentId: string, events: UpstreamEvent[], now: Date): Promise<ReceiveOutcome & { results: EventOutcome[]; changed: Set<HubStream> }> {
  const received = await receiveBatch(db, agentId, await testSegment(db, agentId, now), events, now);
  const changed = new Set<HubStream>();
  const applier = new InboxApplier({ db, adapter: embeddedAdapter, logger: createLogger('test', '/dev/null', 'silent'), clock: () => now, onApplied: (_agent, streams) => streams.forEach((s) => changed.add(s)) });
  applier.kick();
  await applier.whenIdle();
  const rows: { seq: number; status: EventOutcome['status'] | 'received'; reason: string | null }[] = await db('events').where('agent_id', agentId).whereIn('seq', events.map((e) => e.seq)).orderBy('seq').select('seq', 'status', 'reason');
  const results = rows.map((r) => ({ seq: Number(r.seq), status: r.status as EventOutcome['status'], ...(r.reason ? { reason: r.reason } : {}) }));
  return { ...received, results, changed };
}
