import type { Knex } from 'knex';
import { hubMigrations } from '../../migrations/hub/index.js';
import { openDatabase } from '../storage/open-database.js';

export type HubStream = 'catalog' | 'work' | 'stock';

/** Opens the hub's store (SQLite file or PostgreSQL URL) at the latest schema. */
export function openHubStore(location: string): Promise<Knex> {
  return openDatabase(location, hubMigrations, 'knex_migrations_hub');
}

/** Gives the next version of a stream; rows changed in this transaction carry it. */
export async function bumpStreamVersion(trx: Knex.Transaction, stream: HubStream): Promise<number> {
  const row = await trx('stream_versions').where({ stream }).first('version');
  const version = Number(row?.version ?? 0) + 1;
  await trx('stream_versions').insert({ stream, version }).onConflict('stream').merge();
  return version;
}

export async function streamVersion(db: Knex, stream: HubStream): Promise<number> {
  const row = await db('stream_versions').where({ stream }).first('version');
  return Number(row?.version ?? 0);
}
