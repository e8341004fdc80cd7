import type { Knex } from 'knex';

/**
 * The hub's row per agent (table `agents`): its hub seqs (`last_seq` stored, `settled_seq`
 * applied), its current store (incarnation, segment), its link lease, its retention horizon and
 * its site's time zone. Seqs are the hub's numbering (see AgentSegment); instants ISO 8601 UTC.
 */
export interface AgentRow {
  agent_id: string;
  site_id: string;
  last_seq: number;
  settled_seq: number;
  last_seen_at: string | null;
  incarnation: string | null;
  seq_base: number;
  first_seq: number;
  linked_until: string | null;
  pruned_events: number;
  pruned_through_at: string | null;
  time_zone: string | null;
}

/** How far an agent's events are stored and applied. */
export type AgentProgress = Pick<AgentRow, 'agent_id' | 'last_seq' | 'settled_seq'>;

/** Every agent's row, by agent id. */
export async function allAgents(db: Knex): Promise<AgentRow[]> {
  return db('agents').orderBy('agent_id');
}

/** Every agent's stored and applied seqs (unordered). */
export async function agentProgress(db: Knex): Promise<AgentProgress[]> {
  return db('agents').select('agent_id', 'last_seq', 'settled_seq');
}

/** The agents with events stored and not yet applied (`settled_seq < last_seq`). */
export async function agentsWithUnsettled(db: Knex): Promise<string[]> {
  const rows: Pick<AgentRow, 'agent_id'>[] = await db('agents').whereRaw('settled_seq < last_seq').select('agent_id');
  return rows.map((r) => r.agent_id);
}

/** Each agent's site and time zone (null until its agent names one), of one site or all, by site then agent. */
export async function agentSites(db: Knex, siteId?: string): Promise<Pick<AgentRow, 'agent_id' | 'site_id' | 'time_zone'>[]> {
  return db('agents')
    .modify((q) => (siteId ? q.where({ site_id: siteId }) : q))
    .orderBy(['site_id', 'agent_id'])
    .select('agent_id', 'site_id', 'time_zone');
}

/** The sites the hub knows (its agents' `site_id`), in order. */
export async function hubSites(db: Knex): Promise<string[]> {
  const rows: { site_id: string }[] = await db('agents').distinct('site_id').orderBy('site_id');
  return rows.map((r) => r.site_id);
}

/** The columns of one agent's row asked for, undefined for an agent the hub never saw. */
export async function agentColumns<K extends keyof AgentRow>(db: Knex, agentId: string, columns: K[]): Promise<Pick<AgentRow, K> | undefined> {
  const row: Record<string, unknown> | undefined = await db('agents').where({ agent_id: agentId }).first(columns);
  return row as Pick<AgentRow, K> | undefined;
}

/**
 * Writes an agent's row as its hello says (site, last seen at `at`, and its site's time zone when
 * it names one: an older agent that says none leaves the one known), creating it at seq 0. On
 * PostgreSQL the row stays locked until the transaction commits.
 */
export async function upsertAgentHello(trx: Knex.Transaction, agentId: string, siteId: string, at: string, timeZone: string | undefined): Promise<void> {
  const zone = timeZone ? { time_zone: timeZone } : {};
  await trx('agents').insert({ agent_id: agentId, site_id: siteId, last_seq: 0, last_seen_at: at, ...zone }).onConflict('agent_id').merge(['site_id', 'last_seen_at', ...Object.keys(zone)]);
}

/** Updates columns of an agent's row (locking it on PostgreSQL until commit). */
export async function updateAgent(db: Knex, agentId: string, values: Partial<Omit<AgentRow, 'agent_id'>>): Promise<void> {
  await db('agents').where({ agent_id: agentId }).update(values);
}

/** Locks an agent's row until commit (PostgreSQL) without changing it, and reads its settled seq. */
export async function lockSettledSeq(trx: Knex.Transaction, agentId: string): Promise<number> {
  await trx('agents').where({ agent_id: agentId }).update({ settled_seq: trx.ref('settled_seq') });
  return settledSeq(trx, agentId);
}

/** The hub seq through which an agent's events are applied (0 for an agent never seen). */
export async function settledSeq(db: Knex, agentId: string): Promise<number> {
  const row = await agentColumns(db, agentId, ['settled_seq']);
  return Number(row?.settled_seq ?? 0);
}

/** Adds `count` to an agent's pruned events (locking its row on PostgreSQL until commit). */
export async function addPrunedEvents(trx: Knex.Transaction, agentId: string, count: number): Promise<void> {
  await trx('agents').where('agent_id', agentId).increment('pruned_events', count);
}

/** Moves an agent's link lease to `until` (ISO), if `incarnation` is still its current store. */
export async function setLinkLease(db: Knex, link: { agentId: string; incarnation: string }, until: string | null): Promise<void> {
  await db('agents').where({ agent_id: link.agentId, incarnation: link.incarnation }).update({ linked_until: until });
}
