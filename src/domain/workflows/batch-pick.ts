import { grantApproval, type ApprovalIntent } from '../approval.js';
import type { DomainEvent } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback, type Feedback } from '../feedback.js';
import { compareWalkingOrder } from '../location-walk.js';
import type { PickOrder } from '../order.js';
import { refuse, type ReducerResult } from './reducer-result.js';
import { pickProgress, reducePick, startPick, type PickIntent, type PickLineState, type PickSettings, type PickState } from './pick.js';

/**
 * Cluster picking: several orders in one walk, each into its own tote on a cart. The cart's orders
 * are bound to totes by scanning the totes' labels in position order; then every open line of every
 * order is walked in one route (`compareWalkingOrder`, one stop per bin for all the orders needing
 * it); a line is picked as in discrete picking (pick.ts does the line's work: lots, weighed goods,
 * undo, short, the empty-bin check), and once complete its units are **put to tote**: the picker
 * scans the tote of the line's order, and only then is the line's event recorded. Pure.
 */

/** An order on the cart: its position (1…), its tote once bound, and its discrete pick state. */
export interface BatchSlot {
  position: number;
  tote: string | null;
  pick: PickState;
}

export type BatchPhase = 'totes' | 'location' | 'product' | 'put' | 'empty-check' | 'done';

export interface BatchState {
  cart: string;
  slots: BatchSlot[];
  phase: BatchPhase;
  /** Lines put off by the picker (`position/lineId`), in the order they were: walked after every other line. */
  postponed: string[];
  /**
   * The units of a line just completed (or found short), waiting for the picker to scan the tote of
   * `position`: the line's events are recorded when that tote is scanned.
   */
  put: { position: number; quantity: number; events: DomainEvent[] } | null;
  /** A tote refused at binding because an open order holds it: a supervisor may free it (approval kind `tote`). */
  toteRefused: { tote: string; orderId: string; order: string } | null;
  /** The last line found short, which the picker may ask to replenish. */
  lastShort: { productCode: string; location: string } | null;
}

/**
 * A tote label as the agent resolved it: `heldBy`, the open order (outside this cart) it is bound
 * to, if any, `onCart` when that order is still being picked on a cart (its goods go into the tote:
 * no supervisor may free it); `stale`, an order gone (shipped, cancelled) it is still bound to,
 * its release never seen.
 */
export interface ToteScan {
  type: 'tote';
  code: string;
  heldBy: { orderId: string; orderNumber: string; onCart?: boolean } | null;
  stale?: { orderId: string } | null;
}

export type BatchIntent =
  /** The cart scanned: `positions` from its type (null: no cart type has its prefix), `orders` chosen for it (batch-choice.ts). */
  | { type: 'batch-start'; cart: string; positions: number | null; orders: PickOrder[] }
  | ToteScan
  | PickIntent;

/** A route stop: a line of the order at `position`. */
export interface BatchStop {
  position: number;
  line: PickLineState;
}

const stopKey = (position: number, lineId: string) => `${position}/${lineId}`;

/**
 * Every line still to pick on the cart, in walking order (ties: the bin's code, then the position),
 * the postponed ones last in the order they were put off.
 */
export function batchRoute(state: BatchState): BatchStop[] {
  const stops = state.slots.flatMap((slot) => slot.pick.lines.filter((l) => l.status === 'open').map((line) => ({ position: slot.position, line })));
  const postponedAt = (stop: BatchStop) => state.postponed.indexOf(stopKey(stop.position, stop.line.lineId));
  return stops.sort((a, b) => {
    const pa = postponedAt(a);
    const pb = postponedAt(b);
    if (pa !== pb) return pa === -1 ? -1 : pb === -1 ? 1 : pa - pb;
    return compareWalkingOrder(a.line.location, b.line.location) || a.position - b.position;
  });
}

