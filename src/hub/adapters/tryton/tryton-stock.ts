import type { Knex } from 'knex';
import { bumpStreamVersion } from '../../hub-store.js';
import { changedSince, latest, stamps, type Stamped } from './tryton-changes.js';
import type { TrytonRpc } from './tryton-rpc.js';
import type { TrytonWarehouse } from './tryton-warehouse.js';

export interface StockPull {
  watermark: string | null;
  bins: number;
}

/**
 * Stock per bin from Tryton: all bins at a full pull, else the bins that done moves touched
 * since the watermark, each read in one call (the products with a non-zero quantity there).
 * Quantities are per product and bin; Tryton's lots are not split out here.
 */
export async function pullStock(rpc: TrytonRpc, db: Knex, warehouse: TrytonWarehouse, watermark: string | null): Promise<StockPull> {
  const { storage } = await warehouse.where();
  const bins = await rpc.call<{ id: number; code: string | null; name: string }[]>('model.stock.location.search_read', [[['parent', 'child_of', [storage]], ['type', '=', 'storage'], ['id', '!=', storage]], 0, null, null, ['code', 'name']]);
  const binIds = new Set(bins.map((b) => b.id));
  let touched = bins;
  let moves: (Stamped & { from_location: number; to_location: number })[] = [];
  if (watermark !== null) {
    moves = await rpc.call('model.stock.move.search_read', [[['state', '=', 'done'], ...changedSince(watermark)], 0, null, null, ['from_location', 'to_location', 'write_date', 'create_date']]);
    const ids = new Set(moves.flatMap((m) => [m.from_location, m.to_location]).filter((id) => binIds.has(id)));
    touched = bins.filter((b) => ids.has(b.id));
  }
  const levels: { code: string; products: { code: string; quantity: number }[] }[] = [];
  for (const bin of touched) {
    const products = await rpc.call<{ code: string | null; quantity: number }[]>('model.product.product.search_read', [[['quantity', '!=', 0]], 0, null, null, ['code', 'quantity']], { locations: [bin.id], with_childs: false });
    levels.push({ code: (bin.code ?? bin.name).toUpperCase(), products: products.filter((p): p is { code: string; quantity: number } => Boolean(p.code)) });
  }
  if (levels.length > 0) {
    await db.transaction(async (trx) => {
      let version: number | undefined;
      for (const { code, products } of levels) {
        const held: { product_code: string; quantity: number }[] = await trx('stock').where({ location_code: code, lot: '' }).select('product_code', 'quantity');
        const now = new Map(products.map((p) => [p.code, Math.round(p.quantity)]));
        for (const h of held) if (!now.has(h.product_code) && Number(h.quantity) !== 0) now.set(h.product_code, 0);
        for (const [product, quantity] of now) {
          if (held.some((h) => h.product_code === product && Number(h.quantity) === quantity)) continue;
          version ??= await bumpStreamVersion(trx, 'stock');
          await trx('stock').insert({ product_code: product, location_code: code, lot: '', expiry: null, quantity, version }).onConflict(['product_code', 'location_code', 'lot']).merge(['quantity', 'version']);
        }
      }
    });
  }
  return { watermark: latest(stamps(moves), watermark), bins: levels.length };
}
