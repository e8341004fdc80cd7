import type { Knex } from 'knex';

/**
 * What the hub reads of the ERP side's own tables: the stock the ERP keeps per bin and lot
 * (written by the adapters: the embedded ERP's stock ledger, Tryton's mirror) and the remote
 * ERP's last pull (written by the Tryton poller).
 */

/** Stock of a product in a bin, per lot (table `stock`); `expiry` YYYY-MM-DD or null. */
export interface StockRow {
  product_code: string;
  location_code: string;
  lot: string;
  expiry: string | null;
  quantity: number;
  version: number;
}

/** The remote ERP's last pull and last error (ISO instants), one row per ERP (table `erp_status`). */
export interface ErpStatusRow {
  erp: string;
  last_pull_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

/** The stock of every bin that moved (a row in `stock_moves` for its product and bin), by product, bin and lot. */
export async function movedStock(db: Knex): Promise<StockRow[]> {
  return db('stock')
    .whereExists(db('stock_moves').whereRaw('stock_moves.product_code = stock.product_code and stock_moves.location_code = stock.location_code'))
    .orderBy(['product_code', 'location_code', 'lot']);
}

/** The remote ERP's status, undefined for the embedded ERP (which has none). */
export async function erpStatus(db: Knex): Promise<ErpStatusRow | undefined> {
  return db('erp_status').first();
}
