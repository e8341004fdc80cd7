import type { Knex } from 'knex';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import type { HubStream } from '../../src/hub/hub-store.js';
import { InboxApplier } from '../../src/hub/inbox-applier.js';
import { receiveBatch, type ReceiveOutcome } from '../../src/hub/receive-batch.js';
import type { EventOutcome } from '../../src/protocol/sync.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { createLogger } from '../../src/runtime/logger.js';

/**
 * What the hub does with a batch, start to end: stores it (as it acks), then applies it to the
 * embedded ERP; returns the outcomes of the batch's events and the streams the effects changed.
 */
export async function receiveAndApply(db: Knex, agentId: string, events: UpstreamEvent[], now: Date): Promise<ReceiveOutcome & { results: EventOutcome[]; changed: Set<HubStream> }> {
  const received = await receiveBatch(db, agentId, 'S1', events, now);
  const changed = new Set<HubStream>();
  const applier = new InboxApplier({ db, adapter: embeddedAdapter, logger: createLogger('test', '/dev/null', 'silent'), clock: () => now, onApplied: (_agent, streams) => streams.forEach((s) => changed.add(s)) });
  applier.kick();
  await applier.whenIdle();
  const rows: { seq: number; status: EventOutcome['status'] | 'received'; reason: string | null }[] = await db('events').where('agent_id', agentId).whereIn('seq', events.map((e) => e.seq)).orderBy('seq').select('seq', 'status', 'reason');
  const results = rows.map((r) => ({ seq: Number(r.seq), status: r.status as EventOutcome['status'], ...(r.reason ? { reason: r.reason } : {}) }));
  return { ...received, results, changed };
}
