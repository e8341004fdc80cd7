import { errorFeedback } from '../feedback.js';
import { dropOrder, slotDone, type BatchState } from './batch-pick.js';
import { navigate, type ReducerResult } from './reducer-result.js';
import type { StationScreen, StationState } from './station.js';

/** The kinds of document a station works on, each in its own slot of the station's state. */
export type DocumentKind = 'pick' | 'pack' | 'receive' | 'count';

/** A document a station holds: `id` null for one the ERP does not know (a blind receipt, an ad-hoc count). */
export interface HeldDocument {
  kind: DocumentKind;
  id: string | null;
  /** What the operator reads: the order or receipt number, the count's label. */
  number: string;
  /** Finished at this station: only its summary is left to dismiss. */
  done: boolean;
  /** Where the station keeps it: its kind's slot, `pausedCount` for a task an ad hoc count paused, `batch` for an order on the station's cart. */
  slot: DocumentKind | 'pausedCount' | 'batch';
}

/**
 * Why a document left a station without the station finishing it: closed or finished elsewhere
 * (by another station, or at the ERP), cancelled at the ERP, or opened at another station.
 */
export type ReleaseReason = 'closed' | 'cancelled' | 'taken';

export interface ReleaseIntent {
  type: 'release';
  kind: DocumentKind;
  /** The document released: a station holding another one by now keeps it. */
  id: string;
  reason: ReleaseReason;
  /** The station that took it over (reason `taken`). */
  by?: string;
}

const SCREENS: Record<DocumentKind, { work: StationScreen; list: StationScreen }> = {
  pick: { work: 'pick', list: 'pick-orders' },
  pack: { work: 'pack', list: 'pack-orders' },
  receive: { work: 'receive', list: 'receive-list' },
  count: { work: 'count', list: 'count-list' },
};

/** The documents a station holds, finished or not. */
export function heldDocuments(state: StationState): HeldDocument[] {
  const held: HeldDocument[] = [];
  if (state.pick) held.push({ kind: 'pick', id: state.pick.orderId, number: state.pick.orderNumber, done: state.pick.phase === 'done', slot: 'pick' });
  if (state.pack) held.push({ kind: 'pack', id: state.pack.orderId, number: state.pack.orderNumber, done: state.pack.phase === 'done', slot: 'pack' });
  if (state.receive) held.push({ kind: 'receive', id: state.receive.receiptId, number: state.receive.number, done: state.receive.phase === 'done', slot: 'receive' });
  if (state.count) held.push({ kind: 'count', id: state.count.taskId, number: state.count.label, done: state.count.phase === 'done', slot: 'count' });
  if (state.pausedCount) held.push({ kind: 'count', id: state.pausedCount.taskId, number: state.pausedCount.label, done: false, slot: 'pausedCount' });
  const batch = state.batch;
  for (const s of batch?.slots ?? []) held.push({ kind: 'pick', id: s.pick.orderId, number: s.pick.orderNumber, done: slotDone(batch!, s), slot: 'batch' });
  return held;
}

const without = (state: StationState, slot: Exclude<HeldDocument['slot'], 'batch'>): StationState => ({ ...state, [slot]: null });

/**
 * A document closed, cancelled or taken over elsewhere leaves this station at once: its slot is
 * emptied, a terminal showing it goes back to the menu (or stays on sign-in), and the operator is
 * told why, naming the document. What this station confirmed of it was sent already; units
 * scanned and not confirmed are dropped with it. A station holding no such document (another one
 * by now, or one it finished itself) is left as it is, without a message. Pure.
 */
export function releaseDocument(state: StationState, intent: ReleaseIntent): ReducerResult<StationState> {
  const held = heldDocuments(state).find((d) => d.kind === intent.kind && d.id === intent.id && !d.done);
  if (!held) return navigate(state);
  if (held.slot === 'batch') return releaseFromCart(state, state.batch!, intent, held);
  // a task an ad hoc count paused is not on screen: the ad hoc count goes on
  const onIt = held.slot === intent.kind && state.screen === SCREENS[intent.kind].work;
  const next = { ...without(state, held.slot), ...(onIt && { screen: state.operator ? ('menu' as const) : ('signin' as const) }) };
  return { state: next, events: [], feedback: releaseFeedback(intent, held) };
}

function releaseFeedback(intent: ReleaseIntent, held: HeldDocument) {
  return intent.reason === 'taken'
    ? errorFeedback('DOCUMENT_TAKEN', { document: held.number, station: intent.by ?? '?' })
    : errorFeedback(intent.reason === 'cancelled' ? 'DOCUMENT_CANCELLED' : 'DOCUMENT_CLOSED', { document: held.number });
}

/** An order of the cart leaves it (its tote is freed); the other orders go on; a cart left with none is dropped. */
function releaseFromCart(state: StationState, batch: BatchState, intent: ReleaseIntent, held: HeldDocument): ReducerResult<StationState> {
  const { batch: rest, events } = dropOrder(batch, intent.id);
  const next: StationState = { ...state, batch: rest };
  return { state: rest === null && state.screen === 'batch' ? { ...next, screen: state.operator ? 'menu' : 'signin' } : next, events, feedback: releaseFeedback(intent, held) };
}

/**
 * Leaving for the menu or sign-in drops the documents finished here: a summary is read once, and
 * a finished document is neither offered again by the menu nor shown to the next operator.
 */
export function dropFinished(state: StationState): StationState {
  const dropped = heldDocuments(state)
    .filter((d) => d.done && d.slot !== 'batch')
    .reduce((s, d) => without(s, d.slot as Exclude<HeldDocument['slot'], 'batch'>), state);
  // a cart is finished as a whole, when every order on it is
  const cart = dropped.batch?.phase === 'done' ? { ...dropped, batch: null } : dropped;
  // an ad hoc count finished over a paused task: the task is the count under way again
  return !cart.count && cart.pausedCount ? { ...cart, count: cart.pausedCount, pausedCount: null } : cart;
}

/** The finished document whose summary the station shows, if it does. */
const finishedOnScreen = (state: StationState) => heldDocuments(state).find((d) => d.done && d.slot !== 'batch' && SCREENS[d.kind].work === state.screen);

/** Leaving a finished document's summary for the menu: dropped, nothing "paused". */
export function leaveFinished(state: StationState): StationState | undefined {
  return finishedOnScreen(state) ? dropFinished({ ...state, screen: 'menu' }) : undefined;
}

/**
 * On a finished document's screen, the next document scanned opens as from its list: the
 * finished one is dropped and the intent goes on as if sent from the list screen.
 */
export function finishedScreenAsList(state: StationState): StationState {
  const held = finishedOnScreen(state);
  return held ? { ...without(state, held.slot as Exclude<HeldDocument['slot'], 'batch'>), screen: SCREENS[held.kind].list } : state;
}

/**
 * What a station's step means for other stations holding the same document: one it has just
 * opened is taken over from them; one it has just finished is closed for them. Documents the
 * ERP does not know (no id) belong to their station alone. Pure.
 */
export function releasesElsewhere(before: StationState, after: StationState, station: string): ReleaseIntent[] {
  const was = heldDocuments(before);
  return heldDocuments(after).flatMap((doc): ReleaseIntent[] => {
    if (doc.id === null) return [];
    const previous = was.find((d) => d.kind === doc.kind && d.id === doc.id);
    if (!previous) return [{ type: 'release', kind: doc.kind, id: doc.id, reason: 'taken', by: station }];
    return doc.done && !previous.done ? [{ type: 'release', kind: doc.kind, id: doc.id, reason: 'closed' }] : [];
  });
}
