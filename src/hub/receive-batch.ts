import type { Knex } from 'knex';
import type { UpstreamEvent } from '../protocol/sync-events.js';
import type { AgentSegment } from './agent-incarnation.js';
import { duplicateOutcome } from './duplicate-outcome.js';
import { agentColumns, updateAgent } from './store/agents-repo.js';
import { eventIdsAt, eventsById, insertEvents, type EventRow, type HeldEvent } from './store/events-repo.js';

export interface ReceiveOutcome {
  /** Every seq up to this one (the agent's numbering) is stored at the hub. */
  lastSeq: number;
  /** How many events this batch added (the others were already there). */
  received: number;
  /** Set when the batch skipped a seq: the events after the gap were not taken. */
  expectedSeq?: number;
  /**
   * Set when the agent's history and the hub's disagree (an event at a seq the hub holds under
   * another id; the agent's segment replaced meanwhile): nothing of the batch was taken.
   */
  diverged?: string;
  /** Events whose id another event at the hub already had, with other content: stored as rejected. */
  conflicts: { id: string; seq: number; heldBy: string }[];
  /**
   * Events sent by a store of the agent after its first (a restored backup), unknown to the hub and
   * dated at or before the agent's pruned horizon: their record may be pruned, so they are stored
   * as rejected (PRUNED_HORIZON), never booked a second time.
   */
  beforeHorizon: { id: string; seq: number; at: string }[];
}

/** The reason a supervisor reads on an event refused for its age (see ReceiveOutcome.beforeHorizon). */
export const prunedHorizonReason = (id: string, at: string, horizon: string) =>
  `PRUNED_HORIZON: event ${id} of ${at} comes from a restored store and is not at the hub, whose records of this agent up to ${horizon} were pruned (retention): it may have been booked already, so it is not booked again; check in the ERP and enter it again if it is missing`;

const sameContent = (held: HeldEvent, event: UpstreamEvent) =>
  held.type === event.type && held.at === event.at && held.station === event.station && (held.operator ?? null) === (event.operator ?? null) && held.payload === JSON.stringify(event.payload);

/**
 * Stores an agent's events exactly once, in the agent's current segment (hub seq = base + agent
 * seq): its last seq is read and written in the same transaction as the rows. A seq the hub
 * already holds is a duplicate only if the hub's event there has the same id; another id means the
 * two histories diverged and nothing is taken. A seq past the next one is a gap (refused, nothing
 * after it taken). A new seq whose id is already at the hub (a store restored or copied) is kept
 * in its slot but not applied again: `duplicate` when its content is the same, `rejected` when it
 * is not. The agent's row is written first, which on PostgreSQL locks it until commit: a second
 * hub on the same database serving the same agent waits, then sees the new last seq. Applying to
 * the ERP comes after (see InboxApplier).
 */
export async function receiveBatch(db: Knex, agentId: string, segment: AgentSegment, events: UpstreamEvent[], now: Date): Promise<ReceiveOutcome> {
  return db.transaction(async (trx) => {
    const at = now.toISOString();
    await updateAgent(trx, agentId, { last_seen_at: at });
    const agent = await agentColumns(trx, agentId, ['last_seq', 'incarnation', 'seq_base', 'pruned_through_at']);
    const { base, firstSeq } = segment;
    const before = Number(agent?.last_seq ?? 0) - base;
    const none = { lastSeq: before, received: 0, conflicts: [], beforeHorizon: [] };
    if (agent?.incarnation !== segment.incarnation || Number(agent.seq_base) !== base) return { ...none, diverged: 'another store of this agent id linked to the hub since this link began' };
    let lastSeq = before;
    const fresh: UpstreamEvent[] = [];
    const repeated: UpstreamEvent[] = [];
    let expectedSeq: number | undefined;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq < firstSeq) return { ...none, diverged: `seq ${event.seq} is before this incarnation's first seq ${firstSeq}` };
      if (event.seq <= before) {
        repeated.push(event);
        continue;
      }
      if (event.seq <= lastSeq) {
        // the same seq twice in one batch: a copy is dropped, another event at that seq is not
        if (fresh[event.seq - before - 1]!.id !== event.id) return { ...none, diverged: `seq ${event.seq} twice in one batch, under two ids` };
        continue;
      }
      if (event.seq !== lastSeq + 1) {
        expectedSeq = lastSeq + 1;
        break;
      }
      fresh.push(event);
      lastSeq = event.seq;
    }
    if (repeated.length > 0) {
      const held = await eventIdsAt(trx, agentId, repeated.map((e) => base + e.seq));
      const idAt = new Map(held.map((h) => [Number(h.seq) - base, h.sent_id ?? h.id]));
      const other = repeated.find((e) => idAt.has(e.seq) && idAt.get(e.seq) !== e.id);
      if (other) return { ...none, diverged: `seq ${other.seq} is event ${idAt.get(other.seq)} at the hub, not ${other.id}` };
    }
    const gap = expectedSeq !== undefined ? { expectedSeq } : {};
    if (fresh.length === 0) return { ...none, ...gap };
    const held = new Map((await eventsById(trx, fresh.map((e) => e.id))).map((h) => [h.id, h]));
    const conflicts: ReceiveOutcome['conflicts'] = [];
    const beforeHorizon: ReceiveOutcome['beforeHorizon'] = [];
    // the agent's first store sends its seqs in order, so what the hub has not is new; a later one may send what was pruned
    const horizon = base > 0 || firstSeq > 1 ? (agent.pruned_through_at ?? null) : null;
    const rows = fresh.map((event): EventRow => {
      const seq = base + event.seq;
      const row: EventRow = { agent_id: agentId, seq, id: event.id, type: event.type, at: event.at, station: event.station, operator: event.operator, payload: JSON.stringify(event.payload), status: 'received', reason: null, received_at: at, applied_at: null, incarnation: segment.incarnation, agent_seq: event.seq, sent_id: null };
      const first = held.get(event.id);
      // an id twice in one batch is matched against the first like one already stored
      if (!first && horizon !== null && event.at <= horizon) {
        beforeHorizon.push({ id: event.id, seq: event.seq, at: event.at });
        return { ...row, status: 'rejected', reason: prunedHorizonReason(event.id, event.at, horizon), applied_at: at };
      }
      if (!first) return (held.set(event.id, { ...row, seq }), row);
      const repeat = { ...row, id: `${event.id}#${agentId}#${seq}`, sent_id: event.id };
      if (!sameContent(first, event)) {
        const heldBy = `${first.agent_id} #${Number(first.seq)}`;
        conflicts.push({ id: event.id, seq: event.seq, heldBy });
        return { ...repeat, status: 'rejected', reason: `event id ${event.id} was already used by ${heldBy} with other content`, applied_at: at };
      }
      // the first one's outcome, now if it has one; else the applier gives it when it has
      const outcome = duplicateOutcome(first);
      return outcome ? { ...repeat, ...outcome, applied_at: at } : repeat;
    });
    await insertEvents(trx, rows);
    await updateAgent(trx, agentId, { last_seq: base + lastSeq });
    return { lastSeq, received: fresh.length, conflicts, beforeHorizon, ...gap };
  });
}
