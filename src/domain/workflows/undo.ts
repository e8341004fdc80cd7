import type { DomainEvent, UndoWorkflow } from '../events.js';
import { errorFeedback, okFeedback } from '../feedback.js';
import { refuse, type ReducerResult } from './reducer-result.js';

/**
 * How a typed quantity reads: `set` = the figure is now this many (the meaning it has always had),
 * `add` = this many more on top of what is scanned. Absent means `set`.
 */
export type QuantityMode = 'add' | 'set';

/**
 * What the last scan (or typed quantity) added to a figure not yet confirmed: exactly what an
 * undo takes back. One level: an undo clears it, and so does whatever confirms the figure.
 */
export interface LastScan {
  productCode: string;
  lot: string | null;
  expiry: string | null;
  /** Units added, > 0. */
  quantity: number;
}

/** What an undo would remove now, as terminals show it; null when there is nothing to undo. */
export interface UndoOffer {
  productCode: string;
  quantity: number;
}

export const lastScanOf = (from: { productCode: string; lot: string | null; expiry?: string | null }, quantity: number): LastScan | null =>
  quantity > 0 ? { productCode: from.productCode, lot: from.lot, expiry: from.expiry ?? null, quantity } : null;

export const nothingToUndo = <S>(state: S): ReducerResult<S> => refuse(state, errorFeedback('NOTHING_TO_UNDO'));

/** The undo's result: the state without the last scan's units, its upstream event, and the operator's message. */
export function undone<S>(state: S, workflow: UndoWorkflow, document: string | null, location: string | null, last: LastScan): ReducerResult<S> {
  const event: DomainEvent = { type: 'scan.undone', payload: { workflow, document, productCode: last.productCode, location, lot: last.lot, quantity: last.quantity } };
  return { state, events: [event], feedback: okFeedback('SCAN_UNDONE', { product: last.productCode, quantity: last.quantity }) };
}
