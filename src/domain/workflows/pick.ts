import type { ApprovalIntent } from '../approval.js';
import { compareWalkingOrder } from '../location-walk.js';
import type { BinLot } from '../lot.js';
import type { DomainEvent, LotQuantity, ShortReason } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback, type Feedback } from '../feedback.js';
import type { PickOrder, PickOrderLine } from '../order.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { refuse, type ReducerResult } from './reducer-result.js';
import { lastScanOf, nothingToUndo, undone, type LastScan, type QuantityMode, type UndoOffer } from './undo.js';
import { onLotTyped, onLotOverride, onLotScan } from './pick-lots.js';
import { SOLD_BY_WEIGHT_UNIT } from '../weighed-goods.js';

/** The site's picking rules (agent config `picking`, docs/operations.md "Picking"). */
export interface PickSettings {
  /**
   * How far a weight label may overshoot the grams ordered on a line of a product sold by weight
   * (unit `g`), in percent of the line's quantity: such a label completes the line with the grams
   * actually picked. Labels of cut goods never add up to the exact gram.
   */
  weightOverPercent: number;
}

export const DEFAULT_PICK_SETTINGS: PickSettings = { weightOverPercent: 10 };

export type PickLineStatus = 'open' | 'postponed' | 'picked' | 'short';

export interface PickLineState extends PickOrderLine {
  picked: number;
  status: PickLineStatus;
  lots: LotQuantity[];
  shortReason?: ShortReason;
}

export interface PickState {
  orderId: string;
  orderNumber: string;
  customer: string;
  /** In walking order; a postponed line moves to the end. */
  lines: PickLineState[];
  /** `location`: go to the bin and scan it; `product`: scan items; `empty-check`: is the bin now empty? `done`: every line is settled. */
  phase: 'location' | 'product' | 'empty-check' | 'done';
  /** The bin a pick should have emptied, by the books. */
  emptyCheck?: { location: string; productCode: string; expected: number } | null;
  /** The last line found short: the picker may ask for it to be replenished. */
  lastShort?: { productCode: string; location: string } | null;
  /** What the last scan or typed quantity added to the current line, not yet complete: what an undo removes. */
  lastScan?: (LastScan & { lineId: string }) | null;
  /** The lot being picked on a lot-tracked line (typed, or read from the last GS1 scan); `approved` when a supervisor let it in although the bin is not known to hold it. */
  lot?: { lineId: string; lot: string; expiry: string | null; approved: boolean } | null;
  /** A lot refused on the current line (not among the bin's), waiting for a supervisor's `lot` approval: with the units its scan stood for (0 when typed) and the lots the bin holds. */
  lotRefused?: { lineId: string; lot: string; expiry: string | null; units: number; known: string[]; overAllowed?: number } | null;
}

export type PickIntent =
  /** `lots`: the current line's product is lot-tracked and these are the lots the agent knows in its bin (FEFO order); absent or null when it is not. */
  | { type: 'scan'; meaning: ScanMeaning; lots?: BinLot[] | null }
  /** A lot typed for the current line, with the bin's lots as for a scan. */
  | { type: 'lot'; lot: string; lots: BinLot[] | null }
  /** A supervisor lets a refused lot be picked (a `lot` approval). */
  | ApprovalIntent
  /** `set` (the default): the line's picked total is now this; `add`: this many more units. */
  | { type: 'quantity'; quantity: number; mode?: QuantityMode }
  /** Takes back the last scan (or typed quantity) of the current line, while it is not complete. */
  | { type: 'undo' }
  | { type: 'postpone' }
  | { type: 'short'; reason: ShortReason }
  /** The answer to "is the bin empty?": what is left in it (0 = empty). */
  | { type: 'empty-check'; remaining: number };

export function startPick(order: PickOrder): PickState {
  const lines = [...order.lines]
    .sort((a, b) => compareWalkingOrder(a.location, b.location))
    .map((line): PickLineState => ({ ...line, picked: 0, status: 'open', lots: [] }));
  return { orderId: order.id, orderNumber: order.number, customer: order.customer, lines, phase: 'location' };
}

export function currentLine(state: PickState): PickLineState | undefined {
  return state.lines.find((line) => line.status === 'open');
}