/** The line to pick now, or none (binding totes, putting, done). */
function currentStop(state: BatchState): BatchStop | undefined {
  if (state.phase !== 'location' && state.phase !== 'product' && state.phase !== 'empty-check') return undefined;
  if (state.phase === 'empty-check') {
    const slot = state.slots.find((s) => s.pick.phase === 'empty-check');
    const line = slot?.pick.lines.find((l) => l.location.code === slot.pick.emptyCheck?.location && l.productCode === slot.pick.emptyCheck?.productCode);
    return slot && line ? { position: slot.position, line } : undefined;
  }
  return batchRoute(state)[0];
}

/** Whether the order at `position` is finished: every line picked or short, its last units in its tote. */
export function slotDone(state: BatchState, slot: BatchSlot): boolean {
  return slot.pick.phase === 'done' && state.put?.position !== slot.position;
}

/** Lines settled and in all, over every order on the cart, with those put off and not settled since. */
export function batchProgress(state: BatchState): { settled: number; total: number; postponed: number } {
  const per = state.slots.map((s) => pickProgress(s.pick));
  const open = new Set(batchRoute(state).map((s) => stopKey(s.position, s.line.lineId)));
  return { settled: per.reduce((n, p) => n + p.settled, 0), total: per.reduce((n, p) => n + p.total, 0), postponed: state.postponed.filter((k) => open.has(k)).length };
}

/** A batch for `cart` of the orders chosen for it, positions 1… in that order; totes to bind first. */
function startBatch(cart: string, orders: readonly PickOrder[]): BatchState {
  const slots = orders.map((order, i): BatchSlot => ({ position: i + 1, tote: null, pick: startPick(order) }));
  return { cart, slots, phase: 'totes', postponed: [], put: null, toteRefused: null, lastShort: null };
}

const slotAt = (state: BatchState, position: number) => state.slots.find((s) => s.position === position)!;
const withSlot = (state: BatchState, slot: BatchSlot): BatchState => ({ ...state, slots: state.slots.map((s) => (s.position === slot.position ? slot : s)) });
const sameCode = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The position whose tote is to be scanned next, while binding. */
export function toteFor(state: BatchState): BatchSlot | undefined {
  return state.phase === 'totes' ? state.slots.find((s) => s.tote === null) : undefined;
}

/** After a line is settled and its units are in their tote: the order's empty-bin check, else the next stop (no bin scan when it is the same bin), else done. */
function walkOn(state: BatchState, from: string | null): BatchState {
  if (state.slots.some((s) => s.pick.phase === 'empty-check')) return { ...state, phase: 'empty-check' };
  const next = batchRoute(state)[0];
  if (!next) return { ...state, phase: 'done' };
  return { ...state, phase: from !== null && next.line.location.code === from ? 'product' : 'location' };
}

/** The cart's orders with units in their tote: those the packers get (one short on every line has nothing to pack). */
const ordersToPack = (state: BatchState): number => state.slots.filter((slot) => slot.pick.lines.some((line) => line.picked > 0)).length;

/** What the picker is told once a line is settled: the order done, the cart done, or the line's own message. */
function settledFeedback(state: BatchState, slot: BatchSlot, lineFeedback: Feedback | null): Feedback | null {
  if (state.phase === 'done') return okFeedback('BATCH_DONE', { cart: state.cart, orders: ordersToPack(state) });
  if (state.phase !== 'empty-check' && slotDone(state, slot)) return okFeedback('BATCH_ORDER_DONE', { order: slot.pick.orderNumber, position: slot.position });
  return lineFeedback;
}

/** Units a line's events took from its bin: what goes into the tote. */
function unitsOf(events: readonly DomainEvent[]): number {
  let units = 0;
  for (const event of events) {
    if (event.type === 'pick.line.picked') units += event.payload.quantity;
    else if (event.type === 'pick.short') units += event.payload.picked;
  }
  return units;
}

/** Units the cart's other orders have picked so far of `line`'s product from its bin. */
function takenByOthers(state: BatchState, position: number, line: PickLineState): number {
  let taken = 0;
  for (const slot of state.slots) {
    if (slot.position === position) continue;
    for (const l of slot.pick.lines) if (l.status !== 'open' && l.location.code === line.location.code && l.productCode === line.productCode) taken += l.picked;
  }
  return taken;
}

