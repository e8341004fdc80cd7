import type { Knex } from 'knex';
import type { z } from 'zod';
import { eventPayloads, type SyncEventType, type UpstreamEvent } from '../../../protocol/sync-events.js';
import type { ApplyOutcome, ErpAdapter } from '../../erp-adapter.js';
import { bumpStreamVersion } from '../../hub-store.js';
import { moveStock, pickFromBin, quantityOf } from './stock-ledger.js';

const rejected = (reason: string): ApplyOutcome => ({ status: 'rejected', reason });

interface LineRow {
  order_id: string;
  line_id: string;
  product_code: string;
  quantity: number;
  status: string;
}

type LinePayload = { orderId: string; lineId: string; productCode: string };

/** The order line an event settles, or why it cannot. */
async function openLine(trx: Knex.Transaction, payload: LinePayload): Promise<{ line: LineRow } | { refusal: ApplyOutcome }> {
  const line: LineRow | undefined = await trx('order_lines').where({ order_id: payload.orderId, line_id: payload.lineId }).first();
  if (!line) return { refusal: rejected(`order ${payload.orderId} has no line ${payload.lineId}`) };
  if (line.product_code !== payload.productCode) {
    return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is for ${line.product_code}, not ${payload.productCode}`) };
  }
  if (line.status !== 'open') return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is already ${line.status}`) };
  return { line };
}

const withStock = (outcome: ApplyOutcome): ApplyOutcome => ({ ...outcome, changed: [...(outcome.changed ?? []), 'stock'] });

/** When no line is left open, the order is picked: a new work version tells every agent. */
async function closeOrderIfSettled(trx: Knex.Transaction, orderId: string, now: Date): Promise<ApplyOutcome> {
  const [open] = await trx('order_lines').where({ order_id: orderId, status: 'open' }).count({ n: '*' });
  if (Number(open?.n ?? 0) > 0) return { status: 'accepted' };
  const version = await bumpStreamVersion(trx, 'work');
  await trx('orders').where({ id: orderId }).update({ status: 'picked', picked_at: now.toISOString(), version });
  return { status: 'accepted', changed: ['work'] };
}

async function linePicked(trx: Knex.Transaction, payload: z.infer<(typeof eventPayloads)['pick.line.picked']>, now: Date): Promise<ApplyOutcome> {
  const found = await openLine(trx, payload);
  if ('refusal' in found) return found.refusal;
  const row = found.line;
  if (payload.quantity > row.quantity) return rejected(`over-pick: ${payload.quantity} picked for ${row.quantity} ordered`);
  await trx('order_lines')
    .where({ order_id: row.order_id, line_id: row.line_id })
    .update({ picked: payload.quantity, status: 'picked', lots: JSON.stringify(payload.lots) });
  await pickFromBin(trx, payload.productCode, payload.location, payload.lots, payload.quantity, `${row.order_id}/${row.line_id}`, now.toISOString());
  return withStock(await closeOrderIfSettled(trx, row.order_id, now));
}

async function pickShort(trx: Knex.Transaction, payload: z.infer<(typeof eventPayloads)['pick.short']>, now: Date): Promise<ApplyOutcome> {
  const found = await openLine(trx, payload);
  if ('refusal' in found) return found.refusal;
  const row = found.line;
  if (payload.picked + payload.short !== row.quantity) return rejected(`short pick does not add up: ${payload.picked} + ${payload.short} ≠ ${row.quantity}`);
  await trx('order_lines')
    .where({ order_id: row.order_id, line_id: row.line_id })
    .update({ picked: payload.picked, short: payload.short, short_reason: payload.reason, status: 'short', lots: JSON.stringify(payload.lots) });
  if (payload.picked > 0) await pickFromBin(trx, payload.productCode, payload.location, payload.lots, payload.picked, `${row.order_id}/${row.line_id}`, now.toISOString());
  return withStock(await closeOrderIfSettled(trx, row.order_id, now));
}

type Payload<K extends SyncEventType> = z.infer<(typeof eventPayloads)[K]>;
type Handler<K extends SyncEventType> = (trx: Knex.Transaction, payload: Payload<K>, event: UpstreamEvent, now: Date) => Promise<ApplyOutcome>;

async function orderStatus(trx: Knex.Transaction, orderId: string): Promise<string | undefined> {
  const order = await trx('orders').where({ id: orderId }).first('status');
  return order?.status;
}

const parcelPacked: Handler<'parcel.packed'> = async (trx, p, _event, now) => {
  const status = await orderStatus(trx, p.orderId);
  if (!status) return rejected(`unknown order ${p.orderId}`);
  if (status !== 'picked') return rejected(`order ${p.orderId} is ${status}, not picked: it cannot be packed`);
  const existing = await trx('parcels').where({ order_id: p.orderId, parcel_no: p.parcelNo }).first('sscc');
  if (existing) return rejected(`parcel ${p.parcelNo} of ${p.orderId} was already packed (SSCC ${existing.sscc})`);
  await trx('parcels').insert({
    order_id: p.orderId,
    parcel_no: p.parcelNo,
    sscc: p.sscc,
    box: p.box,
    weight: JSON.stringify(p.weight),
    expected: String(p.expectedGrams),
    tolerance: String(p.toleranceGrams),
    carrier: p.carrier,
    tracking: p.tracking,
    items: JSON.stringify(p.items),
    packed_at: now.toISOString(),
  });
  return { status: 'accepted' };
};

