import type { Knex } from 'knex';
import { catalogBarcodes } from '../../../domain/barcode/catalog-barcodes.js';
import { bumpStreamVersion } from '../../store/hub-store.js';
import { removeCatalogDocs } from '../../store/catalog-repo.js';
import { changedSince, latest, SeenStamps, stampOf, stamps, type Stamped } from './tryton-changes.js';
import type { TrytonRpc } from './tryton-rpc.js';
import type { TrytonWarehouse } from './tryton-warehouse.js';

export interface CatalogPull {
  /** The latest write/create date seen: the next pull starts there (overlapping; what is unchanged is not written again). */
  watermark: string | null;
  products: number;
  locations: number;
  operators: number;
  boxTypes: number;
}

interface ProductRow extends Stamped {
  id: number;
  code: string | null;
  name: string;
  identifiers: number[];
  'template.': { weight: number | null; lot_required: string[] | null; 'weight_uom.': { symbol: string } | null; write_date: string | null };
}

const GRAMS_PER: Record<string, number> = { g: 1, kg: 1000, mg: 0.001, t: 1_000_000, lb: 453.59237, oz: 28.349523125 };
const PAGE = 2000;
/** Tryton's package types carry no weight limit: a parcel carrier's common limit. */
const DEFAULT_BOX_MAX_GRAMS = 30_000;

const toGrams = (value: number | null, symbol: string | undefined): number | null => {
  const perUnit = GRAMS_PER[symbol ?? ''];
  return value !== null && perUnit ? Math.round(value * perUnit * 1000) / 1000 : null;
};

/** A bin code such as A-04-07-3 gives its walking order (zone, aisle, bay, level); any other code sorts by itself. */
export function binPlace(code: string): { zone: string; aisle: number; bay: number; level: number } {
  const m = /^([A-Z]+)-?(\d+)-?(\d+)-?(\d+)$/i.exec(code);
  return m ? { zone: m[1]!.toUpperCase(), aisle: Number(m[2]), bay: Number(m[3]), level: Number(m[4]) } : { zone: code.toUpperCase(), aisle: 0, bay: 0, level: 0 };
}

/**
 * Downstream from Tryton: goods products (code, name, weight in grams, identifiers stored as scans
 * read them (catalogBarcodes: GTINs as GTIN-14, other codes as written),
 * lot tracking), the (first) warehouse's storage bins, employees as operators (those with subordinates
 * as supervisors; those whose employment ended leave) and package types as box types, changed
 * since the watermark, written into the hub's catalog at a new version so every agent gets them.
 * Tryton shows no deletions: an identifier removed there leaves the hub at the next full pull
 * (watermark null), which compares each product's codes.
 */
