import type { Knex } from 'knex';
import { isPostgres } from '../storage/open-database.js';
import { reclaimFreePages } from '../storage/reclaim-pages.js';
import { addPrunedEvents, agentColumns, agentProgress, updateAgent } from './store/agents-repo.js';
import { deleteEvents, prunableEvents } from './store/events-repo.js';

const DAY_MS = 86_400_000;
/** Events deleted per transaction: each is short, so a batch of agents' events waits little behind it. */
export const PRUNE_BATCH = 2_000;

/** What one pass of the hub's retention job removed. */
export interface HubPruneResult {
  /** Events deleted, all agents. */
  events: number;
  /** The agents whose pruned horizon moved, with it (the latest `at` pruned, ISO). */
  horizons: { agentId: string; prunedThroughAt: string }[];
  /** Bytes given back to the disk (SQLite; 0 on PostgreSQL, whose autovacuum does it). */
  bytesFreed: number;
}

/**
 * Deletes the agents' events applied more than `keepDays` days before `now` (status `accepted` or
 * `duplicate`; a `rejected` one stays for a supervisor to read), in transactions of `batch` rows.
 * Only settled events go (seq up to the agent's settled seq: an agent told nothing of them yet hears
 * of them as accepted, inbox-applier.ts settledOutcomes), and each
 * agent's last event stays (a hello's welcome names it). Each batch adds to the agent's
 * `pruned_events` and moves its `pruned_through_at` (the latest `at` deleted) in the same
 * transaction, so an event whose record is gone is never taken for a new one (receive-batch.ts).
 * On SQLite the pages freed then go back to the disk (reclaim-pages.ts). Once `signal` aborts (the
 * hub stopping), no further transaction starts: the pass returns what it removed so far.
 */
export async function pruneHubEvents(db: Knex, keepDays: number, now: Date, batch = PRUNE_BATCH, signal?: AbortSignal): Promise<HubPruneResult> {
  const before = new Date(now.getTime() - keepDays * DAY_MS).toISOString();
  const agents = await agentProgress(db);
  const result: HubPruneResult = { events: 0, horizons: [], bytesFreed: 0 };
  for (const agent of agents) {
    if (signal?.aborted) break;
    const through = Math.min(Number(agent.settled_seq), Number(agent.last_seq) - 1);
    let horizon: string | null = null;
    for (;;) {
      const pruned = await db.transaction(async (trx) => {
        const rows = await prunableEvents(trx, agent.agent_id, through, before, batch);
        if (rows.length === 0) return { count: 0, latest: null };
        // the agent's row first (locked on PostgreSQL until commit): a batch received meanwhile
        // finds these events still there, or, after, the horizon that covers them
        await addPrunedEvents(trx, agent.agent_id, rows.length);
        const latest = rows.reduce((max, r) => (r.at > max ? r.at : max), rows[0]!.at);
        const held = (await agentColumns(trx, agent.agent_id, ['pruned_through_at']))!;
        const horizonNow = held.pruned_through_at !== null && held.pruned_through_at > latest ? held.pruned_through_at : latest;
        await updateAgent(trx, agent.agent_id, { pruned_through_at: horizonNow });
        await deleteEvents(trx, agent.agent_id, rows.map((r) => Number(r.seq)));
        return { count: rows.length, latest: horizonNow };
      });
      result.events += pruned.count;
      if (pruned.latest) horizon = pruned.latest;
      if (pruned.count < batch || signal?.aborted) break;
    }
    if (horizon) result.horizons.push({ agentId: agent.agent_id, prunedThroughAt: horizon });
  }
  if (result.events > 0 && !isPostgres(db)) result.bytesFreed = await reclaimFreePages((work) => db.transaction(work), signal);
  return result;
}