/**
 * The order's pick state with the stop's line first among its open lines, on the batch's phase:
 * so pick.ts works on it. The line's stock in its bin is what the books held when the cart started
 * less what the cart's other orders took from it since, so the empty-bin check is asked as in
 * discrete picking, where each order is loaded after the picks before it.
 */
function focused(state: BatchState, slot: BatchSlot, line: PickLineState, phase: 'location' | 'product' | 'empty-check'): PickState {
  const pick = slot.pick;
  if (phase === 'empty-check') return pick;
  const booked = line.stockAtLocation;
  const here = booked === undefined || booked === null ? line : { ...line, stockAtLocation: Math.max(0, booked - takenByOthers(state, slot.position, line)) };
  return { ...pick, phase, lines: [here, ...pick.lines.filter((l) => l.lineId !== line.lineId)] };
}

/** The line's own stock figure back (focused() lends it another for one intent). */
const withBooked = (pick: PickState, line: PickLineState): PickState => ({ ...pick, lines: pick.lines.map((l) => (l.lineId === line.lineId ? { ...l, stockAtLocation: line.stockAtLocation } : l)) });

/** The current stop with its order's pick state as pick.ts sees it there (what an undo would take back, the line's lot). */
export function stopPick(state: BatchState): { stop: BatchStop; pick: PickState } | undefined {
  const stop = currentStop(state);
  if (!stop) return undefined;
  return { stop, pick: focused(state, slotAt(state, stop.position), stop.line, state.phase as 'location' | 'product' | 'empty-check') };
}

/** A line's intent, worked by pick.ts on the stop's order; a line completed (or short with units) waits for its tote. */
function onStop(state: BatchState, stop: BatchStop, intent: PickIntent, settings: PickSettings): ReducerResult<BatchState> {
  const slot = slotAt(state, stop.position);
  const phase = state.phase as 'location' | 'product' | 'empty-check';
  const before = focused(state, slot, stop.line, phase);
  const result = reducePick(before, intent, settings);
  if (result.state === before) return refuse(state, result.feedback!);
  const updated: BatchSlot = { ...slot, pick: withBooked(result.state, stop.line) };
  const lastShort = result.state.lastShort && result.state.lastShort !== slot.pick.lastShort ? result.state.lastShort : state.lastShort;
  const base: BatchState = { ...withSlot(state, updated), lastShort };
  // the bin scanned, units in hand, a lot given, a scan undone: the stop goes on
  if (result.events.length === 0) return { state: { ...base, phase: result.state.phase === 'product' ? 'product' : 'location' }, events: [], feedback: result.feedback };
  const units = unitsOf(result.events);
  if (units > 0) {
    return {
      state: { ...base, phase: 'put', put: { position: slot.position, quantity: units, events: result.events } },
      events: [],
      feedback: infoFeedback('BATCH_PUT', { tote: slot.tote ?? '', position: slot.position, order: slot.pick.orderNumber, quantity: units }),
    };
  }
  // nothing in hand (a short with none picked, the empty-bin answer): recorded now, and on
  const next = walkOn(base, stop.line.location.code);
  // an order done with nothing found leaves an empty tote: free again, nothing to pack from it
  const emptyTote: DomainEvent[] =
    slotDone(next, updated) && updated.tote && updated.pick.lines.every((l) => l.picked === 0)
      ? [{ type: 'tote.released', payload: { tote: updated.tote, orderId: updated.pick.orderId, reason: 'nothing-picked', supervisor: null } }]
      : [];
  return { state: next, events: [...result.events, ...emptyTote], feedback: settledFeedback(next, updated, result.feedback) };
}

