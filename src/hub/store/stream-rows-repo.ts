import type { Knex } from 'knex';
import type { CatalogDels } from '../../protocol/sync.js';

/**
 * What the downstream streams read: the rows of a table changed after a stream version, page by
 * page, and the catalog's removals. The tables carry the `version` of their last change (see
 * hub-store.ts bumpStreamVersion).
 */

/**
 * Reads one table's rows changed after version `since`, `page` rows at a time, in key order (a
 * row-value comparison on the key `columns`, which SQLite and PostgreSQL both index).
 */
export async function* changedRows(db: Knex, table: string, columns: string[], since: number, page: number): AsyncGenerator<Record<string, unknown>[]> {
  let after: Knex.Value[] | null = null;
  const tuple = `(${columns.map(() => '??').join(', ')})`;
  for (;;) {
    const query = db(table).where('version', '>', since).orderBy(columns).limit(page);
    if (after !== null) query.andWhereRaw(`${tuple} > (${columns.map(() => '?').join(', ')})`, [...columns, ...after]);
    const rows: Record<string, unknown>[] = await query;
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = columns.map((c) => last[c] as Knex.Value);
    if (rows.length < page) return;
  }
}

/** How many rows a table has. */
export async function rowCount(db: Knex, table: string): Promise<number> {
  return Number((await db(table).count({ n: '*' }))[0]?.n ?? 0);
}

/** The catalog documents removed after version `since`, by kind and key. */
export async function catalogRemovalsAfter(db: Knex, since: number): Promise<{ kind: keyof CatalogDels; key: string }[]> {
  return db('deletions').where({ stream: 'catalog' }).andWhere('version', '>', since).orderBy(['kind', 'key']).select('kind', 'key');
}
