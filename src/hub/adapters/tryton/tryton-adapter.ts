import type { Knex } from 'knex';
import { toMilligrams } from '../../../domain/weight.js';
import { doubtsBin } from '../../../domain/stock-doubt.js';
import { addBinTask, recordCountCause } from '../../bin-counts.js';
import { dispatchEvent, rejected, type ApplyOutcome, type ErpAdapter, type Handler, type Handlers } from '../../erp-adapter.js';
import {
  closeOrderIfSettled,
  dataProblem,
  orderIsSettled,
  receiptDiscrepancy,
  receiptDoc,
  recordCounted,
  recordParcel,
  recordPurchaseRequest,
  recordReceiptApprovals,
  recordReceived,
  saveReceipt,
  scanUndone,
  setCountTaskStatus,
  setOrderStatus,
  settleLine,
  shippingRefusal,
  weightOverride,
  lotOverride,
} from '../../floor-records.js';
import { toteAssigned, toteReleased } from '../../tote-records.js';
import { weightCheckFailed } from '../../weight-check-records.js';
import { pushAdHocCount, pushBinCount, pushCountClosed, pushCountedLine } from './tryton-counting.js';
import { pushParcel, pushPick, pushShipped, type PickedLine } from './tryton-picking.js';
import { pushPurchaseRequest } from './tryton-purchase-request.js';
import { pushReceipt, type ReceivedEntry } from './tryton-reception.js';
import { TrytonUserError } from './tryton-rpc.js';
import { TrytonRefusal, type TrytonContext } from './tryton-warehouse.js';
import { countTaskId, trytonIdOf } from './tryton-work.js';

/** An order, receipt or task the hub did not get from Tryton (made before the hub was pointed at it). */
const notFromTryton = (what: string) => rejected(`${what} did not come from Tryton: it cannot be booked there`);

