import type { AgentStore } from './agent-store.js';
import { isPostgres } from '../../storage/open-database.js';
import { reclaimFreePages } from '../../storage/reclaim-pages.js';

const DAY_MS = 86_400_000;
/** Rows deleted per background write: a scan waits at most for one such batch (a few ms). */
export const AGENT_PRUNE_BATCH = 1_000;

/** How long the agent's retention job keeps rows, in days (config `retention.*`). */
export interface AgentRetention {
  outboxDays: number;
  auditDays: number;
}

/** What one pass removed: rows, and bytes given back to the disk (SQLite, 0 otherwise). */
export interface AgentPruneResult {
  outbox: number;
  audit: number;
  bytesFreed: number;
}

/**
 * The agent's retention job, one pass: deletes the outbox events the hub accepted whose `at` is
 * more than `outboxDays` before `now` (pending, sent and rejected ones stay, and so do the last
 * settled one and everything after it: the seq goes on from there, and a welcome's last seq is
 * found), and the audit rows older than `auditDays`. Every delete is a background write of at
 * most `batch` rows, so a scan never waits behind the job for more than one batch. On SQLite the
 * pages freed then go back to the disk, a few at a time (reclaim-pages.ts). Once `signal` aborts
 * (the agent stopping), no further batch starts: the pass returns what it removed so far, and the
 * next pass takes up the rest.
 */
export async function pruneAgentStore(store: AgentStore, keep: AgentRetention, now: Date, batch = AGENT_PRUNE_BATCH, signal?: AbortSignal): Promise<AgentPruneResult> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const outboxBefore = cutoff(keep.outboxDays);
  const auditBefore = cutoff(keep.auditDays);
  const settled = await store.outbox.settledThrough();
  const inBatches = async (step: () => Promise<number>) => {
    let total = 0;
    for (let n = batch; n === batch && !signal?.aborted; total += n) n = await step();
    return total;
  };
  const outbox = await inBatches(() =>
    store.writeBackground((trx) =>
      trx('outbox')
        .whereIn('seq', trx('outbox').select('seq').where('status', 'accepted').andWhere('seq', '<', settled).andWhere('at', '<', outboxBefore).orderBy('seq').limit(batch))
        .delete(),
    ),
  );
  const audit = await inBatches(() => store.writeBackground((trx) => trx('audit').whereIn('id', trx('audit').select('id').where('at', '<', auditBefore).orderBy('id').limit(batch)).delete()));
  const bytesFreed = isPostgres(store.db) ? 0 : await reclaimFreePages((work) => store.writeBackground(work), signal);
  return { outbox, audit, bytesFreed };
}
