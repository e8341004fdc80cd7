import { isLocked } from '../domain/supervisor-lockout.js';
import type { AgentStatus } from '../protocol/local-api.js';
import type { AgentStore } from './store/agent-store.js';

/** Rejected events listed in a status: the latest, for a supervisor to act on. */
const REJECTED_SHOWN = 20;
const SCANS_SHOWN = 10;

/** What `quai status` reports, read from the store (the running agent adds its live link state); `now` says which lockouts still hold. */
export async function readAgentStatus(store: AgentStore, live: Pick<AgentStatus, 'agentId' | 'siteId' | 'link' | 'lastSyncAt' | 'devices' | 'loading'>, now: Date = new Date()): Promise<AgentStatus> {
  const counts = await store.catalog.counts();
  return {
    ...live,
    pending: store.outbox.pending,
    awaitingOutcome: store.outbox.awaitingOutcome,
    rejected: store.outbox.rejected,
    rejectedEvents: await store.outbox.rejectedEvents(REJECTED_SHOWN),
    incarnation: store.outbox.incarnation,
    outbox: { lastSeq: await store.outbox.lastSeq(), settledThrough: await store.outbox.settledThrough() },
    recentScans: (await store.audit.recentInputs(SCANS_SHOWN)).map((e) => ({ at: e.at, station: e.station, source: e.source, raw: e.raw, remapped: e.remapped ?? null, outcomeLevel: e.outcomeLevel, outcomeCode: e.outcomeCode })),
    catalog: { ...counts, openOrders: await store.orders.countOpen() },
    // a code with no wrong PIN since its last lockout ended has nothing to say (its delay is kept in the store)
    supervisorLockouts: (await store.lockouts.all())
      .map((r) => ({
        supervisor: r.supervisor,
        failures: r.failures,
        lockouts: r.lockouts,
        locked: isLocked(r, now.getTime()),
        lockedUntil: r.lockedUntilMs === null ? null : new Date(r.lockedUntilMs).toISOString(),
      }))
      .filter((l) => l.locked || l.failures > 0),
  };
}