function handlers(ctx: TrytonContext): Handlers {
  const picked: Handler<'pick.line.picked' | 'pick.short'> = async (trx, p, event, now) => {
    const shipment = trytonIdOf(p.orderId, 'OUT');
    if (shipment === null) return notFromTryton(`order ${p.orderId}`);
    const settled = await settleLine(trx, p);
    if ('refusal' in settled) return settled.refusal;
    const counting = 'reason' in p && doubtsBin(p.reason);
    if (counting) {
      // the bin was found empty: Tryton's draft inventory of it, a count task for the agents now
      const task = countTaskId(await pushBinCount(ctx, p.location, event.at.slice(0, 10)));
      await addBinTask(trx, task, p.location);
      await recordCountCause(trx, task, p, event);
    }
    if (!(await orderIsSettled(trx, p.orderId))) return { status: 'accepted', ...(counting && { changed: ['work' as const] }) };
    const rows: { product_code: string; picked: number; picked_from: string | null; lots: string | null }[] = await trx('order_lines').where({ order_id: p.orderId }).select('product_code', 'picked', 'picked_from', 'lots');
    const lines: PickedLine[] = rows.map((r) => ({ productCode: r.product_code, picked: Number(r.picked), bin: r.picked_from, lots: r.lots ? (JSON.parse(r.lots) as PickedLine['lots']) : [] }));
    await pushPick(ctx, shipment, lines);
    return closeOrderIfSettled(trx, p.orderId, now);
  };

  const parcelPacked: Handler<'parcel.packed'> = async (trx, p, event, now) => {
    const shipment = trytonIdOf(p.orderId, 'OUT');
    if (shipment === null) return notFromTryton(`order ${p.orderId}`);
    const recorded = await recordParcel(trx, p, event, now);
    if (recorded.status === 'rejected') return recorded;
    const box = await trx('box_types').where({ code: p.box }).first('tare_grams');
    const measuredGrams = Number(toMilligrams(p.weight)) / 1000;
    await pushParcel(ctx, shipment, { parcelNo: p.parcelNo, sscc: p.sscc, box: p.box, tareGrams: Number(box?.tare_grams ?? 0), measuredGrams, productCodes: p.items.map((i) => i.productCode) });
    return recorded;
  };

  const shipped: Handler<'shipment.shipped'> = async (trx, p, _event, now) => {
    const shipment = trytonIdOf(p.orderId, 'OUT');
    if (shipment === null) return notFromTryton(`order ${p.orderId}`);
    const refusal = await shippingRefusal(trx, p);
    if (refusal) return refusal;
    await pushShipped(ctx, shipment, p.parcels);
    await setOrderStatus(trx, p.orderId, 'shipped', now);
    return { status: 'accepted', changed: ['work'] };
  };

  /** Received units are kept at the hub until the receipt closes: Tryton receives a supplier shipment at once. */
  const received: Handler<'receipt.line.received'> = async (trx, p, event) => {
    if (!p.receiptId || trytonIdOf(p.receiptId, 'PO') === null) return notFromTryton(`receipt ${p.receipt}`);
    const refusal = await recordReceived(trx, p);
    if (refusal) return refusal;
    await trx('stock_moves').insert({ at: event.at, product_code: p.productCode, location_code: p.location, lot: p.lot ?? '', delta: p.quantity, reason: 'receipt', ref: `${p.receipt} ${event.id}` });
    await recordReceiptApprovals(trx, p, event);
    return { status: 'accepted', changed: ['work'] };
  };

  const receiptClosed: Handler<'receipt.closed'> = async (trx, p, event) => {
    const purchase = p.receiptId ? trytonIdOf(p.receiptId, 'PO') : null;
    if (purchase === null) return notFromTryton(`receipt ${p.receipt}`);
    const doc = await receiptDoc(trx, p.receipt);
    if (!doc) return rejected(`unknown receipt ${p.receipt}`);
    if (doc.status !== 'receiving' && doc.status !== 'expected') return rejected(`receipt ${p.receipt} is already ${doc.status}`);
    const moves: { product_code: string; location_code: string; lot: string; delta: number }[] = await trx('stock_moves').where({ reason: 'receipt' }).andWhere('ref', 'like', `${p.receipt} %`).orderBy('id');
    const entries: ReceivedEntry[] = moves.map((m) => ({ productCode: m.product_code, quantity: Number(m.delta), lot: m.lot || null, bin: m.location_code }));
    await pushReceipt(ctx, purchase, event.id, entries);
    await saveReceipt(trx, doc.id, doc.lines, 'received');
    return { status: 'accepted', changed: ['work'] };
  };

  const counted: Handler<'count.line.counted'> = async (trx, p, event) => {
    const line = { bin: p.location, productCode: p.productCode, lot: p.lot, counted: p.counted };
    if (p.taskId === null) await pushAdHocCount(ctx, line, event.at.slice(0, 10));
    else {
      const inventory = trytonIdOf(p.taskId, 'INV');
      if (inventory === null) return notFromTryton(`count task ${p.taskId}`);
      await pushCountedLine(ctx, inventory, line);
    }
    await recordCounted(trx, p);
    return { status: 'accepted' };
  };

  const countClosed: Handler<'count.closed'> = async (trx, p) => {
    if (p.taskId === null) return { status: 'accepted' };
    const inventory = trytonIdOf(p.taskId, 'INV');
    if (inventory === null) return notFromTryton(`count task ${p.taskId}`);
    await pushCountClosed(ctx, inventory);
    await setCountTaskStatus(trx, p.taskId, 'done');
    return { status: 'accepted', changed: ['work'] };
  };

  const replenishment: Handler<'replenishment.requested'> = async (trx, p, event) => {
    const refusal = await recordPurchaseRequest(trx, p, event);
    if (refusal) return refusal;
    await pushPurchaseRequest(ctx, event.id, p);
    return { status: 'accepted' };
  };

  return {
    'pick.line.picked': picked,
    'pick.short': picked,
    'parcel.packed': parcelPacked,
    'weight.override': weightOverride,
    'weight.check.failed': weightCheckFailed,
    'lot.override': lotOverride,
    'shipment.shipped': shipped,
    'product.data.problem': dataProblem,
    'receipt.line.received': received,
    'receipt.discrepancy': receiptDiscrepancy,
    'receipt.closed': receiptClosed,
    'count.line.counted': counted,
    'count.closed': countClosed,
    'replenishment.requested': replenishment,
    'scan.undone': scanUndone,
    'tote.assigned': toteAssigned,
    'tote.released': toteReleased,
  };
}

class Refused extends Error {
  constructor(readonly outcome: ApplyOutcome) {
    super(outcome.reason);
  }
}

/**
 * Tryton 6.0 behind the hub. Each event's hub records and Tryton calls run in a savepoint of
 * the hub's transaction: when Tryton refuses (its UserError, or a state that does not allow the
 * step) the event is rejected with Tryton's message and the hub keeps nothing of it. Tryton
 * commits each call at once, so every step re-reads Tryton's state first and skips what is
 * already there: an event applied again after the hub failed to record it changes nothing.
 * Tryton unreachable, a session lost or a concurrent change: a fault, the events wait and are
 * tried again.
 */
export function trytonAdapter(ctx: TrytonContext): ErpAdapter {
  const table = handlers(ctx);
  return {
    name: 'tryton',
    async apply(trx: Knex.Transaction, event, now) {
      try {
        return await trx.transaction(async (savepoint) => {
          let outcome: ApplyOutcome;
          try {
            outcome = await dispatchEvent(table, savepoint, event, now);
          } catch (error) {
            if (error instanceof TrytonUserError || error instanceof TrytonRefusal) throw new Refused(rejected(`Tryton: ${error.message}`));
            throw error;
          }
          if (outcome.status === 'rejected') throw new Refused(outcome);
          return outcome;
        });
      } catch (error) {
        if (error instanceof Refused) {
          ctx.logger.warn({ event: event.id, type: event.type, reason: error.outcome.reason }, 'Tryton refused a floor event');
          return error.outcome;
        }
        throw error;
      }
    },
  };
}
