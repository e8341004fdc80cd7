import type { Knex } from 'knex';
import { compareWalkingOrder } from '../../src/domain/location-walk.js';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { moveStock, quantityOf } from '../../src/hub/adapters/embedded/stock-ledger.js';
import { bumpStreamVersion } from '../../src/hub/store/hub-store.js';

const data = generateDemoData(DEMO_DEFAULTS);

/**
 * The ghost stock, set in the embedded ERP's books: the first line of the first order is
 * a product the books say is 23 in its bin (the picker will find it empty); another bin, first on
 * the walk, holds 40 of it; the third order's first line asks for 2 of it from the first bin.
 */
export const ghost = (() => {
  const first = data.orders[0]!;
  // an order whose bins all come after the other bin on the walk
  const second = data.orders[2]!;
  const line = first.lines[0]!;
  // the first empty bin of the walk: the routed line comes first on the next order's screen
  const other = [...data.locations].sort(compareWalkingOrder).find((l) => l.code !== line.locationCode && !data.stock.some((s) => s.locationCode === l.code))!.code;
  return { order: first, next: second, productCode: line.productCode, bin: line.locationCode, otherBin: other, books: 23, otherBooks: 40 };
})();

export async function arrangeGhostStock(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    const at = new Date().toISOString();
    const key = { productCode: ghost.productCode, locationCode: ghost.bin, lot: data.stock.find((s) => s.productCode === ghost.productCode)?.lot ?? '' };
    await moveStock(trx, { ...key, delta: ghost.books - (await quantityOf(trx, key)), expiry: null, reason: 'test', ref: 'ghost stock', at });
    await moveStock(trx, { ...key, locationCode: ghost.otherBin, delta: ghost.otherBooks, expiry: null, reason: 'test', ref: 'other bin', at });
    const version = await bumpStreamVersion(trx, 'work');
    await trx('order_lines').where({ order_id: ghost.next.id, line_id: ghost.next.lines[0]!.lineId }).update({ product_code: ghost.productCode, location_code: ghost.bin, quantity: 2 });
    await trx('orders').where({ id: ghost.next.id }).update({ version });
  });
}
