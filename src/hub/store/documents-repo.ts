import type { Knex } from 'knex';

/**
 * The documents the agents work on, as the hub keeps them (the embedded ERP's own, or Tryton's
 * mirrored): orders and their lines, receipts, count tasks, and the products they name. Each
 * change to a document is stamped with a new `work` stream version by the caller.
 */

/** An order line (table `order_lines`); `lots` is JSON, `status` open | picked | short. */
export interface LineRow {
  order_id: string;
  line_id: string;
  product_code: string;
  location_code: string;
  quantity: number;
  picked: number;
  short: number;
  short_reason: string | null;
  lots: string | null;
  picked_from: string | null;
  status: string;
}

/** An order (table `orders`); instants ISO, `version` the `work` stream version of its last change. */
export interface OrderRow {
  id: string;
  number: string;
  customer: string;
  status: string;
  address: string;
  priority: number;
  ship_by: string | null;
  carrier: string | null;
  picked_at: string | null;
  shipped_at: string | null;
  version: number;
}

/** A receipt (table `receipts`); `lines` is JSON ([{ productCode, quantity, received?, damaged? }]). */
export interface ReceiptRow {
  id: string;
  number: string;
  supplier: string;
  status: string;
  sscc: string | null;
  lines: string;
  version: number;
}

/** A count task (table `count_tasks`); `result` is JSON, the lines counted so far, null before any. */
export interface CountTaskRow {
  id: string;
  scope: string;
  target: string;
  status: string;
  result: string | null;
  version: number;
}

/** A product's fields the floor records check: `unit` (`g` when sold by weight), its last purchase price in cents. */
export type ProductFacts = { code: string; unit: string; last_price_cents: number | null };

/** An order's line, undefined when the order has no such line. */
export async function orderLine(db: Knex, orderId: string, lineId: string): Promise<LineRow | undefined> {
  return db('order_lines').where({ order_id: orderId, line_id: lineId }).first();
}

/** Updates an order line. */
export async function updateOrderLine(trx: Knex.Transaction, orderId: string, lineId: string, values: Partial<Omit<LineRow, 'order_id' | 'line_id'>>): Promise<void> {
  await trx('order_lines').where({ order_id: orderId, line_id: lineId }).update(values);
}

/** How many lines of an order are still open. */
export async function openLineCount(db: Knex, orderId: string): Promise<number> {
  const [open] = await db('order_lines').where({ order_id: orderId, status: 'open' }).count({ n: '*' });
  return Number(open?.n ?? 0);
}

/** The lines of these orders, by order then line. */
export async function linesOfOrders(db: Knex, orderIds: string[]): Promise<LineRow[]> {
  return db('order_lines').whereIn('order_id', orderIds).orderBy(['order_id', 'line_id']);
}

/** Every order line, by order then line. */
export async function allOrderLines(db: Knex): Promise<LineRow[]> {
  return db('order_lines').orderBy(['order_id', 'line_id']);
}

/** An order's status, undefined for an order the hub does not know. */
export async function orderStatus(db: Knex, orderId: string): Promise<string | undefined> {
  const order: Pick<OrderRow, 'status'> | undefined = await db('orders').where({ id: orderId }).first('status');
  return order?.status;
}

/** Updates an order. */
export async function updateOrder(trx: Knex.Transaction, orderId: string, values: Partial<Omit<OrderRow, 'id'>>): Promise<void> {
  await trx('orders').where({ id: orderId }).update(values);
}

/** Every order, by number. */
export async function allOrders(db: Knex): Promise<OrderRow[]> {
  return db('orders').orderBy('number');
}

/** A product's unit and last price, undefined for a product the hub does not know. */
export async function productFacts(db: Knex, code: string): Promise<ProductFacts | undefined> {
  return db('products').where({ code }).first('code', 'unit', 'last_price_cents');
}

/** A receipt by its number, undefined when the hub has none. */
export async function receiptByNumber(db: Knex, number: string): Promise<Pick<ReceiptRow, 'id' | 'lines' | 'status'> | undefined> {
  return db('receipts').where({ number }).first('id', 'lines', 'status');
}

/** Updates a receipt. */
export async function updateReceipt(trx: Knex.Transaction, id: string, values: Partial<Omit<ReceiptRow, 'id'>>): Promise<void> {
  await trx('receipts').where({ id }).update(values);
}

/** Every receipt, by number. */
export async function allReceipts(db: Knex): Promise<ReceiptRow[]> {
  return db('receipts').orderBy('number');
}

/** A count task, undefined when the hub has no such task. */
export async function countTask(db: Knex, id: string): Promise<CountTaskRow | undefined> {
  return db('count_tasks').where({ id }).first();
}

/** Updates a count task. */
export async function updateCountTask(trx: Knex.Transaction, id: string, values: Partial<Omit<CountTaskRow, 'id'>>): Promise<void> {
  await trx('count_tasks').where({ id }).update(values);
}

/** Adds a count task. */
export async function insertCountTask(trx: Knex.Transaction, row: Omit<CountTaskRow, 'result'>): Promise<void> {
  await trx('count_tasks').insert(row);
}

/** The oldest open count task of a bin (scope `location`), if there is one. */
export async function openBinTaskId(db: Knex, bin: string): Promise<string | undefined> {
  const row: Pick<CountTaskRow, 'id'> | undefined = await db('count_tasks').where({ scope: 'location', target: bin, status: 'open' }).orderBy('id').first('id');
  return row?.id;
}

/** The ids of the count tasks starting with `prefix`. */
export async function countTaskIdsLike(db: Knex, prefix: string): Promise<string[]> {
  const rows: Pick<CountTaskRow, 'id'>[] = await db('count_tasks').where('id', 'like', `${prefix}%`).select('id');
  return rows.map((r) => r.id);
}

/** Every count task, by id. */
export async function allCountTasks(db: Knex): Promise<CountTaskRow[]> {
  return db('count_tasks').orderBy('id');
}
