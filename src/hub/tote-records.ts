import type { Knex } from 'knex';
import { rejected, type Handler } from './erp-adapter.js';
import { orderStatus } from './store/documents-repo.js';
import { floorRecords, insertFloorRecord, releaseOtherTotes, releaseTote, toteBindingOfEvent, toteBindingOpen } from './store/floor-records-repo.js';

/**
 * The totes of cluster picking as the hub keeps them (table `order_totes`), whichever ERP is
 * behind it: which tote each order was bound to on a cart, and when it was free again. Floor
 * records only, nothing is booked at the ERP. Each binding and each release is recorded under its
 * event's id, so an event applied again (redelivered) changes nothing.
 */

/**
 * `tote.assigned`: the order goes into the tote. Rejected for an order the hub does not know;
 * the order's binding still open to another tote (a release never received) is closed by it,
 * reason `reassigned`, so an order is in one tote at a time.
 */
export const toteAssigned: Handler<'tote.assigned'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  if (await toteBindingOfEvent(trx, event.id)) return { status: 'accepted' };
  await releaseOtherTotes(trx, p.orderId, p.tote, event.at);
  if (await toteBindingOpen(trx, p.orderId, p.tote)) return { status: 'accepted' };
  await insertFloorRecord(trx, 'order_totes', { order_id: p.orderId, tote: p.tote, cart: p.cart, position: p.position, assigned_event: event.id, station: event.station, operator: event.operator, assigned_at: event.at, released_event: null, released_at: null, release_reason: null, released_by: null });
  return { status: 'accepted' };
};

/**
 * `tote.released`: the order's binding to the tote ends (packed, a supervisor's release, the order
 * closed elsewhere). Rejected for an order the hub does not know; a tote the order is not in
 * (already free) changes nothing.
 */
export const toteReleased: Handler<'tote.released'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  await releaseTote(trx, p.orderId, p.tote, { released_event: event.id, released_at: event.at, release_reason: p.reason, released_by: p.supervisor });
  return { status: 'accepted' };
};

/** One binding of an order to a tote: `releasedAt` null while the order is in it. */
export interface ToteBinding {
  tote: string;
  cart: string;
  position: number;
  station: string;
  operator: string | null;
  assignedAt: string;
  releasedAt: string | null;
  /** `packed`, `supervisor`, `order-closed`, `nothing-picked`, or `reassigned` (bound to another tote without a release); null while bound. */
  releaseReason: string | null;
  /** The supervisor who released it (reason `supervisor`), else null. */
  releasedBy: string | null;
}

/** Every order's tote bindings, oldest first, by order id. */
export async function toteBindings(db: Knex): Promise<Map<string, ToteBinding[]>> {
  const rows = await floorRecords(db, 'order_totes');
  const byOrder = new Map<string, ToteBinding[]>();
  for (const r of rows) {
    const binding: ToteBinding = {
      tote: r.tote,
      cart: r.cart,
      position: Number(r.position),
      station: r.station,
      operator: r.operator ?? null,
      assignedAt: r.assigned_at,
      releasedAt: r.released_at ?? null,
      releaseReason: r.release_reason ?? null,
      releasedBy: r.released_by ?? null,
    };
    byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), binding]);
  }
  return byOrder;
}
