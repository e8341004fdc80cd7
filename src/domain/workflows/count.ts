import type { DomainEvent } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback } from '../feedback.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { refuse, type ReducerResult } from './reducer-result.js';
import { lastScanOf, nothingToUndo, undone, type LastScan, type QuantityMode, type UndoOffer } from './undo.js';

export interface CountSettings {
  /** Blind counts never show what the system expects. */
  blind: boolean;
  /** A variance above the larger of these asks for a recount. */
  recount: { quantity: number; percent: number };
  /** The recount must be done by another operator. */
  recountByAnother: boolean;
}

export interface CountLine {
  location: string;
  productCode: string;
  productName: string;
  lot: string | null;
  /** What the system held when the line was first seen in this count. */
  expectedAtStart: number;
  /** Stock moved there since (picks confirmed during the count), so they are not overwritten. */
  moved: number;
  firstCount: number | null;
  firstBy: string | null;
  status: 'recount' | 'done';
  recounted: boolean;
}

/** What a count task covers: one bin, the bins of a zone, or the bins holding a product. */
export interface CountScope {
  scope: 'location' | 'zone' | 'product';
  target: string;
}

export interface CountState {
  taskId: string | null;
  label: string;
  settings: CountSettings;
  lines: CountLine[];
  phase: 'location' | 'product' | 'done';
  location: string | null;
  /** Units of one product being counted at the current location. */
  pending: { productCode: string; productName: string; lot: string | null; quantity: number; expected: number } | null;
  /** What the last scan or typed quantity added to the pending count: what an undo removes. */
  lastScan?: LastScan | null;
  /** A bin just refused as outside the task: it may be counted on its own (an ad-hoc count). */
  offer?: string | null;
}

export type CountIntent =
  /**
   * The agent adds what the system holds for the scanned product at the location, and, for a bin
   * scanned in a task that does not cover it, the task's scope (`outside`).
   */
  | { type: 'scan'; meaning: ScanMeaning; expected: number; outside?: CountScope | null }
  /** `set` (the default): the product's count is this; `add`: this many more on top of what is scanned. */
  | { type: 'quantity'; quantity: number; mode?: QuantityMode }
  /** Takes back the last scan (or typed quantity) of the count not yet confirmed. */
  | { type: 'undo' }
  | { type: 'confirm-line'; operator: string }
  | { type: 'stock-moved'; location: string; productCode: string; delta: number }
  | { type: 'close' };

export function startCount(taskId: string | null, label: string, settings: CountSettings): CountState {
  return { taskId, label, settings, lines: [], phase: 'location', location: null, pending: null };
}

/** An ad-hoc count of the bin a task refused (its offer), already at that bin; null when nothing is offered. */
export function countOffered(task: CountState): CountState | null {
  if (!task.offer || task.phase === 'done') return null;
  return { ...startCount(null, `ad hoc ${task.offer}`, task.settings), location: task.offer, phase: 'product' };
}

export const expectedNow = (line: Pick<CountLine, 'expectedAtStart' | 'moved'>) => line.expectedAtStart + line.moved;

/** The units an undo would take off the pending count now, or null (nothing pending, or already undone). */
export function countUndo(state: CountState): UndoOffer | null {
  const { lastScan: last, pending } = state;
  if (state.phase === 'done' || !pending || !last) return null;
  return { productCode: last.productCode, quantity: Math.min(last.quantity, pending.quantity) };
}

function needsRecount(settings: CountSettings, counted: number, expected: number): boolean {
  const allowed = Math.max(settings.recount.quantity, (Math.abs(expected) * settings.recount.percent) / 100);
  return Math.abs(counted - expected) > allowed;
}

function counted(state: CountState, line: CountLine, quantity: number, recounted: boolean): DomainEvent {
  return {
    type: 'count.line.counted',
    payload: { taskId: state.taskId, location: line.location, productCode: line.productCode, lot: line.lot, counted: quantity, expected: expectedNow(line), recounted, firstCount: recounted ? line.firstCount : null },
  };
}

