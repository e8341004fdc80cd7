import type { DomainEvent } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback } from '../feedback.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { refuse, type ReducerResult } from './reducer-result.js';

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

export interface CountState {
  taskId: string | null;
  label: string;
  settings: CountSettings;
  lines: CountLine[];
  phase: 'location' | 'product' | 'done';
  location: string | null;
  /** Units of one product being counted at the current location. */
  pending: { productCode: string; productName: string; lot: string | null; quantity: number; expected: number } | null;
}

export type CountIntent =
  /** The agent adds what the system holds for the scanned product at the location. */
  | { type: 'scan'; meaning: ScanMeaning; expected: number }
  | { type: 'quantity'; quantity: number }
  | { type: 'confirm-line'; operator: string }
  | { type: 'stock-moved'; location: string; productCode: string; delta: number }
  | { type: 'close' };

export function startCount(taskId: string | null, label: string, settings: CountSettings): CountState {
  return { taskId, label, settings, lines: [], phase: 'location', location: null, pending: null };
}

export const expectedNow = (line: Pick<CountLine, 'expectedAtStart' | 'moved'>) => line.expectedAtStart + line.moved;

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

function onScan(state: CountState, meaning: ScanMeaning, expected: number): ReducerResult<CountState> {
  if (meaning.kind === 'location') {
    if (state.pending) return refuse(state, errorFeedback('COUNT_CONFIRM_FIRST', { product: state.pending.productCode }));
    return { state: { ...state, location: meaning.code, phase: 'product' }, events: [], feedback: okFeedback('COUNT_LOCATION', { location: meaning.code }) };
  }
  if (meaning.kind === 'invalid') return refuse(state, errorFeedback(meaning.error.code, { data: meaning.data, detail: meaning.error.detail ?? '' }));
  if (meaning.kind !== 'product') return refuse(state, errorFeedback('BARCODE_UNKNOWN', { data: meaning.kind === 'unknown' ? meaning.data : '' }));
  if (!state.location) return refuse(state, errorFeedback('COUNT_SCAN_LOCATION_FIRST'));
  const lot = meaning.lot ?? null;
  const pending = state.pending;
  if (pending && (pending.productCode !== meaning.productCode || pending.lot !== lot)) return refuse(state, errorFeedback('COUNT_CONFIRM_FIRST', { product: pending.productCode }));
  const quantity = (pending?.quantity ?? 0) + meaning.multiple;
  const next = { productCode: meaning.productCode, productName: meaning.productName, lot, quantity, expected: pending?.expected ?? expected };
  return { state: { ...state, pending: next }, events: [], feedback: okFeedback('COUNT_UNIT', { product: meaning.productCode, quantity }) };
}

function onConfirm(state: CountState, operator: string): ReducerResult<CountState> {
  const pending = state.pending;
  if (!pending || !state.location) return refuse(state, errorFeedback('COUNT_NOTHING_TO_CONFIRM'));
  const key = (l: CountLine) => l.location === state.location && l.productCode === pending.productCode && l.lot === pending.lot;
  const existing = state.lines.find(key);
  if (existing?.status === 'done') return refuse(state, errorFeedback('COUNT_LINE_DONE', { product: pending.productCode, location: state.location }));
  if (existing?.status === 'recount') {
    if (state.settings.recountByAnother && existing.firstBy === operator) return refuse(state, errorFeedback('COUNT_RECOUNT_OTHER_OPERATOR', { product: pending.productCode }));
    const done: CountLine = { ...existing, status: 'done', recounted: true };
    return {
      state: { ...state, lines: state.lines.map((l) => (l === existing ? done : l)), pending: null },
      events: [counted(state, existing, pending.quantity, true)],
      feedback: okFeedback('COUNT_LINE_DONE', { product: pending.productCode, location: state.location }),
    };
  }
  const line: CountLine = { location: state.location, productCode: pending.productCode, productName: pending.productName, lot: pending.lot, expectedAtStart: pending.expected, moved: 0, firstCount: pending.quantity, firstBy: operator, status: 'done', recounted: false };
  if (needsRecount(state.settings, pending.quantity, expectedNow(line))) {
    // no figures in the message: a blind count must not learn what was expected
    return { state: { ...state, lines: [...state.lines, { ...line, status: 'recount' }], pending: null }, events: [], feedback: errorFeedback('COUNT_RECOUNT', { product: pending.productCode, location: state.location }) };
  }
  return { state: { ...state, lines: [...state.lines, line], pending: null }, events: [counted(state, line, pending.quantity, false)], feedback: okFeedback('COUNT_LINE_DONE', { product: pending.productCode, location: state.location }) };
}

/**
 * Counting stock: scan a bin, then its products (scans add, a typed quantity sets), confirm each
 * line. A variance over the threshold asks for a recount (by another operator when so set);
 * stock picked from the bin during the count is taken into account, not overwritten. Pure.
 */
export function reduceCount(state: CountState, intent: CountIntent): ReducerResult<CountState> {
  if (state.phase === 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'scan':
      return onScan(state, intent.meaning, intent.expected);
    case 'quantity':
      if (!state.pending) return refuse(state, errorFeedback('COUNT_NOTHING_TO_CONFIRM'));
      if (!Number.isSafeInteger(intent.quantity) || intent.quantity < 0) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity: intent.quantity }));
      return { state: { ...state, pending: { ...state.pending, quantity: intent.quantity } }, events: [], feedback: infoFeedback('COUNT_UNIT', { product: state.pending.productCode, quantity: intent.quantity }) };
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