/** A tote scanned to confirm a put: the right one records the line; another is refused aloud. */
function onPut(state: BatchState, scan: ToteScan): ReducerResult<BatchState> {
  const put = state.put!;
  const slot = slotAt(state, put.position);
  const tote = slot.tote ?? '';
  if (!sameCode(scan.code, tote)) {
    const other = state.slots.find((s) => s.tote !== null && sameCode(s.tote, scan.code));
    if (other && slotDone(state, other)) return refuse(state, errorFeedback('BATCH_TOTE_ORDER_DONE', { tote: other.tote!, order: other.pick.orderNumber }));
    return refuse(state, errorFeedback('BATCH_WRONG_TOTE', { expected: tote, scanned: scan.code, position: slot.position, order: slot.pick.orderNumber }));
  }
  const line = put.events[0]!;
  const from = line.type === 'pick.line.picked' || line.type === 'pick.short' ? line.payload.location : null;
  const next = walkOn({ ...state, put: null }, from);
  const feedback = okFeedback('BATCH_PUT_DONE', { tote, position: slot.position, order: slot.pick.orderNumber, quantity: put.quantity });
  const emptyCheck = next.phase === 'empty-check' ? infoFeedback('PICK_EMPTY_CHECK', { location: slot.pick.emptyCheck?.location ?? '' }) : feedback;
  return { state: next, events: put.events, feedback: settledFeedback(next, slot, emptyCheck) };
}

/** Binds the next position's order to the tote scanned, unless an open order or another position holds it. */
function onBind(state: BatchState, scan: ToteScan): ReducerResult<BatchState> {
  const slot = toteFor(state)!;
  const onCart = state.slots.find((s) => s.tote !== null && sameCode(s.tote, scan.code));
  if (onCart) return refuse(state, errorFeedback('TOTE_ALREADY_ON_CART', { tote: onCart.tote!, position: onCart.position }));
  if (scan.heldBy?.onCart) return refuse({ ...state, toteRefused: null }, errorFeedback('TOTE_ON_CART', { tote: scan.code, order: scan.heldBy.orderNumber }));
  if (scan.heldBy) {
    return {
      state: { ...state, toteRefused: { tote: scan.code, orderId: scan.heldBy.orderId, order: scan.heldBy.orderNumber } },
      events: [],
      feedback: errorFeedback('TOTE_IN_USE', { tote: scan.code, order: scan.heldBy.orderNumber }),
    };
  }
  // a binding to an order gone without its release is ended first, so the hub shows that order in no tote
  const stale: DomainEvent[] = scan.stale ? [{ type: 'tote.released', payload: { tote: scan.code, orderId: scan.stale.orderId, reason: 'order-closed', supervisor: null } }] : [];
  return bind(state, slot, scan.code, stale);
}

function bind(state: BatchState, slot: BatchSlot, tote: string, before: DomainEvent[]): ReducerResult<BatchState> {
  const bound = withSlot({ ...state, toteRefused: null }, { ...slot, tote });
  const next: BatchState = bound.slots.every((s) => s.tote !== null) ? walkOn(bound, null) : bound;
  const assigned: DomainEvent = { type: 'tote.assigned', payload: { tote, orderId: slot.pick.orderId, orderNumber: slot.pick.orderNumber, cart: state.cart, position: slot.position } };
  return { state: next, events: [...before, assigned], feedback: okFeedback('TOTE_BOUND', { tote, position: slot.position, order: slot.pick.orderNumber }) };
}

/** A supervisor frees the tote an open order still held (approval kind `tote`), and it is bound here. */
function onToteApproval(state: BatchState, intent: ApprovalIntent): ReducerResult<BatchState> {
  const refused = state.toteRefused;
  const slot = toteFor(state);
  if (!refused || !slot) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const granted = grantApproval('tote', intent);
  if ('refusal' in granted) return refuse(state, granted.refusal);
  const released: DomainEvent = { type: 'tote.released', payload: { tote: refused.tote, orderId: refused.orderId, reason: 'supervisor', supervisor: granted.approval.supervisor } };
  const result = bind(state, slot, refused.tote, [released]);
  return { ...result, feedback: okFeedback('TOTE_RELEASED', { tote: refused.tote, order: refused.order }) };
}

