import type { Knex } from 'knex';
import { bumpStreamVersion } from '../../store/hub-store.js';

export interface StockKey {
  productCode: string;
  locationCode: string;
  /** '' for products without lots. */
  lot: string;
}

export interface Movement extends StockKey {
  delta: number;
  expiry: string | null;
  reason: string;
  /** The document or event the movement comes from. */
  ref: string;
  at: string;
}

/** Adds (or removes) stock in a bin, recording the movement; agents get the new level. */
export async function moveStock(trx: Knex.Transaction, m: Movement): Promise<void> {
  if (m.delta === 0) return;
  const version = await bumpStreamVersion(trx, 'stock');
  const key = { product_code: m.productCode, location_code: m.locationCode, lot: m.lot };
  const row = await trx('stock').where(key).first('quantity', 'expiry');
  if (row) await trx('stock').where(key).update({ quantity: Number(row.quantity) + m.delta, expiry: row.expiry ?? m.expiry, version });
  else await trx('stock').insert({ ...key, expiry: m.expiry, quantity: m.delta, version });
  await trx('stock_moves').insert({ at: m.at, product_code: m.productCode, location_code: m.locationCode, lot: m.lot, delta: m.delta, reason: m.reason, ref: m.ref });
}

export async function quantityOf(trx: Knex.Transaction, key: StockKey): Promise<number> {
  const row = await trx('stock').where({ product_code: key.productCode, location_code: key.locationCode, lot: key.lot }).first('quantity');
  return Number(row?.quantity ?? 0);
}

/**
 * Takes picked units out of a bin: from the lots the picker scanned, else from the lots that
 * expire first (first expired, first out).
 */
export async function pickFromBin(trx: Knex.Transaction, productCode: string, locationCode: string, lots: { lot: string | null; quantity: number }[], quantity: number, ref: string, at: string): Promise<void> {
  const named = lots.filter((l) => l.lot !== null);
  if (named.length) {
    for (const l of named) await moveStock(trx, { productCode, locationCode, lot: l.lot!, delta: -l.quantity, expiry: null, reason: 'pick', ref, at });
    return;
  }
  const rows: { lot: string; quantity: number }[] = await trx('stock').where({ product_code: productCode, location_code: locationCode }).andWhere('quantity', '>', 0).orderBy([{ column: 'expiry' }, { column: 'lot' }]).select('lot', 'quantity');
  let left = quantity;
  for (const row of rows) {
    if (left === 0) break;
    const take = Math.min(left, Number(row.quantity));
    await moveStock(trx, { productCode, locationCode, lot: row.lot, delta: -take, expiry: null, reason: 'pick', ref, at });
    left -= take;
  }
  // more picked than the books held: the books go negative, for the next count to settle
  if (left > 0) await moveStock(trx, { productCode, locationCode, lot: rows[0]?.lot ?? '', delta: -left, expiry: null, reason: 'pick', ref, at });
}