export async function pullCatalog(rpc: TrytonRpc, db: Knex, warehouse: TrytonWarehouse, watermark: string | null, seen: SeenStamps = new SeenStamps(), pageSize = PAGE): Promise<CatalogPull> {
  const products: ProductRow[] = [];
  // a large catalog comes in pages: one reply of 100k products would outlast any timeout
  for (let offset = 0; ; offset += pageSize) {
    const page = await rpc.call<ProductRow[]>('model.product.product.search_read', [
      [['template.type', '=', 'goods'], ...changedSince(watermark, ['', 'template.'])],
      offset,
      pageSize,
      [['id', 'ASC']],
      ['code', 'name', 'identifiers', 'write_date', 'create_date', 'template.weight', 'template.lot_required', 'template.weight_uom.symbol', 'template.write_date'],
    ]);
    products.push(...page);
    if (page.length < pageSize) break;
  }
  const stampOfProduct = (p: ProductRow) => stampOf(p.write_date, p.create_date, p['template.'].write_date);
  const coded = products.filter((p): p is ProductRow & { code: string } => Boolean(p.code) && (watermark === null || seen.isFresh(`product:${p.id}`, stampOfProduct(p))));
  const identifierIds = coded.flatMap((p) => p.identifiers);
  const identifiers: { id: number; code: string; type: string | null; product: number }[] = [];
  for (let i = 0; i < identifierIds.length; i += pageSize) identifiers.push(...(await rpc.call<typeof identifiers>('model.product.identifier.read', [identifierIds.slice(i, i + pageSize), ['code', 'type', 'product']])));
  const now = new Date();
  const bins = await warehouse.storageBins<Stamped & { code: string | null; name: string }>(changedSince(watermark), ['code', 'name', 'write_date', 'create_date']);
  const employees = await rpc.call<(Stamped & { id: number; subordinates: number[]; end_date: string | null; 'party.': { code: string | null; name: string; write_date: string | null } })[]>('model.company.employee.search_read', [
    [],
    0,
    null,
    [['id', 'ASC']],
    ['subordinates', 'end_date', 'party.code', 'party.name', 'party.write_date', 'write_date', 'create_date'],
  ]);
  const packageTypes = await rpc.call<(Stamped & { id: number; name: string; packaging_weight: number | null; 'packaging_weight_uom.': { symbol: string } | null })[]>('model.stock.package.type.search_read', [
    [],
    0,
    null,
    [['id', 'ASC']],
    ['name', 'packaging_weight', 'packaging_weight_uom.symbol', 'write_date', 'create_date'],
  ]);
  const freshBins = bins.filter((b) => seen.isFresh(`bin:${b.id}`, stampOf(...stamps([b]))));
  const freshEmployees = employees.filter((e) => e['party.'].code && seen.isFresh(`employee:${e.id}`, stampOf(...stamps([e]), e['party.'].write_date)));
  const freshBoxes = packageTypes.filter((t) => seen.isFresh(`package-type:${t.id}`, stampOf(...stamps([t]))));
  await seen.committing(() =>
    db.transaction(async (trx) => {
      if (coded.length + freshBins.length + freshEmployees.length + freshBoxes.length === 0) return;
      const version = await bumpStreamVersion(trx, 'catalog');
      for (const p of coded) {
        const template = p['template.'];
        const lotTracked = (template.lot_required ?? []).some((type) => type === 'storage' || type === 'supplier');
        await trx('products')
          .insert({ code: p.code, name: p.name, unit: 'pce', weight_grams: toGrams(template.weight, template['weight_uom.']?.symbol), lot_tracked: lotTracked, version })
          .onConflict('code')
          .merge(['name', 'weight_grams', 'lot_tracked', 'version']);
        // read as a scan of the printed symbol is: UPC-E, ISBN-10 and short GTINs stored as the GTIN-14 scans look up
        const wanted = [...new Set(identifiers.filter((i) => i.product === p.id).flatMap((i) => catalogBarcodes(i.code, i.type, now)))];
        const held: { code: string }[] = await trx('barcodes').where({ product_code: p.code }).select('code');
        await removeCatalogDocs(trx, 'barcodes', held.map((b) => b.code).filter((c) => !wanted.includes(c)));
        for (const code of wanted) await trx('barcodes').insert({ code, product_code: p.code, multiple: 1, version }).onConflict('code').merge(['product_code', 'version']);
        seen.wrote(`product:${p.id}`, stampOfProduct(p));
      }
      for (const bin of freshBins) {
        const code = (bin.code ?? bin.name).toUpperCase();
        await trx('locations').insert({ code, ...binPlace(code), version }).onConflict('code').merge();
        seen.wrote(`bin:${bin.id}`, stampOf(...stamps([bin])));
      }
      const today = new Date().toISOString().slice(0, 10);
      for (const e of freshEmployees) {
        seen.wrote(`employee:${e.id}`, stampOf(...stamps([e]), e['party.'].write_date));
        if (e.end_date !== null && e.end_date < today) {
          await removeCatalogDocs(trx, 'operators', [e['party.'].code!]);
          continue;
        }
        const role = e.subordinates.length > 0 ? 'supervisor' : 'operator';
        // badges and supervisor PINs are not Tryton's: the hub keeps what it has
        await trx('operators').insert({ code: e['party.'].code!, name: e['party.'].name, role, version }).onConflict('code').merge(['name', 'role', 'version']);
      }
      for (const t of freshBoxes) {
        const tare = Math.round(toGrams(t.packaging_weight, t['packaging_weight_uom.']?.symbol) ?? 0);
        await trx('box_types').insert({ code: t.name, name: t.name, tare_grams: tare, max_grams: DEFAULT_BOX_MAX_GRAMS, version }).onConflict('code').merge(['name', 'tare_grams', 'version']);
        seen.wrote(`package-type:${t.id}`, stampOf(...stamps([t])));
      }
    }),
  );
  return {
    watermark: latest([...products.flatMap((p) => [p.write_date, p.create_date, p['template.'].write_date]), ...stamps(bins)], watermark),
    products: coded.length,
    locations: freshBins.length,
    operators: freshEmployees.length,
    boxTypes: freshBoxes.length,
  };
}