export function pickProgress(state: PickState): { settled: number; total: number } {
  const settled = state.lines.filter((l) => l.status === 'picked' || l.status === 'short').length;
  return { settled, total: state.lines.length };
}

export function replaceLine(state: PickState, line: PickLineState): PickState {
  return { ...state, lines: state.lines.map((l) => (l.lineId === line.lineId ? line : l)) };
}

/** The units an undo would take off the current line now, or null: a completed line is confirmed. */
export function pickUndo(state: PickState): UndoOffer | null {
  const last = state.lastScan;
  const line = currentLine(state);
  if (!last || !line || line.lineId !== last.lineId || state.phase !== 'product' || line.picked < last.quantity) return null;
  return { productCode: last.productCode, quantity: last.quantity };
}

/** After a line is settled: the next open line, else the postponed ones again, else done. */
function advance(state: PickState): PickState {
  if (currentLine(state)) return { ...state, phase: 'location' };
  if (state.lines.some((l) => l.status === 'postponed')) {
    const lines = state.lines.map((l): PickLineState => (l.status === 'postponed' ? { ...l, status: 'open' } : l));
    return { ...state, lines, phase: 'location' };
  }
  return { ...state, phase: 'done' };
}

function addLot(lots: LotQuantity[], lot: string | null, expiry: string | null, quantity: number): LotQuantity[] {
  const existing = lots.find((l) => l.lot === lot && l.expiry === expiry);
  if (!existing) return [...lots, { lot, expiry, quantity }];
  return lots.map((l) => (l === existing ? { ...l, quantity: l.quantity + quantity } : l));
}

function removeLot(lots: LotQuantity[], lot: string | null, expiry: string | null, quantity: number): LotQuantity[] {
  return lots.map((l) => (l.lot === lot && l.expiry === expiry ? { ...l, quantity: l.quantity - quantity } : l)).filter((l) => l.quantity > 0);
}

/** What every pick event says about its line. */
const lineRef = (state: PickState, line: PickLineState) => ({ orderId: state.orderId, lineId: line.lineId, productCode: line.productCode, location: line.location.code });

function settledFeedback(next: PickState, line: PickLineState, code: 'PICK_LINE_DONE' | 'PICK_SHORT_RECORDED'): Feedback {
  if (next.phase === 'done') return okFeedback('PICK_ORDER_DONE', { order: next.orderNumber });
  return okFeedback(code, { product: line.productCode, picked: line.picked, quantity: line.quantity });
}

/**
 * The grams a scan may put on a line beyond its quantity: for a weight label (`weighedGrams`) of a
 * product sold by weight (unit `g`, its units are grams), `weightOverPercent` of the line's
 * quantity, rounded down; 0 for anything else (pieces, typed quantities, price labels).
 */
export function weightOverAllowance(line: PickLineState, meaning: Extract<ScanMeaning, { kind: 'product' }>, settings: PickSettings): number {
  if (line.unit !== SOLD_BY_WEIGHT_UNIT || meaning.weighedGrams === undefined) return 0;
  return Math.floor((line.quantity * settings.weightOverPercent) / 100);
}

/**
 * Adds units to the current line; completes the line (and emits its event) when the quantity is
 * reached. `overAllowed`: units a scan may add beyond the quantity (weightOverAllowance); the line
 * then completes with what was really picked (the event's quantity is over the line's). Beyond:
 * PICK_OVER_PICK, nothing changes.
 */
