import type { Knex } from 'knex';
import { rejected, type ApplyOutcome, type Handler, type Payload } from './erp-adapter.js';
import { SOLD_BY_WEIGHT_UNIT } from '../domain/weighed-goods.js';
import { bumpStreamVersion } from './store/hub-store.js';
import { countTask, openLineCount, orderLine, orderStatus, productFacts, receiptByNumber, updateCountTask, updateOrder, updateOrderLine, updateReceipt, type LineRow } from './store/documents-repo.js';
import { insertFloorRecord, insertParcel, parcelNumbers, parcelSscc } from './store/floor-records-repo.js';

/**
 * What the hub itself keeps of the floor's events, whichever ERP is behind it: order lines'
 * progress, parcels, overrides, data problems, reception discrepancies, undone scans. Each ERP adapter adds
 * its own effects on top.
 */

type LinePayload = { orderId: string; lineId: string; productCode: string };

/** The order line an event settles, or why it cannot. */
async function openLine(trx: Knex.Transaction, payload: LinePayload): Promise<{ line: LineRow } | { refusal: ApplyOutcome }> {
  const line = await orderLine(trx, payload.orderId, payload.lineId);
  if (!line) return { refusal: rejected(`order ${payload.orderId} has no line ${payload.lineId}`) };
  if (line.product_code !== payload.productCode) {
    return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is for ${line.product_code}, not ${payload.productCode}`) };
  }
  if (line.status !== 'open') return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is already ${line.status}`) };
  return { line };
}

/**
 * A product sold by weight (unit `g`): its lines may be picked over the grams ordered, within the
 * agents' `picking.weightOverPercent` (a cut label never lands on the exact gram): the hub books
 * the grams really picked.
 */
async function soldByWeight(trx: Knex.Transaction, productCode: string): Promise<boolean> {
  return (await productFacts(trx, productCode))?.unit === SOLD_BY_WEIGHT_UNIT;
}

/** Checks a pick or short pick against its line and records it there; returns the line or why not. */
export async function settleLine(trx: Knex.Transaction, p: Payload<'pick.line.picked'> | Payload<'pick.short'>): Promise<{ line: LineRow; picked: number } | { refusal: ApplyOutcome }> {
  const found = await openLine(trx, p);
  if ('refusal' in found) return found;
  const row = found.line;
  const common = { lots: JSON.stringify(p.lots), picked_from: p.location };
  if ('quantity' in p) {
    if (p.quantity > row.quantity && !(await soldByWeight(trx, row.product_code))) return { refusal: rejected(`over-pick: ${p.quantity} picked for ${row.quantity} ordered`) };
    await updateOrderLine(trx, row.order_id, row.line_id, { ...common, picked: p.quantity, status: 'picked' });
    return { line: row, picked: p.quantity };
  }
  if (p.picked + p.short !== row.quantity) return { refusal: rejected(`short pick does not add up: ${p.picked} + ${p.short} ≠ ${row.quantity}`) };
  await updateOrderLine(trx, row.order_id, row.line_id, { ...common, picked: p.picked, short: p.short, short_reason: p.reason, status: 'short' });
  return { line: row, picked: p.picked };
}

/** Whether no line of the order is left open. */
export async function orderIsSettled(trx: Knex.Transaction, orderId: string): Promise<boolean> {
  return (await openLineCount(trx, orderId)) === 0;
}

/** When no line is left open, the order is picked: a new work version tells every agent. */
export async function closeOrderIfSettled(trx: Knex.Transaction, orderId: string, now: Date): Promise<ApplyOutcome> {
  if (!(await orderIsSettled(trx, orderId))) return { status: 'accepted' };
  await setOrderStatus(trx, orderId, 'picked', now);
  return { status: 'accepted', changed: ['work'] };
}

/** Moves an order to `picked` or `shipped` at `now`, at a new work version. */
export async function setOrderStatus(trx: Knex.Transaction, orderId: string, status: 'picked' | 'shipped', now: Date): Promise<void> {
  const version = await bumpStreamVersion(trx, 'work');
  await updateOrder(trx, orderId, { status, [status === 'picked' ? 'picked_at' : 'shipped_at']: now.toISOString(), version });
}