function onScan(state: CountState, meaning: ScanMeaning, expected: number, outside: CountScope | null): ReducerResult<CountState> {
  if (meaning.kind === 'location') {
    if (state.pending) return refuse(state, errorFeedback('COUNT_CONFIRM_FIRST', { product: state.pending.productCode }));
    if (outside) {
      // nothing is counted under the task; the bin is offered for a count of its own
      const feedback = errorFeedback('COUNT_BIN_NOT_IN_TASK', { location: meaning.code, task: state.taskId ?? state.label, scope: outside.scope, target: outside.target });
      return { state: { ...state, offer: meaning.code }, events: [], feedback };
    }
    return { state: { ...state, location: meaning.code, phase: 'product', lastScan: null, offer: null }, events: [], feedback: okFeedback('COUNT_LOCATION', { location: meaning.code }) };
  }
  if (meaning.kind === 'invalid') return refuse(state, errorFeedback(meaning.error.code, { data: meaning.data, detail: meaning.error.detail ?? '' }));
  if (meaning.kind === 'order') return refuse(state, errorFeedback('DOCUMENT_OTHER_OPEN', { scanned: meaning.order.number, current: state.label }));
  if (meaning.kind !== 'product') return refuse(state, errorFeedback('BARCODE_UNKNOWN', { data: meaning.kind === 'unknown' ? meaning.data : '' }));
  if (!state.location) return refuse(state, errorFeedback('COUNT_SCAN_LOCATION_FIRST'));
  const lot = meaning.lot ?? null;
  const pending = state.pending;
  if (pending && (pending.productCode !== meaning.productCode || pending.lot !== lot)) return refuse(state, errorFeedback('COUNT_CONFIRM_FIRST', { product: pending.productCode }));
  // a line already counted here is closed: counting it again would start a figure nothing can confirm
  const counted = state.lines.find((l) => l.location === state.location && l.productCode === meaning.productCode && l.lot === lot);
  if (!pending && counted?.status === 'done') return refuse(state, errorFeedback('COUNT_ALREADY_COUNTED', { product: meaning.productCode, location: state.location }));
  const quantity = (pending?.quantity ?? 0) + meaning.multiple;
  const next = { productCode: meaning.productCode, productName: meaning.productName, lot, quantity, expected: pending?.expected ?? expected };
  return { state: { ...state, pending: next, lastScan: lastScanOf({ productCode: meaning.productCode, lot, expiry: meaning.expiry ?? null }, meaning.multiple) }, events: [], feedback: okFeedback('COUNT_UNIT', { product: meaning.productCode, quantity }) };
}

function onConfirm(state: CountState, operator: string): ReducerResult<CountState> {
  const pending = state.pending;
  if (!pending || !state.location) return refuse(state, errorFeedback('COUNT_NOTHING_TO_CONFIRM'));
  const key = (l: CountLine) => l.location === state.location && l.productCode === pending.productCode && l.lot === pending.lot;
  const existing = state.lines.find(key);
  if (existing?.status === 'done') {
    // never a dead end: the figure cannot be confirmed twice, so it is dropped, and said so
    return { state: { ...state, pending: null, lastScan: null }, events: [], feedback: errorFeedback('COUNT_ALREADY_COUNTED', { product: pending.productCode, location: state.location }) };
  }
  if (existing?.status === 'recount') {
    if (state.settings.recountByAnother && existing.firstBy === operator) return refuse(state, errorFeedback('COUNT_RECOUNT_OTHER_OPERATOR', { product: pending.productCode }));
    const done: CountLine = { ...existing, status: 'done', recounted: true };
    return {
      state: { ...state, lines: state.lines.map((l) => (l === existing ? done : l)), pending: null, lastScan: null },
      events: [counted(state, existing, pending.quantity, true)],
      feedback: okFeedback('COUNT_LINE_DONE', { product: pending.productCode, location: state.location }),
    };
  }
  const line: CountLine = { location: state.location, productCode: pending.productCode, productName: pending.productName, lot: pending.lot, expectedAtStart: pending.expected, moved: 0, firstCount: pending.quantity, firstBy: operator, status: 'done', recounted: false };
  if (needsRecount(state.settings, pending.quantity, expectedNow(line))) {
    // no figures in the message: a blind count must not learn what was expected
    return { state: { ...state, lines: [...state.lines, { ...line, status: 'recount' }], pending: null, lastScan: null }, events: [], feedback: errorFeedback('COUNT_RECOUNT', { product: pending.productCode, location: state.location }) };
  }
  return { state: { ...state, lines: [...state.lines, line], pending: null, lastScan: null }, events: [counted(state, line, pending.quantity, false)], feedback: okFeedback('COUNT_LINE_DONE', { product: pending.productCode, location: state.location }) };
}

