import type { Knex } from 'knex';
import { isPostgres } from '../storage/open-database.js';
import { reclaimFreePages } from '../storage/reclaim-pages.js';

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
 * Only what the agent has been told is settled goes (seq up to the agent's settled seq), and each
 * agent's last event stays (a hello's welcome names it). Each batch adds to the agent's
 * `pruned_events` and moves its `pruned_through_at` (the latest `at` deleted) in the same
 * transaction, so an event whose record is gone is never taken for a new one (receive-batch.ts).
 * On SQLite the pages freed then go back to the disk (reclaim-pages.ts). Once `signal` aborts (the
 * hub stopping), no further transaction starts: the pass returns what it removed so far.
 */
export async function pruneHubEvents(db: Knex, keepDays: number, now: Date, batch = PRUNE_BATCH, signal?: AbortSignal): Promise<HubPruneResult> {
  const before = new Date(now.getTime() - keepDays * DAY_MS).toISOString();
  const agents: { agent_id: string; settled_seq: number; last_seq: number }[] = await db('agents').select('agent_id', 'settled_seq', 'last_seq');
  const result: HubPruneResult = { events: 0, horizons: [], bytesFreed: 0 };
  for (const agent of agents) {
    if (signal?.aborted) break;
    const through = Math.min(Number(agent.settled_seq), Number(agent.last_seq) - 1);
    let horizon: string | null = null;
    for (;;) {
      const pruned = await db.transaction(async (trx) => {
        const rows: { seq: number; at: string }[] = await trx('events')
          .where('agent_id', agent.agent_id)
          .andWhere('seq', '<=', through)
          .whereIn('status', ['accepted', 'duplicate'])
          .andWhere('applied_at', '<', before)
          .orderBy('seq')
          .limit(batch)
          .select('seq', 'at');
        if (rows.length === 0) return { count: 0, latest: null };
        // the agent's row first (locked on PostgreSQL until commit): a batch received meanwhile
        // finds these events still there, or, after, the horizon that covers them
        await trx('agents').where('agent_id', agent.agent_id).increment('pruned_events', rows.length);
        const latest = rows.reduce((max, r) => (r.at > max ? r.at : max), rows[0]!.at);
        const held: { pruned_through_at: string | null } = await trx('agents').where('agent_id', agent.agent_id).first('pruned_through_at');
        const horizonNow = held.pruned_through_at !== null && held.pruned_through_at > latest ? held.pruned_through_at : latest;
        await trx('agents').where('agent_id', agent.agent_id).update({ pruned_through_at: horizonNow });
        await trx('events')
          .where('agent_id', agent.agent_id)
          .whereIn('seq', rows.map((r) => Number(r.seq)))
          .delete();
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