/** Records a parcel of a picked order, or refuses it (unknown order, not picked, packed twice). */
export const recordParcel: Handler<'parcel.packed'> = async (trx, p, _event, now) => {
  const status = await orderStatus(trx, p.orderId);
  if (!status) return rejected(`unknown order ${p.orderId}`);
  if (status !== 'picked') return rejected(`order ${p.orderId} is ${status}, not picked: it cannot be packed`);
  const existing = await parcelSscc(trx, p.orderId, p.parcelNo);
  if (existing !== undefined) return rejected(`parcel ${p.parcelNo} of ${p.orderId} was already packed (SSCC ${existing})`);
  await insertParcel(trx, {
    order_id: p.orderId,
    parcel_no: p.parcelNo,
    sscc: p.sscc,
    box: p.box,
    weight: JSON.stringify(p.weight),
    weight_source: p.weightSource,
    weight_approval: p.weightApproval ? JSON.stringify(p.weightApproval) : null,
    expected: String(p.expectedGrams),
    tolerance: String(p.toleranceGrams),
    carrier: p.carrier,
    tracking: p.tracking,
    items: JSON.stringify(p.items),
    packed_at: now.toISOString(),
  });
  return { status: 'accepted' };
};

/** Checks that an order may ship: picked, and every parcel it ships was packed. Null when it may. */
export async function shippingRefusal(trx: Knex.Transaction, p: Payload<'shipment.shipped'>): Promise<ApplyOutcome | null> {
  const status = await orderStatus(trx, p.orderId);
  if (!status) return rejected(`unknown order ${p.orderId}`);
  if (status !== 'picked') return rejected(`order ${p.orderId} is ${status}, not picked: it cannot ship`);
  const known = new Set(await parcelNumbers(trx, p.orderId));
  const missing = p.parcels.filter((parcel) => !known.has(parcel.parcelNo)).map((parcel) => parcel.parcelNo);
  return missing.length ? rejected(`order ${p.orderId} ships parcels never packed: ${missing.join(', ')}`) : null;
}

/** A weight a supervisor let through at packing: kept for the record; rejected for an unknown order. */
export const weightOverride: Handler<'weight.override'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  const detail = { measured: p.measured, expectedGrams: p.expectedGrams, toleranceGrams: p.toleranceGrams, missingWeights: p.missingWeights, note: p.note ?? null, station: event.station, operator: event.operator };
  await insertFloorRecord(trx, 'weight_overrides', { order_id: p.orderId, parcel_no: p.parcelNo, supervisor: p.supervisor, reason: p.reason, detail: JSON.stringify(detail), at: event.at });
  return { status: 'accepted' };
};

/** A lot a supervisor let be picked although the agent did not know it in the bin: kept for the record (the units are booked with the line's pick). */
export const lotOverride: Handler<'lot.override'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  await insertFloorRecord(trx, 'lot_overrides', {
    event_id: event.id,
    order_id: p.orderId,
    line_id: p.lineId,
    product_code: p.productCode,
    location: p.location,
    lot: p.lot,
    expiry: p.expiry,
    known: JSON.stringify(p.known),
    supervisor: p.supervisor,
    reason: p.reason,
    note: p.note,
    station: event.station,
    operator: event.operator,
    at: event.at,
  });
  return { status: 'accepted' };
};

/** A scan taken back before its line was confirmed: nothing was booked, so there is nothing to undo at the ERP; the hub keeps it for the record. */
export const scanUndone: Handler<'scan.undone'> = async (trx, p, event) => {
  await insertFloorRecord(trx, 'scan_undos', { event_id: event.id, workflow: p.workflow, document: p.document, product_code: p.productCode, location: p.location, lot: p.lot, quantity: p.quantity, station: event.station, operator: event.operator, at: event.at });
  return { status: 'accepted' };
};

/** A product's data reported wrong from a station: kept for the record; rejected for an unknown product. */
export const dataProblem: Handler<'product.data.problem'> = async (trx, p, event) => {
  if (!(await productFacts(trx, p.productCode))) return rejected(`unknown product ${p.productCode}`);
  await insertFloorRecord(trx, 'data_problems', { product_code: p.productCode, problem: p.problem, reported_by: event.station, at: event.at });
  return { status: 'accepted' };
};

export type ReceiptLine = { productCode: string; quantity: number; received?: number; damaged?: number };

/** A receipt by its number, its lines read, undefined when the hub has none. */
export async function receiptDoc(trx: Knex.Transaction, number: string): Promise<{ id: string; lines: ReceiptLine[]; status: string } | undefined> {
  const row = await receiptByNumber(trx, number);
  return row ? { id: row.id, lines: JSON.parse(row.lines) as ReceiptLine[], status: row.status } : undefined;
}