/**
 * A typed quantity of the product being counted. `add` is counted like a scan of that many (an
 * undo takes them back); `set` replaces the figure, and an undo then takes back only what it
 * raised the figure by: a set that lowered it leaves nothing to undo (type the figure again).
 */
function onQuantity(state: CountState, quantity: number, mode: QuantityMode): ReducerResult<CountState> {
  const pending = state.pending;
  if (!pending) return refuse(state, errorFeedback('COUNT_NOTHING_TO_CONFIRM'));
  if (!Number.isSafeInteger(quantity) || quantity < (mode === 'add' ? 1 : 0)) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity }));
  const total = mode === 'add' ? pending.quantity + quantity : quantity;
  if (!Number.isSafeInteger(total)) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity }));
  const next: CountState = { ...state, pending: { ...pending, quantity: total }, lastScan: lastScanOf({ ...pending, expiry: state.lastScan?.expiry ?? null }, total - pending.quantity) };
  return { state: next, events: [], feedback: infoFeedback('COUNT_UNIT', { product: pending.productCode, quantity: total }) };
}

/** Takes the last scan's units off the pending count; with none left, the product is not being counted any more. */
function onUndo(state: CountState): ReducerResult<CountState> {
  const offer = countUndo(state);
  const { pending, lastScan: last } = state;
  if (!offer || !pending || !last) return nothingToUndo(state);
  const left = pending.quantity - offer.quantity;
  const next: CountState = { ...state, pending: left > 0 ? { ...pending, quantity: left } : null, lastScan: null };
  return undone(next, 'count', state.taskId, state.location, { ...last, quantity: offer.quantity });
}

/**
 * Counting stock: scan a bin, then its products (scans add, a typed quantity sets or adds), confirm each
 * line. A variance over the threshold asks for a recount (by another operator when so set);
 * stock picked from the bin during the count is taken into account, not overwritten. A bin outside
 * a task's scope is refused and offered for an ad-hoc count (`countOffered`). Pure.
 */
export function reduceCount(state: CountState, intent: CountIntent): ReducerResult<CountState> {
  const result = reduceCountIntent(state, intent);
  // the offer stands until the count moves on (a bin refused again renews it)
  const moved = state.offer && intent.type !== 'stock-moved' && result.state !== state && result.feedback?.code !== 'COUNT_BIN_NOT_IN_TASK';
  return moved ? { ...result, state: { ...result.state, offer: null } } : result;
}

function reduceCountIntent(state: CountState, intent: CountIntent): ReducerResult<CountState> {
  if (intent.type === 'undo') return onUndo(state);
  if (state.phase === 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'scan':
      return onScan(state, intent.meaning, intent.expected, intent.outside ?? null);
    case 'quantity':
      return onQuantity(state, intent.quantity, intent.mode ?? 'set');
    case 'confirm-line':
      return onConfirm(state, intent.operator);
    case 'stock-moved': {
      const lines = state.lines.map((l) => (l.status !== 'done' && l.location === intent.location && l.productCode === intent.productCode ? { ...l, moved: l.moved + intent.delta } : l));
      const pending = state.pending && state.location === intent.location && state.pending.productCode === intent.productCode ? { ...state.pending, expected: state.pending.expected + intent.delta } : state.pending;
      return { state: { ...state, lines, pending }, events: [], feedback: null };
    }
    case 'close': {
      if (state.pending) return refuse(state, errorFeedback('COUNT_CONFIRM_FIRST', { product: state.pending.productCode }));
      const waiting = state.lines.filter((l) => l.status === 'recount');
      if (waiting.length) return refuse(state, errorFeedback('COUNT_RECOUNT_PENDING', { lines: waiting.length }));
      const event: DomainEvent = { type: 'count.closed', payload: { taskId: state.taskId, lines: state.lines.length, recounts: state.lines.filter((l) => l.recounted).length } };
      return { state: { ...state, phase: 'done' }, events: [event], feedback: okFeedback('COUNT_CLOSED', { count: state.label }) };
    }
  }
}
