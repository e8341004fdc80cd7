import type { Knex } from 'knex';
import { hubMigrations } from '../../../migrations/hub/index.js';
import { openDatabase } from '../../storage/open-database.js';

export type HubStream = 'catalog' | 'work' | 'stock';

/** Opens the hub's store (SQLite file or PostgreSQL URL) at the latest schema. */
export function openHubStore(location: string): Promise<Knex> {
  return openDatabase(location, hubMigrations, 'knex_migrations_hub');
}

/**
 * Gives the next version of a stream; rows changed in this transaction carry it. One atomic
 * upsert: on PostgreSQL it locks the stream's row until commit, so two hubs on one database hand
 * out versions one after the other and commit them in that order.
 */
export async function bumpStreamVersion(trx: Knex.Transaction, stream: HubStream): Promise<number> {
  await trx('stream_versions').insert({ stream, version: 1 }).onConflict('stream').merge({ version: trx.raw('?? + 1', ['stream_versions.version']) });
  return streamVersion(trx, stream);
}

/** Every stream's version (a stream never bumped has no row). */
export async function allStreamVersions(db: Knex): Promise<{ stream: HubStream; version: number }[]> {
  const rows: { stream: HubStream; version: number | string }[] = await db('stream_versions').select('stream', 'version');
  return rows.map((r) => ({ stream: r.stream, version: Number(r.version) }));
}

/** A stream's version now (0 before its first change). */
export async function streamVersion(db: Knex | Knex.Transaction, stream: HubStream): Promise<number> {
  const row = await db('stream_versions').where({ stream }).first('version');
  return Number(row?.version ?? 0);
}