/** Writes a receipt's lines and status at a new work version. */
export async function saveReceipt(trx: Knex.Transaction, id: string, lines: ReceiptLine[], status: string): Promise<void> {
  const version = await bumpStreamVersion(trx, 'work');
  await updateReceipt(trx, id, { lines: JSON.stringify(lines), status, version });
}

/** Counts received units on the receipt's line (a line is added for an unexpected product); refuses a receipt already closed. */
export async function recordReceived(trx: Knex.Transaction, p: Payload<'receipt.line.received'>): Promise<ApplyOutcome | null> {
  const doc = await receiptDoc(trx, p.receipt);
  if (!doc) return rejected(`unknown receipt ${p.receipt}`);
  if (doc.status === 'received' || doc.status === 'closed') return rejected(`receipt ${p.receipt} is already ${doc.status}`);
  const lines = doc.lines.some((l) => l.productCode === p.productCode) ? doc.lines : [...doc.lines, { productCode: p.productCode, quantity: 0 }];
  await saveReceipt(trx, doc.id, lines.map((l) => (l.productCode === p.productCode ? { ...l, received: (l.received ?? 0) + p.quantity } : l)), 'receiving');
  return null;
}

/** The supervisors' approvals a put-away needed, kept for the record whichever ERP is behind (the ERP books the units only). */
export async function recordReceiptApprovals(trx: Knex.Transaction, p: Payload<'receipt.line.received'>, event: { id: string; station: string; operator: string | null; at: string }): Promise<void> {
  for (const a of p.approvals) {
    await insertFloorRecord(trx, 'receipt_approvals', {
      event_id: event.id,
      receipt: p.receipt,
      kind: a.kind,
      product_code: p.productCode,
      quantity: p.quantity,
      location: p.location,
      suggested: p.suggested,
      supervisor: a.supervisor,
      reason: a.reason,
      note: a.note,
      station: event.station,
      operator: event.operator,
      at: event.at,
    });
  }
}

/** A reception's discrepancy, kept for the record; damaged units are counted on the receipt's line (a new work version). */
export const receiptDiscrepancy: Handler<'receipt.discrepancy'> = async (trx, p, event) => {
  await insertFloorRecord(trx, 'receipt_discrepancies', { receipt: p.receipt, kind: p.kind, product_code: p.productCode, quantity: p.quantity, expected: p.expected, reason: p.reason, lot: p.lot, expiry: p.expiry, at: event.at });
  if (p.kind === 'damaged' && p.receiptId) {
    const doc = await receiptDoc(trx, p.receipt);
    if (doc) await saveReceipt(trx, doc.id, doc.lines.map((l) => (l.productCode === p.productCode ? { ...l, damaged: (l.damaged ?? 0) + p.quantity } : l)), doc.status === 'expected' ? 'receiving' : doc.status);
  }
  return { status: 'accepted', changed: ['work'] };
};

/** Adds a counted line to its task's result, for the supervisor's report. */
export async function recordCounted(trx: Knex.Transaction, p: Payload<'count.line.counted'>): Promise<void> {
  if (!p.taskId) return;
  const task = await countTask(trx, p.taskId);
  const result = [...(task?.result ? (JSON.parse(task.result) as unknown[]) : []), { location: p.location, productCode: p.productCode, lot: p.lot, counted: p.counted, expected: p.expected, recounted: p.recounted }];
  await updateCountTask(trx, p.taskId, { result: JSON.stringify(result) });
}

/** Sets a count task's status at a new work version. */
export async function setCountTaskStatus(trx: Knex.Transaction, taskId: string, status: string): Promise<void> {
  const version = await bumpStreamVersion(trx, 'work');
  await updateCountTask(trx, taskId, { status, version });
}

/** The purchase request as the hub keeps it (with the product's last price, for the buyer). */
export async function recordPurchaseRequest(trx: Knex.Transaction, p: Payload<'replenishment.requested'>, event: { operator: string | null; station: string; at: string }): Promise<ApplyOutcome | null> {
  const product = await productFacts(trx, p.productCode);
  if (!product) return rejected(`unknown product ${p.productCode}`);
  await insertFloorRecord(trx, 'purchase_requests', { product_code: p.productCode, quantity: p.quantity, last_price_cents: product.last_price_cents ?? null, note: p.note, location: p.location, requested_by: event.operator, station: event.station, status: 'new', at: event.at });
  return null;
}
