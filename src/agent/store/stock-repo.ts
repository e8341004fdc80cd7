import type { Knex } from 'knex';
import type { StockLevel } from '../../protocol/sync.js';

interface StockRow {
  product_code: string;
  location_code: string;
  lot: string;
  expiry: string | null;
  quantity: number;
}

const toLevel = (r: StockRow): StockLevel => ({ productCode: r.product_code, locationCode: r.location_code, lot: r.lot, expiry: r.expiry, quantity: r.quantity });

/** Stock per bin and lot, as the hub last said (lots are '' when not tracked). */
export class StockRepo {
  constructor(private readonly db: Knex) {}

  async applyPuts(trx: Knex.Transaction, levels: StockLevel[]): Promise<void> {
    for (let i = 0; i < levels.length; i += 400) {
      const rows = levels.slice(i, i + 400).map((l) => ({ product_code: l.productCode, location_code: l.locationCode, lot: l.lot, expiry: l.expiry, quantity: l.quantity }));
      await trx('stock').insert(rows).onConflict(['product_code', 'location_code', 'lot']).merge();
    }
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