const weightOverride: Handler<'weight.override'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  const detail = { measured: p.measured, expectedGrams: p.expectedGrams, toleranceGrams: p.toleranceGrams, missingWeights: p.missingWeights, station: event.station, operator: event.operator };
  await trx('weight_overrides').insert({ order_id: p.orderId, parcel_no: p.parcelNo, supervisor: p.supervisor, reason: p.reason, detail: JSON.stringify(detail), at: event.at });
  return { status: 'accepted' };
};

/** The status a shop shows its customer: shipped, with the tracking numbers of its parcels. */
const shipmentShipped: Handler<'shipment.shipped'> = async (trx, p, _event, now) => {
  const status = await orderStatus(trx, p.orderId);
  if (!status) return rejected(`unknown order ${p.orderId}`);
  if (status !== 'picked') return rejected(`order ${p.orderId} is ${status}, not picked: it cannot ship`);
  const parcels = await trx('parcels').where({ order_id: p.orderId }).select('parcel_no');
  const known = new Set(parcels.map((r) => Number(r.parcel_no)));
  const missing = p.parcels.filter((parcel) => !known.has(parcel.parcelNo)).map((parcel) => parcel.parcelNo);
  if (missing.length) return rejected(`order ${p.orderId} ships parcels never packed: ${missing.join(', ')}`);
  const version = await bumpStreamVersion(trx, 'work');
  await trx('orders').where({ id: p.orderId }).update({ status: 'shipped', shipped_at: now.toISOString(), version });
  return { status: 'accepted', changed: ['work'] };
};

const dataProblem: Handler<'product.data.problem'> = async (trx, p, event) => {
  const product = await trx('products').where({ code: p.productCode }).first('code');
  if (!product) return rejected(`unknown product ${p.productCode}`);
  await trx('data_problems').insert({ product_code: p.productCode, problem: p.problem, reported_by: event.station, at: event.at });
  return { status: 'accepted' };
};

type ReceiptLine = { productCode: string; quantity: number; received?: number; damaged?: number };

async function receiptDoc(trx: Knex.Transaction, number: string): Promise<{ id: string; lines: ReceiptLine[]; status: string } | undefined> {
  const row = await trx('receipts').where({ number }).first('id', 'lines', 'status');
  return row ? { id: row.id, lines: JSON.parse(row.lines) as ReceiptLine[], status: row.status } : undefined;
}

async function saveReceipt(trx: Knex.Transaction, id: string, lines: ReceiptLine[], status: string): Promise<void> {
  const version = await bumpStreamVersion(trx, 'work');
  await trx('receipts').where({ id }).update({ lines: JSON.stringify(lines), status, version });
}

const lineReceived: Handler<'receipt.line.received'> = async (trx, p, event) => {
  const ref = `${p.receipt} ${event.id}`;
  if (p.receiptId) {
    const doc = await receiptDoc(trx, p.receipt);
    if (!doc) return rejected(`unknown receipt ${p.receipt}`);
    if (doc.status === 'received' || doc.status === 'closed') return rejected(`receipt ${p.receipt} is already ${doc.status}`);
    const lines = doc.lines.some((l) => l.productCode === p.productCode) ? doc.lines : [...doc.lines, { productCode: p.productCode, quantity: 0 }];
    await saveReceipt(trx, doc.id, lines.map((l) => (l.productCode === p.productCode ? { ...l, received: (l.received ?? 0) + p.quantity } : l)), 'receiving');
  }
  await moveStock(trx, { productCode: p.productCode, locationCode: p.location, lot: p.lot ?? '', expiry: p.expiry, delta: p.quantity, reason: 'receipt', ref, at: event.at });
  return { status: 'accepted', changed: ['stock', 'work'] };
};

const receiptDiscrepancy: Handler<'receipt.discrepancy'> = async (trx, p, event) => {
  await trx('receipt_discrepancies').insert({ receipt: p.receipt, kind: p.kind, product_code: p.productCode, quantity: p.quantity, expected: p.expected, reason: p.reason, lot: p.lot, expiry: p.expiry, at: event.at });
  if (p.kind === 'damaged' && p.receiptId) {
    const doc = await receiptDoc(trx, p.receipt);
    if (doc) await saveReceipt(trx, doc.id, doc.lines.map((l) => (l.productCode === p.productCode ? { ...l, damaged: (l.damaged ?? 0) + p.quantity } : l)), doc.status === 'expected' ? 'receiving' : doc.status);
  }
  return { status: 'accepted', changed: ['work'] };
};

