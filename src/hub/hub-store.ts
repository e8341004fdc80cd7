import type { Knex } from 'knex';
import { hubMigrations } from '../../migrations/hub/index.js';
import { openDatabase } from '../storage/open-database.js';

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

const CATALOG_KINDS = { products: 'products', barcodes: 'barcodes', locations: 'locations', operators: 'operators', boxTypes: 'box_types' } as const;
export type CatalogKind = keyof typeof CATALOG_KINDS;

/**
 * Removes catalog documents (the ERP deleted or archived them): the rows go, tombstones at a
 * new catalog version tell the agents to delete their copies.
 */
export async function removeCatalogDocs(trx: Knex.Transaction, kind: CatalogKind, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const version = await bumpStreamVersion(trx, 'catalog');
  let removed = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    removed += await trx(CATALOG_KINDS[kind]).whereIn('code', chunk).delete();
    await trx('deletions').insert(chunk.map((key) => ({ stream: 'catalog', kind, key, version }))).onConflict(['stream', 'kind', 'key']).merge(['version']);
  }
  return removed;
}
