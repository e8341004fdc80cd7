import type { Knex } from 'knex';
import { bumpStreamVersion, removeCatalogDocs } from '../../hub-store.js';
import type { TrytonRpc } from './tryton-rpc.js';
import { trytonDateTime } from './tryton-values.js';

export interface CatalogPull {
  /** The latest write/create date seen: the next pull starts there (overlapping, upserts are idempotent). */
  watermark: string | null;
  products: number;
  locations: number;
}

interface ProductRow {
  id: number;
  code: string | null;
  name: string;
  identifiers: number[];
  write_date: string | null;
  create_date: string;
  'template.': { weight: number | null; 'weight_uom.': { symbol: string } | null; write_date: string | null };
}

const GRAMS_PER: Record<string, number> = { g: 1, kg: 1000, mg: 0.001, t: 1_000_000, lb: 453.59237, oz: 28.349523125 };

/** Records changed since the watermark (never-written ones by their creation), on the record and its `prefix` relation. */
function changedSince(watermark: string | null, prefixes: string[] = ['']): unknown[] {
  if (watermark === null) return [];
  const since = trytonDateTime(watermark);
  return ['OR', ...prefixes.flatMap((p) => [[`${p}write_date`, '>=', since], [[`${p}write_date`, '=', null], [`${p}create_date`, '>=', since]]])];
}

const latest = (dates: (string | null | undefined)[], current: string | null) => dates.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), current);

/** A bin code such as A-04-07-3 gives its walking order (zone, aisle, bay, level); any other code sorts by itself. */
export function binPlace(code: string): { zone: string; aisle: number; bay: number; level: number } {
  const m = /^([A-Z]+)-?(\d+)-?(\d+)-?(\d+)$/i.exec(code);
  return m ? { zone: m[1]!.toUpperCase(), aisle: Number(m[2]), bay: Number(m[3]), level: Number(m[4]) } : { zone: code.toUpperCase(), aisle: 0, bay: 0, level: 0 };
}

/**
 * Downstream from Tryton: goods products (code, name, weight in grams, EAN/GTIN identifiers)
 * and the warehouse's storage bins, changed since the watermark, written into the hub's catalog
 * at a new version so every agent gets them. Tryton shows no deletions: an identifier removed
 * there leaves the hub at the next full pull (watermark null), which compares each product's codes.
 */
export async function pullCatalog(rpc: TrytonRpc, db: Knex, watermark: string | null): Promise<CatalogPull> {
  const products = await rpc.call<ProductRow[]>('model.product.product.search_read', [
    [['template.type', '=', 'goods'], ...(watermark ? [changedSince(watermark, ['', 'template.'])] : [])],
    0,
    null,
    [['id', 'ASC']],
    ['code', 'name', 'identifiers', 'write_date', 'create_date', 'template.weight', 'template.weight_uom.symbol', 'template.write_date'],
  ]);
  const coded = products.filter((p): p is ProductRow & { code: string } => Boolean(p.code));
  const identifierIds = coded.flatMap((p) => p.identifiers);
  const identifiers = identifierIds.length ? await rpc.call<{ id: number; code: string; product: number }[]>('model.product.identifier.read', [identifierIds, ['code', 'product']]) : [];
  const codeOf = new Map(coded.map((p) => [p.id, p.code]));
  const warehouses = await rpc.call<{ storage_location: number }[]>('model.stock.location.search_read', [[['type', '=', 'warehouse']], 0, null, null, ['storage_location']]);
  const bins = await rpc.call<{ code: string | null; name: string; write_date: string | null; create_date: string }[]>('model.stock.location.search_read', [
    [['parent', 'child_of', warehouses.map((w) => w.storage_location)], ['type', '=', 'storage'], ['id', 'not in', warehouses.map((w) => w.storage_location)], ...(watermark ? [changedSince(watermark)] : [])],
    0,
    null,
    null,
    ['code', 'name', 'write_date', 'create_date'],
  ]);
  await db.transaction(async (trx) => {
    if (coded.length === 0 && bins.length === 0) return;
    const version = await bumpStreamVersion(trx, 'catalog');
    for (const p of coded) {
      const template = p['template.'];
      const perUnit = GRAMS_PER[template['weight_uom.']?.symbol ?? ''];
      const weight = template.weight !== null && perUnit ? Math.round(template.weight * perUnit * 1000) / 1000 : null;
      await trx('products').insert({ code: p.code, name: p.name, unit: 'pce', weight_grams: weight, version }).onConflict('code').merge(['name', 'weight_grams', 'version']);
      const wanted = identifiers.filter((i) => i.product === p.id).map((i) => i.code.padStart(14, '0'));
      const held: { code: string }[] = await trx('barcodes').where({ product_code: p.code }).select('code');
      await removeCatalogDocs(trx, 'barcodes', held.map((b) => b.code).filter((c) => !wanted.includes(c)));
      for (const code of wanted) await trx('barcodes').insert({ code, product_code: codeOf.get(p.id)!, multiple: 1, version }).onConflict('code').merge(['product_code', 'version']);
    }
    for (const bin of bins) {
      const code = (bin.code ?? bin.name).toUpperCase();
      await trx('locations').insert({ code, ...binPlace(code), version }).onConflict('code').merge();
    }
  });
  return {
    watermark: latest([...products.flatMap((p) => [p.write_date, p.create_date, p['template.'].write_date]), ...bins.flatMap((b) => [b.write_date, b.create_date])], watermark),
    products: coded.length,
    locations: bins.length,
  };
}