/** What is missing stays open: a backorder receipt with the missing lines. */
const receiptClosed: Handler<'receipt.closed'> = async (trx, p) => {
  if (!p.receiptId) return { status: 'accepted' };
  const doc = await receiptDoc(trx, p.receipt);
  if (!doc) return rejected(`unknown receipt ${p.receipt}`);
  if (doc.status === 'received' || doc.status === 'closed') return rejected(`receipt ${p.receipt} is already ${doc.status}`);
  const missing = p.lines.filter((l) => l.missing > 0);
  await saveReceipt(trx, doc.id, doc.lines, missing.length ? 'closed' : 'received');
  if (missing.length) {
    const original = await trx('receipts').where({ id: doc.id }).first('supplier');
    const version = await bumpStreamVersion(trx, 'work');
    await trx('receipts').insert({
      id: `${doc.id}-BO`,
      number: `${p.receipt}-BO`,
      supplier: original.supplier,
      status: 'expected',
      lines: JSON.stringify(missing.map((l) => ({ productCode: l.productCode, quantity: l.missing }))),
      version,
    });
  }
  return { status: 'accepted', changed: ['work'] };
};

/** A count sets the bin to what was counted; moves before it were applied first (seq order). */
const lineCounted: Handler<'count.line.counted'> = async (trx, p, event) => {
  const ref = `${p.taskId ?? 'ad hoc'} ${event.id}`;
  if (p.lot === null) {
    // counted without telling lots apart: the bin's total is what was counted
    const rows: { lot: string; quantity: number }[] = await trx('stock').where({ product_code: p.productCode, location_code: p.location }).orderBy('quantity', 'desc').select('lot', 'quantity');
    const held = rows.reduce((n, r) => n + Number(r.quantity), 0);
    await moveStock(trx, { productCode: p.productCode, locationCode: p.location, lot: rows[0]?.lot ?? '', delta: p.counted - held, expiry: null, reason: 'count', ref, at: event.at });
  } else {
    const key = { productCode: p.productCode, locationCode: p.location, lot: p.lot };
    await moveStock(trx, { ...key, delta: p.counted - (await quantityOf(trx, key)), expiry: null, reason: 'count', ref, at: event.at });
  }
  if (p.taskId) {
    const task = await trx('count_tasks').where({ id: p.taskId }).first('result');
    const result = [...(task?.result ? (JSON.parse(task.result) as unknown[]) : []), { location: p.location, productCode: p.productCode, lot: p.lot, counted: p.counted, expected: p.expected, recounted: p.recounted }];
    await trx('count_tasks').where({ id: p.taskId }).update({ result: JSON.stringify(result) });
  }
  return { status: 'accepted', changed: ['stock'] };
};

const countClosed: Handler<'count.closed'> = async (trx, p) => {
  if (!p.taskId) return { status: 'accepted' };
  const task = await trx('count_tasks').where({ id: p.taskId }).first('status');
  if (!task) return rejected(`unknown count task ${p.taskId}`);
  const version = await bumpStreamVersion(trx, 'work');
  await trx('count_tasks').where({ id: p.taskId }).update({ status: 'done', version });
  return { status: 'accepted', changed: ['work'] };
};

/** A purchase request with the product's last price: the buyer re-keys nothing. */
const replenishment: Handler<'replenishment.requested'> = async (trx, p, event) => {
  const product = await trx('products').where({ code: p.productCode }).first('last_price_cents');
  if (!product) return rejected(`unknown product ${p.productCode}`);
  await trx('purchase_requests').insert({ product_code: p.productCode, quantity: p.quantity, last_price_cents: product.last_price_cents ?? null, note: p.note, location: p.location, requested_by: event.operator, station: event.station, status: 'new', at: event.at });
  return { status: 'accepted' };
};

const HANDLERS: { [K in SyncEventType]: Handler<K> } = {
  'pick.line.picked': (trx, payload, _event, now) => linePicked(trx, payload, now),
  'pick.short': (trx, payload, _event, now) => pickShort(trx, payload, now),
  'parcel.packed': parcelPacked,
  'weight.override': weightOverride,
  'shipment.shipped': shipmentShipped,
  'product.data.problem': dataProblem,
  'receipt.line.received': lineReceived,
  'receipt.discrepancy': receiptDiscrepancy,
  'receipt.closed': receiptClosed,
  'count.line.counted': lineCounted,
  'count.closed': countClosed,
  'replenishment.requested': replenishment,
};

/** The embedded reference ERP: applies floor events to the hub's own documents. */
export const embeddedAdapter: ErpAdapter = {
  name: 'embedded',
  async apply(trx, event: UpstreamEvent, now) {
    const payload = eventPayloads[event.type].safeParse(event.payload);
    if (!payload.success) return rejected(`invalid payload: ${payload.error.issues[0]?.path.join('.')} ${payload.error.issues[0]?.message}`);
    const handler = HANDLERS[event.type] as Handler<SyncEventType>;
    return handler(trx, payload.data as Payload<SyncEventType>, event, now);
  },
};
