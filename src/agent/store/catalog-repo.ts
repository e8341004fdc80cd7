import type { Knex } from 'knex';
import type { BoxType, Location, Operator, Product, ProductBarcode } from '../../domain/catalog.js';
import type { CatalogDels, CatalogPuts } from '../../protocol/sync.js';
import { isPostgres } from '../../storage/open-database.js';
import { SAME_CODE } from './case-free.js';

const TABLE_OF: Record<keyof CatalogDels, string> = { products: 'products', barcodes: 'barcodes', locations: 'locations', operators: 'operators', boxTypes: 'box_types' };

/** Codes per DELETE ... IN (...): small enough for SQLite's variable limit. */
const CHUNK = 400;

/** A table column filled from one field of the rows a patch carries, cast to the column's SQL type. */
type JsonColumn = readonly [column: string, field: string, type: 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN'];

const PRODUCT_COLUMNS: JsonColumn[] = [
  ['code', 'code', 'TEXT'],
  ['name', 'name', 'TEXT'],
  ['unit', 'unit', 'TEXT'],
  ['weight_grams', 'weightGrams', 'REAL'],
  ['family', 'family', 'TEXT'],
  ['lot_tracked', 'lotTracked', 'BOOLEAN'],
  ['home_location', 'homeLocation', 'TEXT'],
];
const BARCODE_COLUMNS: JsonColumn[] = [
  ['code', 'code', 'TEXT'],
  ['product_code', 'productCode', 'TEXT'],
  ['multiple', 'multiple', 'INTEGER'],
];
const LOCATION_COLUMNS: JsonColumn[] = [
  ['code', 'code', 'TEXT'],
  ['zone', 'zone', 'TEXT'],
  ['aisle', 'aisle', 'INTEGER'],
  ['bay', 'bay', 'INTEGER'],
  ['level', 'level', 'INTEGER'],
];
const OPERATOR_COLUMNS: JsonColumn[] = [
  ['code', 'code', 'TEXT'],
  ['name', 'name', 'TEXT'],
  ['badge', 'badge', 'TEXT'],
  ['role', 'role', 'TEXT'],
  ['pin_hash', 'pinHash', 'TEXT'],
];
const BOX_TYPE_COLUMNS: JsonColumn[] = [
  ['code', 'code', 'TEXT'],
  ['name', 'name', 'TEXT'],
  ['tare_grams', 'tareGrams', 'INTEGER'],
  ['max_grams', 'maxGrams', 'INTEGER'],
  ['tolerance', 'tolerance', 'TEXT'],
];

/**
 * Upserts documents as they came from the hub in one statement per table and page: the rows go
 * as one JSON text parameter that the database itself walks (SQLite's json_each, PostgreSQL's
 * json_array_elements), each column read with `->>` and cast. A page of 1000 rows binds 2 values
 * instead of thousands, and no SQL is compiled per row: the work runs off the event loop, in
 * the database, and leaves next to no garbage behind (issue 17).
 */
async function upsertJson(trx: Knex.Transaction, table: string, columns: readonly JsonColumn[], rows: readonly object[], snapshotId: string | null): Promise<void> {
  if (rows.length === 0) return;
  const source = isPostgres(trx) ? 'json_array_elements(CAST(? AS json)) AS r(value)' : 'json_each(?) AS r';
  const values = columns.map(([, field, type]) => `CAST(r.value ->> '${field}' AS ${type})`).join(', ');
  const updates = [...columns.slice(1).map(([column]) => column), 'snapshot_id'].map((c) => `${c} = excluded.${c}`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.map(([column]) => column).join(', ')}, snapshot_id) SELECT ${values}, CAST(? AS TEXT) FROM ${source} WHERE true ON CONFLICT (${columns[0]![0]}) DO UPDATE SET ${updates}`;
  await trx.raw(sql, [snapshotId, JSON.stringify(rows)]);
}

/** The agent's copy of the hub's catalog: products, barcodes, locations, operators. */
export class CatalogRepo {
  constructor(private readonly db: Knex) {}

  /** Writes documents from the hub; those of a full snapshot are marked with its id. */
  async applyPuts(trx: Knex.Transaction, puts: CatalogPuts, snapshotId: string | null = null): Promise<void> {
    await upsertJson(trx, 'products', PRODUCT_COLUMNS, puts.products ?? [], snapshotId);
    await upsertJson(trx, 'barcodes', BARCODE_COLUMNS, puts.barcodes ?? [], snapshotId);
    await upsertJson(trx, 'locations', LOCATION_COLUMNS, puts.locations ?? [], snapshotId);
    await upsertJson(trx, 'operators', OPERATOR_COLUMNS, (puts.operators ?? []).map((o) => ({ ...o, badge: o.badge?.toUpperCase() ?? null })), snapshotId);
    await upsertJson(trx, 'box_types', BOX_TYPE_COLUMNS, (puts.boxTypes ?? []).map((b) => ({ ...b, tolerance: b.tolerance ? JSON.stringify(b.tolerance) : null })), snapshotId);
  }

  /** Deletes documents the hub removed. */
  async applyDels(trx: Knex.Transaction, dels: CatalogDels): Promise<void> {
    for (const [kind, table] of Object.entries(TABLE_OF) as [keyof CatalogDels, string][]) {
      const codes = dels[kind] ?? [];
      for (let i = 0; i < codes.length; i += CHUNK) await trx(table).whereIn('code', codes.slice(i, i + CHUNK)).delete();
    }
  }

  /** At the end of a full snapshot: deletes what it did not carry (gone at the hub). Returns how many rows went. */
  async sweep(trx: Knex.Transaction, snapshotId: string): Promise<number> {
    let swept = 0;
    for (const table of Object.values(TABLE_OF)) {
      swept += await trx(table)
        .where((q) => q.whereNull('snapshot_id').orWhereNot('snapshot_id', snapshotId))
        .delete();
    }
    return swept;
  }

  /** A GTIN-14 or an internal product code, found whatever its case. */
  async productByBarcode(code: string): Promise<{ product: Product; multiple: number } | undefined> {
    const row = await this.db('barcodes')
      .join('products', 'products.code', 'barcodes.product_code')
      .whereRaw(SAME_CODE, ['barcodes.code', code])
      .first('products.code', 'products.name', 'products.unit', 'products.weight_grams', 'products.family', 'products.lot_tracked', 'products.home_location', 'barcodes.multiple');
    return row ? { product: toProduct(row), multiple: row.multiple } : undefined;
  }

  async productByCode(code: string): Promise<Product | undefined> {
    const row = await this.db('products').where({ code }).first();
    return row ? toProduct(row) : undefined;
  }

  /**
   * A product by its own code as a person types it at the look-up, whatever its case (the exact
   * code first, by its key; then SAME_CODE, a scan of products kept to that rare path).
   */
  async productByTypedCode(typed: string): Promise<Product | undefined> {
    const exact = await this.productByCode(typed);
    if (exact) return exact;
    const row = await this.db('products').whereRaw(SAME_CODE, ['code', typed]).first();
    return row ? toProduct(row) : undefined;
  }

  /** A bin by its code, whatever its case: the bin's own spelling comes back. */
  async locationByCode(code: string): Promise<Location | undefined> {
    return this.db('locations').whereRaw(SAME_CODE, ['code', code]).first('code', 'zone', 'aisle', 'bay', 'level');
  }

  async locationsByCode(codes: string[]): Promise<Map<string, Location>> {
    const rows: Location[] = await this.db('locations').whereIn('code', codes).select('code', 'zone', 'aisle', 'bay', 'level');
    return new Map(rows.map((r) => [r.code, r]));
  }

  async productsByCode(codes: string[]): Promise<Map<string, Product>> {
    const rows = await this.db('products').whereIn('code', codes);
    return new Map(rows.map((r: ProductRow) => [r.code, toProduct(r)]));
  }

  /** The unit barcode to show a picker for each product (its first multiple-1 code). */
  async unitBarcodes(productCodes: string[]): Promise<Map<string, string>> {
    const rows: ProductBarcode[] = await this.db('barcodes')
      .whereIn('product_code', productCodes)
      .andWhere('multiple', 1)
      .orderBy('code')
      .select('code', 'product_code as productCode', 'multiple');
    const map = new Map<string, string>();
    for (const row of rows) if (!map.has(row.productCode)) map.set(row.productCode, row.code);
    return map;
  }

  /** An operator signs in with their code or by scanning their badge, either in any case. */
  async operatorByCodeOrBadge(entered: string): Promise<Operator | undefined> {
    const value = entered.trim();
    return this.db('operators').whereRaw(SAME_CODE, ['code', value]).orWhereRaw(SAME_CODE, ['badge', value]).first('code', 'name', 'badge', 'role');
  }

  /** A box type by its code, whatever its case (a Tryton `Carton M` typed `CARTON M`). */
  async boxTypeByCode(code: string): Promise<BoxType | undefined> {
    const row = await this.db('box_types').whereRaw(SAME_CODE, ['code', code.trim()]).first();
    return row ? toBoxType(row) : undefined;
  }

  async boxTypes(): Promise<BoxType[]> {
    const rows = await this.db('box_types').orderBy('tare_grams');
    return rows.map(toBoxType);
  }

  /** The scrypt hash of a supervisor's override PIN. */
  async pinHashOf(code: string): Promise<string | null> {
    const row = await this.db('operators').where({ code }).first('pin_hash');
    return row?.pin_hash ?? null;
  }

  async counts(): Promise<{ products: number; locations: number }> {
    const [products] = await this.db('products').count({ n: '*' });
    const [locations] = await this.db('locations').count({ n: '*' });
    return { products: Number(products?.n ?? 0), locations: Number(locations?.n ?? 0) };
  }
}

interface ProductRow {
  code: string;
  name: string;
  unit: string;
  weight_grams: number | null;
  family: string;
  lot_tracked: number | boolean;
  home_location: string | null;
}

function toBoxType(row: { code: string; name: string; tare_grams: number; max_grams: number; tolerance: string | null }): BoxType {
  return { code: row.code, name: row.name, tareGrams: row.tare_grams, maxGrams: row.max_grams, tolerance: row.tolerance ? (JSON.parse(row.tolerance) as BoxType['tolerance']) : null };
}

function toProduct(row: ProductRow): Product {
  return { code: row.code, name: row.name, unit: row.unit, weightGrams: row.weight_grams, family: row.family, lotTracked: Boolean(row.lot_tracked), homeLocation: row.home_location };
}
