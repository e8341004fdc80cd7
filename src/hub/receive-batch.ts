import type { Knex } from 'knex';
import type { UpstreamEvent } from '../protocol/sync-events.js';

export interface ReceiveOutcome {
  /** Every seq up to this one is stored at the hub. */
  lastSeq: number;
  /** How many events this batch added (the others were duplicates). */
  received: number;
  /** Set when the batch skipped a seq: the events after the gap were not taken. */
  expectedSeq?: number;
}

const INSERT_CHUNK = 250;

/**
 * Stores an agent's events exactly once: its last seq is read and written in the same
 * transaction as the rows. An older seq is a duplicate (already stored), a seq past the next one
 * is a gap (refused, nothing after it taken). The agent's row is written first, which on
 * PostgreSQL locks it until commit: a second hub on the same database serving the same agent
 * waits, then sees the new last seq. Applying to the ERP comes after (see InboxApplier).
 */
export async function receiveBatch(db: Knex, agentId: string, siteId: string, events: UpstreamEvent[], now: Date): Promise<ReceiveOutcome> {
  return db.transaction(async (trx) => {
    const at = now.toISOString();
    await trx('agents').insert({ agent_id: agentId, site_id: siteId, last_seq: 0, last_seen_at: at }).onConflict('agent_id').merge(['site_id', 'last_seen_at']);
    const agent = await trx('agents').where({ agent_id: agentId }).first('last_seq');
    const before = Number(agent?.last_seq ?? 0);
    let lastSeq = before;
    const fresh: UpstreamEvent[] = [];
    let expectedSeq: number | undefined;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= lastSeq) continue;
      if (event.seq !== lastSeq + 1) {
        expectedSeq = lastSeq + 1;
        break;
      }
      fresh.push(event);
      lastSeq = event.seq;
    }
    if (fresh.length === 0) return { lastSeq, received: 0, ...(expectedSeq !== undefined && { expectedSeq }) };
    // an id another event already carries (a copied store, a bug) is kept, under a distinct id, and rejected
    const reused = new Map<string, { agent_id: string; seq: number }>();
    for (let i = 0; i < fresh.length; i += 1000) {
      const rows: { id: string; agent_id: string; seq: number }[] = await trx('events').whereIn('id', fresh.slice(i, i + 1000).map((e) => e.id)).select('id', 'agent_id', 'seq');
      for (const row of rows) reused.set(row.id, row);
    }
    const rows = fresh.map((event) => {
      const other = reused.get(event.id);
      return {
        agent_id: agentId,
        seq: event.seq,
        id: other ? `${event.id}#${agentId}#${event.seq}` : event.id,
        type: event.type,
        at: event.at,
        station: event.station,
        operator: event.operator,
        payload: JSON.stringify(event.payload),
        status: other ? 'rejected' : 'received',
        reason: other ? `event id ${event.id} was already used by ${other.agent_id} seq ${other.seq}` : null,
        received_at: at,
        applied_at: other ? at : null,
      };
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('events').insert(rows.slice(i, i + INSERT_CHUNK));
    await trx('agents').where({ agent_id: agentId }).update({ last_seq: lastSeq });
    return { lastSeq, received: fresh.length, ...(expectedSeq !== undefined && { expectedSeq }) };
  });
}
