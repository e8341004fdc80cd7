import type { Knex } from 'knex';

/** A store of an agent after its first (table `agent_incarnations`): where its seqs sit in the hub's numbering. */
export interface IncarnationRow {
  agent_id: string;
  incarnation: string;
  seq_base: number;
  first_seq: number;
  /** ISO 8601 UTC. */
  started_at: string;
  /** The incarnation it replaced, null for an agent's first. */
  previous: string | null;
}

/** Records an agent's new store, in the transaction that moves the agent to it. */
export async function recordIncarnation(trx: Knex.Transaction, row: IncarnationRow): Promise<void> {
  await trx('agent_incarnations').insert(row);
}

/** Every agent's stores, in the order they began. */
export async function allIncarnations(db: Knex): Promise<IncarnationRow[]> {
  return db('agent_incarnations').orderBy('id');
}
