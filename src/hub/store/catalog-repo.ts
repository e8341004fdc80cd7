import type { Knex } from 'knex';
import { bumpStreamVersion } from './hub-store.js';

/**
 * The catalog as the hub keeps it (products, barcodes, bins, operators, box types: the ERP's,
 * pulled or seeded), each change stamped with a new `catalog` stream version.
 */

/** An operator (table `operators`): `pin_hash` a supervisor's override PIN, hashed; `badge` upper-case. */
export interface CatalogOperatorRow {
  code: string;
  name: string;
  role: string;
  badge: string | null;
  pin_hash: string | null;
  version: number;
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

/** An operator's role, undefined for an operator the hub does not know. */
export async function operatorRole(db: Knex, code: string): Promise<string | undefined> {
  const row: Pick<CatalogOperatorRow, 'role'> | undefined = await db('operators').where({ code }).first('role');
  return row?.role;
}

/** The operator other than `code` holding a badge (compared upper-case), undefined when none does. */
export async function badgeHolder(db: Knex, badge: string, code: string): Promise<string | undefined> {
  const row: Pick<CatalogOperatorRow, 'code'> | undefined = await db('operators').whereRaw('upper(badge) = ?', [badge]).whereNot({ code }).first('code');
  return row?.code;
}

/** Updates an operator. */
export async function updateOperator(trx: Knex.Transaction, code: string, values: Partial<Omit<CatalogOperatorRow, 'code'>>): Promise<void> {
  await trx('operators').where({ code }).update(values);
}

/** Every operator, by code. */
export async function allOperators(db: Knex): Promise<Omit<CatalogOperatorRow, 'version'>[]> {
  return db('operators').orderBy('code').select('code', 'name', 'role', 'badge', 'pin_hash');
}
