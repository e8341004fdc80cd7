import type { Knex } from 'knex';
import type { HubToAgent } from '../protocol/sync.js';
import type { UpstreamEvent } from '../protocol/sync-events.js';
import type { ErpAdapter } from './erp-adapter.js';

type AckResult = Extract<HubToAgent, { type: 'ack' }>['results'][number];

export interface BatchOutcome {
  lastSeq: number;
  results: AckResult[];
  /** Set when the batch skipped a seq: the events after the gap were not applied. */
  expectedSeq?: number;
  changed: Set<'catalog' | 'work' | 'stock'>;
}

/**
 * Applies an agent's events exactly once in effect: the agent's last applied seq is read and
 * written in the same transaction as the effects. An older seq is a duplicate (acked again
 * with the status recorded then), a seq past the next one is a gap (refused, nothing after it
 * applied).
 */
export async function applyBatch(db: Knex, adapter: ErpAdapter, agentId: string, siteId: string, events: UpstreamEvent[], now: Date): Promise<BatchOutcome> {
  return db.transaction(async (trx) => {
    const agent = await trx('agents').where({ agent_id: agentId }).first('last_seq');
    let lastSeq = Number(agent?.last_seq ?? 0);
    const results: AckResult[] = [];
    const changed = new Set<'catalog' | 'work' | 'stock'>();
    let expectedSeq: number | undefined;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= lastSeq) {
        const recorded = await trx('events').where({ agent_id: agentId, seq: event.seq }).first('status', 'reason');
        results.push({ seq: event.seq, status: recorded?.status ?? 'accepted', ...(recorded?.reason ? { reason: recorded.reason } : {}), duplicate: true });
        continue;
      }
      if (event.seq !== lastSeq + 1) {
        expectedSeq = lastSeq + 1;
        break;
      }
      const reused = await trx('events').where({ id: event.id }).first('agent_id', 'seq');
      const outcome = reused
        ? { status: 'rejected' as const, reason: `event id ${event.id} was already used by ${reused.agent_id} seq ${reused.seq}` }
        : await adapter.apply(trx, event, now);
      await trx('events').insert({
        agent_id: agentId,
        seq: event.seq,
        id: reused ? `${event.id}#${agentId}#${event.seq}` : event.id,
        type: event.type,
        at: event.at,
        station: event.station,
        operator: event.operator,
        payload: JSON.stringify(event.payload),
        status: outcome.status,
        reason: outcome.reason ?? null,
        applied_at: now.toISOString(),
      });
      for (const stream of outcome.changed ?? []) changed.add(stream);
      lastSeq = event.seq;
      results.push({ seq: event.seq, status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    }
    await trx('agents')
      .insert({ agent_id: agentId, site_id: siteId, last_seq: lastSeq, last_seen_at: now.toISOString() })
      .onConflict('agent_id')
      .merge();
    return { lastSeq, results, changed, ...(expectedSeq !== undefined && { expectedSeq }) };
  });
}