export function addUnits(state: PickState, line: PickLineState, units: number, lot: string | null, expiry: string | null, overAllowed = 0): ReducerResult<PickState> {
  const remaining = line.quantity - line.picked;
  if (units > remaining + overAllowed) {
    return refuse(state, errorFeedback('PICK_OVER_PICK', { remaining, scanned: units, product: line.productCode }));
  }
  const updated: PickLineState = { ...line, picked: line.picked + units, lots: addLot(line.lots, lot, expiry, units) };
  if (updated.picked < updated.quantity) {
    const last = lastScanOf({ productCode: line.productCode, lot, expiry }, units);
    return {
      state: { ...replaceLine(state, updated), lastScan: last && { ...last, lineId: line.lineId } },
      events: [],
      feedback: okFeedback('PICK_QTY_ADDED', { picked: updated.picked, quantity: updated.quantity, product: line.productCode }),
    };
  }
  const done: PickLineState = { ...updated, status: 'picked' };
  const booked = line.stockAtLocation ?? null;
  // the books say this pick took all there was: ask before moving on, to catch ghost stock
  const emptied = booked !== null && done.picked >= booked;
  // a completed line is confirmed (its event is on its way): nothing left to undo
  const settled: PickState = { ...replaceLine(state, done), lastScan: null };
  const next: PickState = emptied
    ? { ...settled, phase: 'empty-check', emptyCheck: { location: line.location.code, productCode: line.productCode, expected: Math.max(0, booked - done.picked) } }
    : advance(settled);
  const event: DomainEvent = {
    type: 'pick.line.picked',
    payload: { ...lineRef(state, line), quantity: done.picked, lots: done.lots },
  };
  return { state: next, events: [event], feedback: emptied ? infoFeedback('PICK_EMPTY_CHECK', { location: line.location.code }) : settledFeedback(next, done, 'PICK_LINE_DONE') };
}

/** The picker says what is left in a bin the books think is empty: a count of that bin, then on. */
function onEmptyCheck(state: PickState, remaining: number): ReducerResult<PickState> {
  const check = state.emptyCheck;
  if (state.phase !== 'empty-check' || !check) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (!Number.isSafeInteger(remaining) || remaining < 0) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity: remaining }));
  const event: DomainEvent = {
    type: 'count.line.counted',
    payload: { taskId: null, location: check.location, productCode: check.productCode, lot: null, counted: remaining, expected: check.expected, recounted: false, firstCount: null },
  };
  const next = advance({ ...state, emptyCheck: null });
  return { state: next, events: [event], feedback: remaining === 0 ? okFeedback('PICK_BIN_EMPTY', { location: check.location }) : infoFeedback('PICK_BIN_NOT_EMPTY', { location: check.location, remaining }) };
}

function onScan(state: PickState, line: PickLineState, meaning: ScanMeaning, lots: BinLot[] | null, settings: PickSettings): ReducerResult<PickState> {
  switch (meaning.kind) {
    case 'invalid':
      return refuse(state, errorFeedback(meaning.error.code, { data: meaning.data, detail: meaning.error.detail ?? '' }));
    case 'unknown':
      return refuse(state, errorFeedback('BARCODE_UNKNOWN', { data: meaning.data }));
    case 'order':
      return refuse(state, errorFeedback('DOCUMENT_OTHER_OPEN', { scanned: meaning.order.number, current: state.orderNumber }));
    case 'box':
      return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    case 'location':
      if (meaning.code !== line.location.code) {
        return refuse(state, errorFeedback('PICK_WRONG_LOCATION', { expected: line.location.code, scanned: meaning.code }));
      }
      if (state.phase === 'product') return refuse(state, infoFeedback('PICK_LOCATION_OK', { location: meaning.code }));
      return { state: { ...state, phase: 'product' }, events: [], feedback: okFeedback('PICK_LOCATION_OK', { location: meaning.code }) };
    case 'product': {
      if (state.phase === 'location') {
        return refuse(state, errorFeedback('PICK_SCAN_LOCATION_FIRST', { location: line.location.code }));
      }
      if (meaning.productCode !== line.productCode) {
        return refuse(state, errorFeedback('PICK_WRONG_PRODUCT', { expected: line.productCode, scanned: meaning.productCode }));
      }
      const overAllowed = weightOverAllowance(line, meaning, settings);
      if (lots) return onLotScan(state, line, meaning, lots, overAllowed);
      return addUnits(state, line, meaning.multiple, meaning.lot ?? null, meaning.expiry ?? null, overAllowed);
    }
  }
}

