import type { Knex } from 'knex';
import { bumpStreamVersion } from '../../store/hub-store.js';
import { changedSince, latest, stamps, type Stamped } from './tryton-changes.js';
import type { TrytonRpc } from './tryton-rpc.js';
import type { TrytonWarehouse } from './tryton-warehouse.js';

export interface StockPull {
  watermark: string | null;
  bins: number;
}

/**
 * Stock per bin and lot from Tryton: all bins at a full pull, else the bins that done moves
 * touched since the watermark, each read in two calls (the products, then the lots, with a
 * non-zero quantity there). Expiry dates are not Tryton 6.0's (no stock_lot_sled): none.
 */
export async function pullStock(rpc: TrytonRpc, db: Knex, warehouse: TrytonWarehouse, watermark: string | null): Promise<StockPull> {
  const bins = await warehouse.storageBins<{ code: string | null; name: string }>([], ['code', 'name']);
  const binIds = new Set(bins.map((b) => b.id));
  let touched = bins;
  let moves: (Stamped & { from_location: number; to_location: number })[] = [];
  if (watermark !== null) {
    moves = await rpc.call('model.stock.move.search_read', [[['state', '=', 'done'], ...changedSince(watermark)], 0, null, null, ['from_location', 'to_location', 'write_date', 'create_date']]);
    const ids = new Set(moves.flatMap((m) => [m.from_location, m.to_location]).filter((id) => binIds.has(id)));
    touched = bins.filter((b) => ids.has(b.id));
  }
  const levels: { code: string; rows: { product: string; lot: string; quantity: number }[] }[] = [];
  for (const bin of touched) {
    const here = { locations: [bin.id], with_childs: false };
    const products = await rpc.call<{ code: string | null; quantity: number }[]>('model.product.product.search_read', [[['quantity', '!=', 0]], 0, null, null, ['code', 'quantity']], here);
    const lots = await rpc.call<{ number: string; quantity: number; 'product.': { code: string | null } }[]>('model.stock.lot.search_read', [[['quantity', '!=', 0]], 0, null, null, ['number', 'quantity', 'product.code']], here);
    const rows: { product: string; lot: string; quantity: number }[] = [];
    for (const p of products) {
      if (!p.code) continue;
      const own = lots.filter((l) => l['product.'].code === p.code).map((l) => ({ product: p.code!, lot: l.number, quantity: Math.round(l.quantity) }));
      // what no lot accounts for is held without one
      const rest = Math.round(p.quantity) - own.reduce((n, l) => n + l.quantity, 0);
      rows.push(...own, ...(rest !== 0 ? [{ product: p.code, lot: '', quantity: rest }] : []));
    }
    levels.push({ code: (bin.code ?? bin.name).toUpperCase(), rows });
  }
  if (levels.length > 0) {
    await db.transaction(async (trx) => {
      let version: number | undefined;
      for (const { code, rows } of levels) {
        const held: { product_code: string; lot: string; quantity: number }[] = await trx('stock').where({ location_code: code }).select('product_code', 'lot', 'quantity');
        const now = new Map(rows.map((r) => [`${r.product}\u0000${r.lot}`, r]));
        for (const h of held) if (!now.has(`${h.product_code}\u0000${h.lot}`) && Number(h.quantity) !== 0) now.set(`${h.product_code}\u0000${h.lot}`, { product: h.product_code, lot: h.lot, quantity: 0 });
        for (const row of now.values()) {
          if (held.some((h) => h.product_code === row.product && h.lot === row.lot && Number(h.quantity) === row.quantity)) continue;
          version ??= await bumpStreamVersion(trx, 'stock');
          await trx('stock').insert({ product_code: row.product, location_code: code, lot: row.lot, expiry: null, quantity: row.quantity, version }).onConflict(['product_code', 'location_code', 'lot']).merge(['quantity', 'version']);
        }
      }
    });
  }
  return { watermark: latest(stamps(moves), watermark), bins: levels.length };
}