/** Puts the current line off to the end of the walk; refused when it is the last line on the cart. */
function onPostpone(state: BatchState, stop: BatchStop): ReducerResult<BatchState> {
  if (batchRoute(state).length < 2) return refuse(state, errorFeedback('BATCH_NOTHING_TO_POSTPONE'));
  const key = stopKey(stop.position, stop.line.lineId);
  const slot = slotAt(state, stop.position);
  const next = walkOn(withSlot({ ...state, postponed: [...state.postponed.filter((k) => k !== key), key] }, { ...slot, pick: { ...slot.pick, lastScan: null } }), null);
  return { state: next, events: [], feedback: infoFeedback('PICK_LINE_POSTPONED', { product: stop.line.productCode }) };
}

/**
 * An order leaves the cart (closed, cancelled or taken elsewhere: release.ts): its slot goes, with
 * units of it waiting for their tote (never recorded), and its tote is freed (`tote.released`,
 * `order-closed`). The walk goes on with the other orders; null when none is left.
 */
export function dropOrder(state: BatchState, orderId: string): { batch: BatchState | null; events: DomainEvent[] } {
  const gone = state.slots.find((s) => s.pick.orderId === orderId);
  if (!gone) return { batch: state, events: [] };
  const slots = state.slots.filter((s) => s !== gone);
  const events: DomainEvent[] = gone.tote ? [{ type: 'tote.released', payload: { tote: gone.tote, orderId, reason: 'order-closed', supervisor: null } }] : [];
  if (slots.length === 0) return { batch: null, events };
  const prefix = `${gone.position}/`;
  const rest: BatchState = { ...state, slots, postponed: state.postponed.filter((k) => !k.startsWith(prefix)), put: state.put?.position === gone.position ? null : state.put };
  if (rest.phase === 'totes') return { batch: slots.every((s) => s.tote !== null) ? walkOn(rest, null) : rest, events };
  if (rest.phase === 'put' && rest.put) return { batch: rest, events };
  return { batch: walkOn(rest, null), events };
}

/**
 * The cart's workflow: binding totes, then the walk, line by line with a put to tote after each.
 * `settings`: the site's picking rules, as for discrete picking. Pure.
 */
export function reduceBatch(state: BatchState | null, intent: BatchIntent, settings: PickSettings): ReducerResult<BatchState | null> {
  if (intent.type === 'batch-start') {
    if (state) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    if (intent.positions === null) return refuse(state, errorFeedback('BATCH_CART_UNKNOWN', { cart: intent.cart }));
    if (intent.orders.length === 0) return refuse(state, errorFeedback('BATCH_NO_ORDERS', { cart: intent.cart }));
    return { state: startBatch(intent.cart, intent.orders), events: [], feedback: okFeedback('BATCH_STARTED', { cart: intent.cart, orders: intent.orders.length }) };
  }
  if (!state) return refuse(state, errorFeedback('BATCH_SCAN_CART'));
  switch (state.phase) {
    case 'done':
      return refuse(state, errorFeedback('BATCH_DONE', { cart: state.cart, orders: ordersToPack(state) }));
    case 'totes': {
      const slot = toteFor(state)!;
      if (intent.type === 'tote') return onBind(state, intent);
      if (intent.type === 'override') return onToteApproval(state, intent);
      return refuse(state, errorFeedback('BATCH_SCAN_TOTE', { position: slot.position, order: slot.pick.orderNumber }));
    }
    case 'put': {
      if (intent.type === 'tote') return onPut(state, intent);
      const slot = slotAt(state, state.put!.position);
      return refuse(state, errorFeedback('BATCH_PUT', { tote: slot.tote ?? '', position: slot.position, order: slot.pick.orderNumber, quantity: state.put!.quantity }));
    }
    default: {
      const stop = currentStop(state);
      if (!stop) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (intent.type === 'tote') {
        const slot = slotAt(state, stop.position);
        return refuse(state, errorFeedback('BATCH_TOTE_NOT_NOW', { tote: intent.code, product: stop.line.productCode, order: slot.pick.orderNumber }));
      }
      if (intent.type === 'postpone' && state.phase !== 'empty-check') return onPostpone(state, stop);
      return onStop(state, stop, intent, settings);
    }
  }
}
