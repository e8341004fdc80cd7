import type { Knex } from 'knex';
import type { DomainEvent } from '../../domain/events.js';
import { doubtsRaisedBy, doubtsSettledBy, type BinDoubt, type BinProduct } from '../../domain/stock-doubt.js';
import type { StockLevel } from '../../protocol/sync.js';

interface StockRow {
  product_code: string;
  location_code: string;
  lot: string;
  expiry: string | null;
  quantity: number;
}

/** A suspect bin's product: since when (ISO time of the short pick) and why (its short reason). */
export interface SuspectStock extends BinDoubt {
  since: string;
}

const binKey = (productCode: string, location: string) => `${productCode}\u0000${location}`;

const toLevel = (r: StockRow): StockLevel => ({ productCode: r.product_code, locationCode: r.location_code, lot: r.lot, expiry: r.expiry, quantity: r.quantity });

/** Stock per bin and lot, as the hub last said (lots are '' when not tracked). */
export class StockRepo {
  constructor(private readonly db: Knex) {}

  async applyPuts(trx: Knex.Transaction, levels: StockLevel[]): Promise<void> {
    for (let i = 0; i < levels.length; i += 400) {
      const rows = levels.slice(i, i + 400).map((l) => ({ product_code: l.productCode, location_code: l.locationCode, lot: l.lot, expiry: l.expiry, quantity: l.quantity }));
      await trx('stock').insert(rows).onConflict(['product_code', 'location_code', 'lot']).merge();
    }
    await this.clearEmptied(trx, levels);
  }

  /** The hub's books now say a suspect bin holds none of the product: they agree with the picker, nothing ghost is left. */
  private async clearEmptied(trx: Knex.Transaction, levels: StockLevel[]): Promise<void> {
    const touched = new Map(levels.map((l) => [binKey(l.productCode, l.locationCode), { productCode: l.productCode, location: l.locationCode }]));
    if (touched.size === 0 || !(await trx('stock_suspects').first('product_code'))) return;
    const emptied: BinProduct[] = [];
    for (const bin of touched.values()) {
      const [row] = await trx('stock').where({ product_code: bin.productCode, location_code: bin.location }).sum({ n: 'quantity' });
      if (Number(row?.n ?? 0) <= 0) emptied.push(bin);
    }
    await this.clearSuspect(trx, emptied);
  }

  /**
   * What a committed intent's events say of the bins, in its transaction: a short pick for an
   * empty bin (or a product not found) makes the bin's quantity suspect; a count of it settles it.
   */
  async recordDoubts(trx: Knex.Transaction, events: DomainEvent[], at: string): Promise<void> {
    await this.markSuspect(trx, doubtsRaisedBy(events), at);
    await this.clearSuspect(trx, doubtsSettledBy(events));
  }

  /** Marks bins suspect (a short pick found them empty); a bin already suspect keeps its first mark. */
  private async markSuspect(trx: Knex.Transaction, doubts: BinDoubt[], at: string): Promise<void> {
    for (const d of doubts) await trx('stock_suspects').insert({ product_code: d.productCode, location_code: d.location, reason: d.reason, since: at }).onConflict(['product_code', 'location_code']).ignore();
  }

  /** The bins are no longer suspect (counted, or the books say empty). */
  async clearSuspect(trx: Knex.Transaction, bins: BinProduct[]): Promise<void> {
    for (const b of bins) await trx('stock_suspects').where({ product_code: b.productCode, location_code: b.location }).delete();
  }

  /** The suspect bins of these products, keyed by product and bin (see `suspectKey`). */
  async suspectsOf(productCodes: string[]): Promise<Map<string, SuspectStock>> {
    const rows: { product_code: string; location_code: string; reason: BinDoubt['reason']; since: string }[] = productCodes.length ? await this.db('stock_suspects').whereIn('product_code', productCodes) : [];
    return new Map(rows.map((r) => [binKey(r.product_code, r.location_code), { productCode: r.product_code, location: r.location_code, reason: r.reason, since: r.since }]));
  }

  /** What the system holds of a product in a bin (one lot, or all of them). */
  async quantityAt(productCode: string, locationCode: string, lot: string | null): Promise<number> {
    const query = this.db('stock').where({ product_code: productCode, location_code: locationCode });
    if (lot !== null) query.andWhere({ lot });
    const [row] = await query.sum({ n: 'quantity' });
    return Number(row?.n ?? 0);
  }

  /** The books' quantity of a product in a bin, or null when the bin has no stock record of it. */
  async bookedAt(productCode: string, locationCode: string): Promise<number | null> {
    const [row] = await this.db('stock').where({ product_code: productCode, location_code: locationCode }).sum({ n: 'quantity' }).count({ c: '*' });
    return Number(row?.c ?? 0) === 0 ? null : Number(row?.n ?? 0);
  }

  /** The product's stock per bin (all lots), in bins that hold some and are not suspect. */
  async trustedBins(productCode: string): Promise<{ location: string; quantity: number }[]> {
    const rows: { location_code: string; n: number }[] = await this.db('stock')
      .where({ product_code: productCode })
      .whereNotExists(this.db('stock_suspects').whereRaw('stock_suspects.product_code = stock.product_code and stock_suspects.location_code = stock.location_code'))
      .groupBy('location_code')
      .havingRaw('sum(quantity) > 0')
      .select('location_code')
      .sum({ n: 'quantity' });
    return rows.map((r) => ({ location: r.location_code, quantity: Number(r.n) }));
  }

  async ofProduct(productCode: string): Promise<StockLevel[]> {
    const rows: StockRow[] = await this.db('stock').where({ product_code: productCode }).andWhere('quantity', '!=', 0).orderBy(['location_code', 'lot']);
    return rows.map(toLevel);
  }

  async atLocation(locationCode: string): Promise<StockLevel[]> {
    const rows: StockRow[] = await this.db('stock').where({ location_code: locationCode }).andWhere('quantity', '!=', 0).orderBy(['product_code', 'lot']);
    return rows.map(toLevel);
  }

  /** Stock of every bin of a zone. */
  async inZone(zone: string): Promise<StockLevel[]> {
    const rows: StockRow[] = await this.db('stock')
      .join('locations', 'locations.code', 'stock.location_code')
      .where('locations.zone', zone)
      .andWhere('stock.quantity', '!=', 0)
      .orderBy(['stock.location_code', 'stock.product_code', 'stock.lot'])
      .select('stock.product_code', 'stock.location_code', 'stock.lot', 'stock.expiry', 'stock.quantity');
    return rows.map(toLevel);
  }

  /** The first bin, in location order, that holds nothing. */
  async firstEmptyBin(): Promise<string | undefined> {
    const row = await this.db('locations')
      .whereNotExists(this.db('stock').whereRaw('stock.location_code = locations.code').andWhere('quantity', '>', 0))
      .orderBy(['zone', 'aisle', 'bay', 'level'])
      .first('code');
    return row?.code;
  }
}

/** The key of a product in a bin in `suspectsOf`'s map. */
export const suspectKey = binKey;
