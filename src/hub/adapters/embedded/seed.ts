import type { Knex } from 'knex';
import { bumpStreamVersion } from '../../store/hub-store.js';
import { hashPin } from '../../../runtime/pin-hash.js';
import { DEMO_SUPERVISOR_PIN, type DemoData } from './demo-data.js';

const CHUNK = 400;

async function insertAll(trx: Knex.Transaction, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
}

/** Loads demo data into an empty hub store; a store that has products already is left alone. */
export async function seedHub(db: Knex, data: DemoData): Promise<boolean> {
  const [existing] = await db('products').count({ n: '*' });
  if (Number(existing?.n ?? 0) > 0) return false;
  await db.transaction(async (trx) => {
    const catalog = await bumpStreamVersion(trx, 'catalog');
    const work = await bumpStreamVersion(trx, 'work');
    await insertAll(
      trx,
      'products',
      data.products.map((p) => ({ code: p.code, name: p.name, unit: p.unit, weight_grams: p.weightGrams, family: p.family, lot_tracked: p.lotTracked, home_location: p.homeLocation, last_price_cents: data.lastPriceCents.get(p.code) ?? null, version: catalog })),
    );
    const stock = await bumpStreamVersion(trx, 'stock');
    await insertAll(trx, 'stock', data.stock.map((s) => ({ product_code: s.productCode, location_code: s.locationCode, lot: s.lot, expiry: s.expiry, quantity: s.quantity, version: stock })));
    await insertAll(trx, 'barcodes', data.barcodes.map((b) => ({ code: b.code, product_code: b.productCode, multiple: b.multiple, version: catalog })));
    await insertAll(trx, 'locations', data.locations.map((l) => ({ ...l, version: catalog })));
    await insertAll(trx, 'operators', data.operators.map((o) => ({ ...o, pin_hash: o.role === 'supervisor' ? hashPin(DEMO_SUPERVISOR_PIN) : null, version: catalog })));
    await insertAll(trx, 'box_types', data.boxTypes.map((b) => ({ code: b.code, name: b.name, tare_grams: b.tareGrams, max_grams: b.maxGrams, tolerance: b.tolerance ? JSON.stringify(b.tolerance) : null, version: catalog })));
    await insertAll(trx, 'orders', data.orders.map((o) => ({ id: o.id, number: o.number, customer: o.customer, address: o.address, priority: o.priority, ship_by: o.shipBy, carrier: o.carrier, status: 'open', version: work })));
    await insertAll(
      trx,
      'order_lines',
      data.orders.flatMap((o) => o.lines.map((l) => ({ order_id: o.id, line_id: l.lineId, product_code: l.productCode, location_code: l.locationCode, quantity: l.quantity, status: 'open' }))),
    );
    await insertAll(trx, 'receipts', data.receipts.map((r) => ({ id: r.id, number: r.number, supplier: r.supplier, sscc: r.sscc, status: 'expected', lines: JSON.stringify(r.lines), version: work })));
    await insertAll(trx, 'count_tasks', data.countTasks.map((c) => ({ ...c, status: 'open', version: work })));
  });
  return true;
}
