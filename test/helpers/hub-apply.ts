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
export async function testSegment(db: Knex, agentId: string, now: Date, incarnation = TEST_INCARNATION, settledThrough = 0, site: TestSiteHello = { siteId: 'S1' }): Promise<AgentSegment> {
  return (await startSegment(db, { agentId, ...site, incarnation, settledThrough }, now)).segment;
}

/** The site a test agent names in its hello: its id and, when given, its time zone. */
export interface TestSiteHello {
  siteId: string;
  timeZone?: string;
}

/**
 * What the hub does with a batch, start to end: stores it (as it acks), then applies it to the
 * embedded ERP (the agent saying hello from `site`, default S1 with no zone); returns the outcomes of the batch's events and the streams the effects changed.
 */
export async function receiveAndApply(db: Knex, agentId: string, events: UpstreamEvent[], now: Date, site?: TestSiteHello): Promise<ReceiveOutcome & { results: EventOutcome[]; changed: Set<HubStream> }> {
  const received = await receiveBatch(db, agentId, await testSegment(db, agentId, now, TEST_INCARNATION, 0, site), events, now);
  const changed = new Set<HubStream>();
  const applier = new InboxApplier({ db, adapter: embeddedAdapter, logger: createLogger('test', '/dev/null', 'silent'), clock: () => now, onApplied: (_agent, streams) => streams.forEach((s) => changed.add(s)) });
  applier.kick();
  await applier.whenIdle();
  const rows: { seq: number; status: EventOutcome['status'] | 'received'; reason: string | null }[] = await db('events').where('agent_id', agentId).whereIn('seq', events.map((e) => e.seq)).orderBy('seq').select('seq', 'status', 'reason');
  const results = rows.map((r) => ({ seq: Number(r.seq), status: r.status as EventOutcome['status'], ...(r.reason ? { reason: r.reason } : {}) }));
  return { ...received, results, changed };
}
