import type { Knex } from 'knex';
import { doubtsBin } from '../../../domain/stock-doubt.js';
import type { UpstreamEvent } from '../../../protocol/sync-events.js';
import { addBinTask, nextTaskId, openBinTask, recordCountCause } from '../../bin-counts.js';
import { dispatchEvent, rejected, type ApplyOutcome, type ErpAdapter, type Handler, type Handlers, type Payload } from '../../erp-adapter.js';
import {
  closeOrderIfSettled,
  dataProblem,
  receiptDiscrepancy,
  receiptDoc,
  recordCounted,
  recordParcel,
  recordPurchaseRequest,
  recordReceiptApprovals,
  recordReceived,
  scanUndone,
  saveReceipt,
  setCountTaskStatus,
  setOrderStatus,
  settleLine,
  shippingRefusal,
  weightOverride,
  lotOverride,
} from '../../floor-records.js';
import { bumpStreamVersion } from '../../store/hub-store.js';
import { toteAssigned, toteReleased } from '../../tote-records.js';
import { weightCheckFailed } from '../../weight-check-records.js';
import { moveStock, pickFromBin, quantityOf } from './stock-ledger.js';

const withStock = (outcome: ApplyOutcome): ApplyOutcome => ({ ...outcome, changed: [...(outcome.changed ?? []), 'stock'] });

const picked: Handler<'pick.line.picked' | 'pick.short'> = async (trx, p, event, now) => {
  const settled = await settleLine(trx, p);
  if ('refusal' in settled) return settled.refusal;
  const { line } = settled;
  if (settled.picked > 0) await pickFromBin(trx, p.productCode, p.location, p.lots, settled.picked, `${line.order_id}/${line.line_id}`, now.toISOString());
  const outcome = withStock(await closeOrderIfSettled(trx, line.order_id, now));
  if (!('reason' in p) || !doubtsBin(p.reason)) return outcome;
  await raiseBinCount(trx, p, event);
  return { ...outcome, changed: [...(outcome.changed ?? []), 'work'] };
};

/** The bin was found empty (or without the product): a count of it, the bin's open task if it has one. */
async function raiseBinCount(trx: Knex.Transaction, p: Payload<'pick.short'>, event: UpstreamEvent): Promise<void> {
  let task = await openBinTask(trx, p.location);
  if (!task) {
    task = await nextTaskId(trx);
    await addBinTask(trx, task, p.location);
  }
  await recordCountCause(trx, task, p, event);
}

/** The status a shop shows its customer: shipped, with the tracking numbers of its parcels. */
const shipmentShipped: Handler<'shipment.shipped'> = async (trx, p, _event, now) => {
  const refusal = await shippingRefusal(trx, p);
  if (refusal) return refusal;
  await setOrderStatus(trx, p.orderId, 'shipped', now);
  return { status: 'accepted', changed: ['work'] };
};

const lineReceived: Handler<'receipt.line.received'> = async (trx, p, event) => {
  if (p.receiptId) {
    const refusal = await recordReceived(trx, p);
    if (refusal) return refusal;
  }
  await moveStock(trx, { productCode: p.productCode, locationCode: p.location, lot: p.lot ?? '', expiry: p.expiry, delta: p.quantity, reason: 'receipt', ref: `${p.receipt} ${event.id}`, at: event.at });
  await recordReceiptApprovals(trx, p, event);
  return { status: 'accepted', changed: ['stock', 'work'] };
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
  await recordCounted(trx, p);
  return { status: 'accepted', changed: ['stock'] };
};

/**
 * A bin's count closed: what the floor did not count in it is not there (the floor counts the whole
 * bin, as Tryton empties an inventory's lines left uncounted). Only a bin task's bin: a zone or a
 * product task does not say that every bin it covers was visited.
 */
const countClosed: Handler<'count.closed'> = async (trx, p, event) => {
  if (!p.taskId) return { status: 'accepted' };
  const task: { status: string; scope: string; target: string; result: string | null } | undefined = await trx('count_tasks').where({ id: p.taskId }).first('status', 'scope', 'target', 'result');
  if (!task) return rejected(`unknown count task ${p.taskId}`);
  let stockMoved = false;
  if (task.scope === 'location' && task.status !== 'done') {
    const counted = new Set((task.result ? (JSON.parse(task.result) as { productCode: string }[]) : []).map((line) => line.productCode));
    const left: { product_code: string; lot: string; quantity: number }[] = await trx('stock').where({ location_code: task.target }).where('quantity', '<>', 0).select('product_code', 'lot', 'quantity');
    for (const row of left.filter((r) => !counted.has(r.product_code))) {
      await moveStock(trx, { productCode: row.product_code, locationCode: task.target, lot: row.lot, delta: -Number(row.quantity), expiry: null, reason: 'count', ref: `${p.taskId} ${event.id} not counted`, at: event.at });
      stockMoved = true;
    }
  }
  await setCountTaskStatus(trx, p.taskId, 'done');
  return { status: 'accepted', changed: stockMoved ? ['work', 'stock'] : ['work'] };
};

/** A purchase request with the product's last price: the buyer re-keys nothing. */
const replenishment: Handler<'replenishment.requested'> = async (trx, p, event) => (await recordPurchaseRequest(trx, p, event)) ?? { status: 'accepted' };

const HANDLERS: Handlers = {
  'pick.line.picked': picked,
  'pick.short': picked,
  'parcel.packed': recordParcel,
  'weight.override': weightOverride,
  'weight.check.failed': weightCheckFailed,
  'lot.override': lotOverride,
  'shipment.shipped': shipmentShipped,
  'product.data.problem': dataProblem,
  'receipt.line.received': lineReceived,
  'receipt.discrepancy': receiptDiscrepancy,
  'receipt.closed': receiptClosed,
  'count.line.counted': lineCounted,
  'count.closed': countClosed,
  'replenishment.requested': replenishment,
  'scan.undone': scanUndone,
  'tote.assigned': toteAssigned,
  'tote.released': toteReleased,
};

/** The embedded reference ERP: applies floor events to the hub's own documents. */
export const embeddedAdapter: ErpAdapter = {
  name: 'embedded',
  apply: (trx, event, now) => dispatchEvent(HANDLERS, trx, event, now),
};
