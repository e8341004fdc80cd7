import type { Knex } from 'knex';
import type { UpstreamEvent } from '../../protocol/sync-events.js';

/**
 * An agent's event in the hub's inbox (table `events`): `seq` is the hub's (see AgentSegment),
 * `agent_seq` the agent's own; `status` goes received → accepted | rejected | duplicate;
 * `payload` is the event's payload as JSON; instants are ISO 8601 UTC.
 */
export interface EventRow {
  agent_id: string;
  seq: number;
  id: string;
  type: UpstreamEvent['type'];
  at: string;
  station: string;
  operator: string | null;
  payload: string;
  status: EventStatus;
  reason: string | null;
  received_at: string;
  applied_at: string | null;
  incarnation: string | null;
  agent_seq: number | null;
  /** Set on an event sent again under an id the hub already had: the id the agent sent (`id` is then `<id>#<agent>#<seq>`). */
  sent_id: string | null;
}

export type EventStatus = 'received' | 'accepted' | 'rejected' | 'duplicate';

/** What an event is matched against when one with its id comes again. */
export type HeldEvent = Pick<EventRow, 'id' | 'agent_id' | 'seq' | 'type' | 'at' | 'station' | 'operator' | 'payload' | 'status' | 'reason'>;

/** An event's outcome as another event sent under its id takes it. */
export type EventOutcomeRow = Pick<EventRow, 'agent_id' | 'seq' | 'status' | 'reason'>;

const INSERT_CHUNK = 250;
const SELECT_CHUNK = 500;
const UPDATE_CHUNK = 500;

async function inChunks<V, T>(values: V[], read: (chunk: V[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += SELECT_CHUNK) rows.push(...(await read(values.slice(i, i + SELECT_CHUNK))));
  return rows;
}

/** The ids held at an agent's hub seqs (only the seqs the hub holds), read 500 seqs a query. */
export async function eventIdsAt(db: Knex, agentId: string, seqs: number[]): Promise<Pick<EventRow, 'seq' | 'id' | 'sent_id'>[]> {
  return inChunks(seqs, (chunk) => db('events').where('agent_id', agentId).whereIn('seq', chunk).select('seq', 'id', 'sent_id'));
}

/** The id the agent gave the event at a hub seq (its `sent_id` when it had one), undefined when the hub holds none there. */
export async function eventIdAt(db: Knex, agentId: string, seq: number): Promise<string | undefined> {
  const row: Pick<EventRow, 'id' | 'sent_id'> | undefined = await db('events').where({ agent_id: agentId, seq }).first('id', 'sent_id');
  return row ? (row.sent_id ?? row.id) : undefined;
}

/** The events the hub holds under these ids (any agent), read 500 ids a query. */
export async function eventsById(db: Knex, ids: string[]): Promise<HeldEvent[]> {
  return inChunks(ids, (chunk) => db('events').whereIn('id', chunk).select<HeldEvent[]>('id', 'agent_id', 'seq', 'type', 'at', 'station', 'operator', 'payload', 'status', 'reason'));
}

/** The outcome of the event that holds an id, undefined when none does. */
export async function eventOutcomeById(db: Knex, id: string): Promise<EventOutcomeRow | undefined> {
  return db('events').where({ id }).first('agent_id', 'seq', 'status', 'reason');
}

/** Stores events, 250 rows a statement. */
export async function insertEvents(trx: Knex.Transaction, rows: EventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('events').insert(rows.slice(i, i + INSERT_CHUNK));
}

/** An agent's events after hub seq `afterSeq`, in seq order, at most `limit`. */
export async function eventsAfter(db: Knex, agentId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
  return db('events').where('agent_id', agentId).andWhere('seq', '>', afterSeq).orderBy('seq').limit(limit);
}

/** Sets the outcome of an agent's event at a hub seq (`applied_at` ISO). */
export async function setEventOutcome(db: Knex, agentId: string, seq: number, outcome: { status: EventStatus; reason: string | null; applied_at: string }): Promise<void> {
  await db('events').where({ agent_id: agentId, seq }).update(outcome);
}

/** Marks an agent's events at these hub seqs accepted at `appliedAt` (ISO), 500 seqs a statement. */
export async function acceptEvents(trx: Knex.Transaction, agentId: string, seqs: number[], appliedAt: string): Promise<void> {
  for (let i = 0; i < seqs.length; i += UPDATE_CHUNK) {
    await trx('events').where('agent_id', agentId).whereIn('seq', seqs.slice(i, i + UPDATE_CHUNK)).update({ status: 'accepted', applied_at: appliedAt });
  }
}

/** The outcomes an agent's events have from hub seq `afterSeq` (excluded) to `through` (included), in seq order; pruned ones are absent. */
export async function outcomesBetween(db: Knex, agentId: string, afterSeq: number, through: number): Promise<Pick<EventRow, 'seq' | 'status' | 'reason'>[]> {
  return db('events').where('agent_id', agentId).andWhere('seq', '>', afterSeq).andWhere('seq', '<=', through).orderBy('seq').select('seq', 'status', 'reason');
}

/**
 * An agent's events the retention job may delete: hub seq up to `through`, `accepted` or
 * `duplicate`, applied before `appliedBefore` (ISO); in seq order, at most `limit`.
 */
export async function prunableEvents(trx: Knex.Transaction, agentId: string, through: number, appliedBefore: string, limit: number): Promise<Pick<EventRow, 'seq' | 'at'>[]> {
  return trx('events').where('agent_id', agentId).andWhere('seq', '<=', through).whereIn('status', ['accepted', 'duplicate']).andWhere('applied_at', '<', appliedBefore).orderBy('seq').limit(limit).select('seq', 'at');
}

/** Deletes an agent's events at these hub seqs. */
export async function deleteEvents(trx: Knex.Transaction, agentId: string, seqs: number[]): Promise<void> {
  await trx('events').where('agent_id', agentId).whereIn('seq', seqs).delete();
}

/** How many events each agent has in each status. */
export async function eventCounts(db: Knex): Promise<{ agent_id: string; status: EventStatus; n: number }[]> {
  const rows: { agent_id: string; status: EventStatus; n: number | string }[] = await db('events').select('agent_id', 'status').count({ n: '*' }).groupBy('agent_id', 'status');
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Every rejected event, by agent and seq. */
export async function rejectedEvents(db: Knex): Promise<EventRow[]> {
  return db('events').where({ status: 'rejected' }).orderBy(['agent_id', 'seq']);
}