function onQuantity(state: PickState, line: PickLineState, quantity: number, mode: QuantityMode): ReducerResult<PickState> {
  if (state.phase === 'location') return refuse(state, errorFeedback('PICK_SCAN_LOCATION_FIRST', { location: line.location.code }));
  // A typed quantity confirms units of a product already identified by at least one scan.
  if (line.picked === 0) return refuse(state, errorFeedback('PICK_SCAN_PRODUCT_FIRST', { product: line.productCode }));
  if (!Number.isSafeInteger(quantity) || quantity < 1) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity }));
  const lastLot = line.lots[line.lots.length - 1];
  // this many more units, of the lot last scanned; over-picking is refused as for a scan
  if (mode === 'add') return addUnits(state, line, quantity, lastLot?.lot ?? null, lastLot?.expiry ?? null);
  if (quantity > line.quantity) {
    return refuse(state, errorFeedback('PICK_OVER_PICK', { remaining: line.quantity - line.picked, scanned: quantity - line.picked, product: line.productCode }));
  }
  if (quantity < line.picked) return refuse(state, errorFeedback('PICK_QTY_BELOW_PICKED', { picked: line.picked, quantity }));
  if (quantity === line.picked) return refuse(state, infoFeedback('PICK_QTY_ADDED', { picked: line.picked, quantity: line.quantity, product: line.productCode }));
  return addUnits(state, line, quantity - line.picked, lastLot?.lot ?? null, lastLot?.expiry ?? null);
}

/** Takes the last scan's units off the current line: its picked count and its lot. */
function onUndo(state: PickState): ReducerResult<PickState> {
  const offer = pickUndo(state);
  const line = currentLine(state);
  const last = state.lastScan;
  if (!offer || !line || !last) return nothingToUndo(state);
  const updated: PickLineState = { ...line, picked: line.picked - last.quantity, lots: removeLot(line.lots, last.lot, last.expiry, last.quantity) };
  return undone({ ...replaceLine(state, updated), lastScan: null }, 'pick', state.orderId, line.location.code, last);
}

function onPostpone(state: PickState, line: PickLineState): ReducerResult<PickState> {
  const others = state.lines.filter((l) => l.lineId !== line.lineId && (l.status === 'open' || l.status === 'postponed'));
  if (others.length === 0) return refuse(state, errorFeedback('PICK_NOTHING_TO_POSTPONE'));
  const postponed: PickLineState = { ...line, status: 'postponed' };
  const lines = [...state.lines.filter((l) => l.lineId !== line.lineId), postponed];
  const next = advance({ ...state, lines, lastScan: null });
  return { state: next, events: [], feedback: infoFeedback('PICK_LINE_POSTPONED', { product: line.productCode }) };
}

function onShort(state: PickState, line: PickLineState, reason: ShortReason): ReducerResult<PickState> {
  const shorted: PickLineState = { ...line, status: 'short', shortReason: reason };
  const next = { ...advance({ ...replaceLine(state, shorted), lastScan: null }), lastShort: { productCode: line.productCode, location: line.location.code } };
  const event: DomainEvent = {
    type: 'pick.short',
    payload: { ...lineRef(state, line), picked: line.picked, short: line.quantity - line.picked, reason, lots: line.lots },
  };
  return { state: next, events: [event], feedback: settledFeedback(next, shorted, 'PICK_SHORT_RECORDED') };
}

/** The pick workflow: location, then product, line by line in walking order, under the site's `settings`. Pure. */
export function reducePick(state: PickState, intent: PickIntent, settings: PickSettings = DEFAULT_PICK_SETTINGS): ReducerResult<PickState> {
  if (intent.type === 'undo') return onUndo(state);
  if (state.phase === 'empty-check') {
    return intent.type === 'empty-check' ? onEmptyCheck(state, intent.remaining) : refuse(state, errorFeedback('PICK_EMPTY_CHECK', { location: state.emptyCheck?.location ?? '' }));
  }
  const line = currentLine(state);
  if (state.phase === 'done' || !line) return refuse(state, errorFeedback('PICK_ORDER_COMPLETE', { order: state.orderNumber }));
  switch (intent.type) {
    case 'scan':
      return onScan(state, line, intent.meaning, intent.lots ?? null, settings);
    case 'quantity':
      return onQuantity(state, line, intent.quantity, intent.mode ?? 'set');
    case 'postpone':
      return onPostpone(state, line);
    case 'short':
      return onShort(state, line, intent.reason);
    case 'lot':
      return onLotTyped(state, line, intent.lot, intent.lots);
    case 'override':
      return onLotOverride(state, line, intent);
    case 'empty-check':
      return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  }
}
