import type { ApprovalProblem } from '../approval-input.js';
import type { OperatorRef } from '../catalog.js';
import { errorFeedback, infoFeedback, okFeedback, type Feedback } from '../feedback.js';
import type { PickOrder } from '../order.js';
import type { PackOrder } from '../order-to-pack.js';
import type { StationScale } from '../scale-reading.js';
import { reducePack, startPack, type PackIntent, type PackRules, type PackState } from './pack.js';
import { reduceBatch, type BatchIntent, type BatchState } from './batch-pick.js';
import { reducePick, startPick, type PickIntent, type PickSettings, type PickState } from './pick.js';
import { countOffered, reduceCount, startCount, type CountIntent, type CountScope, type CountSettings, type CountState } from './count.js';
import { reduceReceive, startReceive, type ReceiptDoc, type ReceiveContext, type ReceiveIntent, type ReceiveState } from './receive.js';
import type { DamageReason, DomainEvent } from '../events.js';
import type { ReadingChoice, ScanMeaning } from '../scan-meaning.js';
import { navigate, refuse, type ReducerResult } from './reducer-result.js';
import { dropFinished, finishedScreenAsList, leaveFinished, releaseDocument, type ReleaseIntent } from './release.js';

export type StationScreen = 'signin' | 'menu' | 'pick-orders' | 'pick' | 'batch' | 'pack-orders' | 'pack' | 'receive-list' | 'receive' | 'count-list' | 'count' | 'lookup';
export type MenuChoice = 'pick' | 'batch' | 'pack' | 'receive' | 'count' | 'lookup';
export type LookupTarget = { kind: 'product' | 'location'; code: string };

/**
 * Everything a station's terminal shows, owned by the agent: a terminal that crashes or
 * reconnects is handed this state back and resumes on the same line.
 */
export interface StationState {
  operator: OperatorRef | null;
  screen: StationScreen;
  /** The order under way at this station; kept when the operator leaves the screen. */
  pick: PickState | null;
  /** The order being packed at this station; kept likewise. */
  pack: PackState | null;
  receive?: ReceiveState | null;
  count?: CountState | null;
  /** A task's count paused while an ad-hoc count of a bin it refused goes on; back when that count is finished. */
  pausedCount?: CountState | null;
  lookup?: LookupTarget | null;
  /** The cart being picked at this station (cluster picking); kept when the operator leaves the screen. */
  batch?: BatchState | null;
}

export interface StationContext {
  packing: PackRules;
  /** The station's scale as it is at this intent (the agent's devices), as `receiving.today` is the date. */
  scale: StationScale;
  receiving: ReceiveContext;
  counting: CountSettings;
  picking: PickSettings;
}

/**
 * Why no order opens: no such order; held or not ready; picked with every line short (nothing to
 * pack); on this station's cart (`cart`); a tote scanned at the packing list holds none, or holds
 * an order still being picked on `cart`.
 */
export type OrderRefusal = 'unknown' | 'not-available' | 'nothing-picked' | 'on-cart' | 'tote-empty' | 'tote-picking';

export type StationIntent =
  | { type: 'sign-in'; entered: string; operator: OperatorRef | null }
  | { type: 'sign-out' }
  | { type: 'menu'; choice: MenuChoice }
  | { type: 'back' }
  | { type: 'open-order'; ref: string; order: PickOrder | null; refusal?: OrderRefusal; cart?: string }
  | { type: 'open-pack-order'; ref: string; order: PackOrder | null; refusal?: OrderRefusal; cart?: string; toteOrder?: string }
  | { type: 'finish' }
  /** `resume`: the receipt as another station left it, taken over with what it did. */
  | { type: 'open-receipt'; ref: string; doc: ReceiptDoc | null; resume?: ReceiveState }
  /** `resume`: the count as another station left it (its lines, recounts asked), taken over. */
  | { type: 'open-count'; taskId: string | null; label: string; found: boolean; resume?: CountState }
  | { type: 'receive-scan'; meaning: ScanMeaning; lotTracked: boolean; suggested: string | null }
  | { type: 'count-scan'; meaning: ScanMeaning; expected: number; outside?: CountScope | null }
  /** Counts on its own the bin the task just refused, the task paused meanwhile. */
  | { type: 'adhoc-count' }
  | { type: 'damaged'; quantity: number; reason: DamageReason }
  | { type: 'confirm-line'; operator: string }
  | { type: 'stock-moved'; location: string; productCode: string; delta: number }
  | { type: 'close' }
  | { type: 'lookup'; ref: string; target: LookupTarget | null }
  | { type: 'replenish'; productCode: string; quantity: number; note: string; location: string | null }
  | ReleaseIntent
  /**
   * What a code entered for an approval is, before any PIN: a supervisor (`supervisor`), not one
   * (null), or locked until `lockedUntil` (shown as the operator reads it) after too many wrong PINs.
   */
  | { type: 'supervisor-check'; entered: string; supervisor: OperatorRef | null; lockedUntil: string | null }
  /** An approval whose typed PIN or note cannot be accepted (refused before the PIN is checked). */
  | { type: 'approval-refused'; problem: ApprovalProblem }
  /** A code the catalog knows under two readings: nothing changes, the operator is asked which (SCAN_AMBIGUOUS). */
  | { type: 'reading-choice'; data: string; readings: ReadingChoice[] }
  | Exclude<BatchIntent, PickIntent>
  | PickIntent
  | Exclude<PackIntent, { type: 'scan' }>;

export const initialStationState = (): StationState => ({ operator: null, screen: 'signin', pick: null, pack: null });

const PACK_INTENTS = new Set(['close-box', 'box', 'weight', 'manual-weight', 'recheck', 'reweigh', 'override', 'carrier', 'tracking']);

function onPackScreen(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  const pack = state.pack;
  if (!pack) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (intent.type === 'back') return { state: { ...state, screen: 'menu' }, events: [], feedback: infoFeedback('ORDER_PAUSED', { order: pack.orderNumber }) };
  if (intent.type === 'finish') {
    if (pack.phase !== 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    return navigate({ ...state, pack: null, screen: 'pack-orders' });
  }
  if (intent.type === 'scan' || PACK_INTENTS.has(intent.type)) {
    const result = reducePack(pack, intent as PackIntent, ctx.packing, ctx.scale);
    return { state: { ...state, pack: result.state }, events: result.events, feedback: result.feedback };
  }
  return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
}

function onPickScreen(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  const pick = state.pick;
  if (!pick) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'back':
      return { state: { ...state, screen: 'menu' }, events: [], feedback: infoFeedback('ORDER_PAUSED', { order: pick.orderNumber }) };
    case 'replenish':
      return pick.lastShort?.productCode === intent.productCode ? replenish(state, intent) : refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    case 'finish':
      if (pick.phase !== 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      return { state: { ...state, pick: null, screen: 'pick-orders' }, events: [], feedback: infoFeedback('PICK_ORDER_DONE', { order: pick.orderNumber }) };
    case 'scan':
    case 'quantity':
    case 'undo':
    case 'postpone':
    case 'short':
    case 'empty-check':
    case 'lot':
    case 'override': {
      const result = reducePick(pick, intent, ctx.picking);
      return { state: { ...state, pick: result.state }, events: result.events, feedback: result.feedback };
    }
    default:
      return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  }
}

const BATCH_INTENTS = new Set<StationIntent['type']>(['batch-start', 'tote', 'scan', 'quantity', 'undo', 'postpone', 'short', 'empty-check', 'lot', 'override']);

/** The cart under way (batch-pick.ts): none yet until a cart is scanned; `finish` on a done cart makes way for the next. */
function onBatchScreen(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  const batch = state.batch ?? null;
  // a cart done is left, not paused (dropped with the other finished documents on the way to the menu)
  if (intent.type === 'back') {
    if (!batch || batch.phase === 'done') return navigate({ ...state, screen: 'menu' });
    // a cart nothing was done on (no tote bound yet: a cart scanned by mistake) is dropped, its orders free again
    if (batch.phase === 'totes' && batch.slots.every((s) => s.tote === null)) return { state: { ...state, screen: 'menu', batch: null }, events: [], feedback: infoFeedback('BATCH_DROPPED', { cart: batch.cart }) };
    return { state: { ...state, screen: 'menu' }, events: [], feedback: infoFeedback('ORDER_PAUSED', { order: batch.cart }) };
  }
  if (intent.type === 'finish') return batch?.phase === 'done' ? navigate({ ...state, batch: null }) : refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (intent.type === 'replenish') return batch?.lastShort?.productCode === intent.productCode ? replenish(state, intent) : refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (!BATCH_INTENTS.has(intent.type)) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const result = reduceBatch(batch, intent as BatchIntent, ctx.picking);
  return { state: { ...state, batch: result.state }, events: result.events, feedback: result.feedback };
}

/** A document opened by mistake, left before anything was done on it: not kept as under way at the station, it is in its list again. */
const leftFeedback = (document: string): Feedback => infoFeedback('DOCUMENT_LEFT', { document });

/** Nothing scanned, received, damaged or waiting for a bin on this receipt (it may have been opened by mistake). */
const untouchedReceipt = (receive: ReceiveState): boolean => receive.phase === 'scan' && !receive.pending && !receive.hold && receive.lines.every((l) => l.received === 0 && l.damaged === 0);

/** The receipt under way: scans, quantities, damaged units, closing. */
function onReceiveScreen(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  const receive = state.receive;
  if (!receive) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (intent.type === 'back' && untouchedReceipt(receive)) return { state: { ...state, screen: 'menu', receive: null }, events: [], feedback: leftFeedback(receive.number) };
  if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
  if (intent.type === 'finish') return receive.phase === 'done' ? navigate({ ...state, receive: null, screen: 'receive-list' }) : refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  let inner: ReceiveIntent;
  if (intent.type === 'receive-scan') inner = { type: 'scan', meaning: intent.meaning, lotTracked: intent.lotTracked, suggested: intent.suggested };
  else if (intent.type === 'quantity' || intent.type === 'undo' || intent.type === 'damaged' || intent.type === 'override' || intent.type === 'close') inner = intent;
  else return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const result = reduceReceive(receive, inner, ctx.receiving);
  return { state: { ...state, receive: result.state }, events: result.events, feedback: result.feedback };
}

function onCountScreen(state: StationState, intent: StationIntent): ReducerResult<StationState> {
  const count = state.count;
  if (!count) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  // a count nothing was counted in (none paused under it) is left, not kept as under way
  if (intent.type === 'back' && count.phase !== 'done' && count.lines.length === 0 && !count.pending && !state.pausedCount) return { state: { ...state, screen: 'menu', count: null }, events: [], feedback: leftFeedback(count.taskId ?? count.label) };
  if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
  if (intent.type === 'finish') return finishCount(state, count);
  if (intent.type === 'adhoc-count') {
    const adhoc = countOffered(count);
    if (!adhoc) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    return { state: { ...state, count: adhoc, pausedCount: { ...count, offer: null } }, events: [], feedback: okFeedback('COUNT_ADHOC_STARTED', { location: adhoc.location!, task: count.taskId ?? count.label }) };
  }
  let inner: CountIntent;
  if (intent.type === 'count-scan') inner = { type: 'scan', meaning: intent.meaning, expected: intent.expected, outside: intent.outside ?? null };
  else if (intent.type === 'quantity' || intent.type === 'undo' || intent.type === 'confirm-line' || intent.type === 'stock-moved' || intent.type === 'close') inner = intent;
  else return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const result = reduceCount(count, inner);
  return { state: { ...state, count: result.state }, events: result.events, feedback: result.feedback };
}

/** A closed count leaves the screen: to the task it paused, if any, else to the list. */
function finishCount(state: StationState, count: CountState): ReducerResult<StationState> {
  if (count.phase !== 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const paused = state.pausedCount;
  if (!paused) return navigate({ ...state, count: null, screen: 'count-list' });
  return { state: { ...state, count: paused, pausedCount: null }, events: [], feedback: infoFeedback('COUNT_TASK_RESUMED', { task: paused.taskId ?? paused.label }) };
}

function replenish(state: StationState, intent: Extract<StationIntent, { type: 'replenish' }>): ReducerResult<StationState> {
  if (!Number.isSafeInteger(intent.quantity) || intent.quantity < 1) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity: intent.quantity }));
  const event: DomainEvent = { type: 'replenishment.requested', payload: { productCode: intent.productCode, quantity: intent.quantity, note: intent.note, location: intent.location } };
  return { state, events: [event], feedback: okFeedback('REPLENISH_REQUESTED', { product: intent.productCode, quantity: intent.quantity }) };
}

function onLookupScreen(state: StationState, intent: StationIntent): ReducerResult<StationState> {
  if (intent.type === 'back') return navigate({ ...state, screen: 'menu', lookup: null });
  if (intent.type === 'lookup') {
    if (!intent.target) return refuse(state, errorFeedback('LOOKUP_NOT_FOUND', { ref: intent.ref }));
    return navigate({ ...state, lookup: intent.target });
  }
  if (intent.type === 'replenish') return replenish(state, intent);
  return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
}

/** The answer to a supervisor code, on any screen: it changes nothing, whatever it says. */
function supervisorAnswer(intent: Extract<StationIntent, { type: 'supervisor-check' }>) {
  if (!intent.supervisor) return errorFeedback('SUPERVISOR_UNKNOWN', { supervisor: intent.entered });
  if (intent.lockedUntil) return errorFeedback('SUPERVISOR_LOCKED', { supervisor: intent.supervisor.code, until: intent.lockedUntil });
  return infoFeedback('SUPERVISOR_OK', { supervisor: intent.supervisor.code, name: intent.supervisor.name });
}

function reduceScreens(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  // picks confirmed anywhere on the site reach a count under way at this station
  if (intent.type === 'stock-moved') {
    const moved = (count: CountState | null | undefined) => (count ? reduceCount(count, intent).state : count);
    return navigate({ ...state, count: moved(state.count), pausedCount: moved(state.pausedCount) });
  }
  if (intent.type === 'sign-out') {
    return { state: { ...state, operator: null, screen: 'signin' }, events: [], feedback: infoFeedback('SIGNED_OUT') };
  }
  if (state.screen === 'signin' || !state.operator) {
    if (intent.type !== 'sign-in') return refuse(state, errorFeedback('SIGN_IN_FIRST'));
    if (!intent.operator) return refuse(state, errorFeedback('OPERATOR_UNKNOWN', { code: intent.entered }));
    return { state: { ...state, operator: intent.operator, screen: 'menu' }, events: [], feedback: okFeedback('SIGNED_IN', { name: intent.operator.name }) };
  }
  if (intent.type === 'supervisor-check') return refuse(state, supervisorAnswer(intent));
  if (intent.type === 'approval-refused') return refuse(state, errorFeedback(intent.problem.code, intent.problem.params));
  switch (state.screen) {
    case 'menu':
      if (intent.type !== 'menu') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (intent.choice === 'pack') return navigate({ ...state, screen: state.pack ? 'pack' : 'pack-orders' });
      if (intent.choice === 'receive') return navigate({ ...state, screen: state.receive ? 'receive' : 'receive-list' });
      if (intent.choice === 'count') return navigate({ ...state, screen: state.count ? 'count' : 'count-list' });
      if (intent.choice === 'lookup') return navigate({ ...state, screen: 'lookup', lookup: null });
      if (intent.choice === 'batch') return navigate({ ...state, screen: 'batch' });
      return navigate({ ...state, screen: state.pick ? 'pick' : 'pick-orders' });
    case 'pick-orders':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-order') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.order && intent.refusal === 'on-cart') return refuse(state, errorFeedback('ORDER_ON_CART', { order: intent.ref, cart: intent.cart ?? '?' }));
      if (!intent.order) {
        const code = intent.refusal === 'not-available' ? 'ORDER_NOT_AVAILABLE' : 'ORDER_NOT_FOUND';
        return refuse(state, errorFeedback(code, { order: intent.ref }));
      }
      return {
        state: { ...state, screen: 'pick', pick: startPick(intent.order) },
        events: [],
        feedback: okFeedback('PICK_STARTED', { order: intent.order.number }),
      };
    case 'pick':
      return onPickScreen(state, intent, ctx);
    case 'batch':
      return onBatchScreen(state, intent, ctx);
    case 'pack-orders':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-pack-order') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.order && intent.refusal === 'tote-empty') return refuse(state, errorFeedback('TOTE_EMPTY', { tote: intent.ref }));
      if (!intent.order && intent.refusal === 'tote-picking') return refuse(state, errorFeedback('TOTE_STILL_PICKING', { tote: intent.ref, order: intent.toteOrder ?? '?', cart: intent.cart ?? '?' }));
      if (!intent.order && intent.refusal === 'nothing-picked') return refuse(state, errorFeedback('PACK_NOTHING_PICKED', { order: intent.ref }));
      if (!intent.order) {
        const code = intent.refusal === 'not-available' ? 'ORDER_NOT_AVAILABLE' : 'ORDER_NOT_FOUND';
        return refuse(state, errorFeedback(code, { order: intent.ref }));
      }
      return { state: { ...state, screen: 'pack', pack: startPack(intent.order) }, events: [], feedback: okFeedback('PACK_STARTED', { order: intent.order.number }) };
    case 'pack':
      return onPackScreen(state, intent, ctx);
    case 'receive-list':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-receipt') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.doc) return refuse(state, errorFeedback('ORDER_NOT_FOUND', { order: intent.ref }));
      return { state: { ...state, screen: 'receive', receive: intent.resume ?? startReceive(intent.doc) }, events: [], feedback: okFeedback('RECEIVE_STARTED', { receipt: intent.doc.number }) };
    case 'receive':
      return onReceiveScreen(state, intent, ctx);
    case 'count-list':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-count') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.found) return refuse(state, errorFeedback('ORDER_NOT_FOUND', { order: intent.label }));
      return { state: { ...state, screen: 'count', count: intent.resume ?? startCount(intent.taskId, intent.label, ctx.counting) }, events: [], feedback: okFeedback('COUNT_STARTED', { count: intent.label }) };
    case 'count':
      return onCountScreen(state, intent);
    case 'lookup':
      return onLookupScreen(state, intent);
  }
}

const OPENING = new Set<StationIntent['type']>(['open-order', 'open-pack-order', 'open-receipt', 'open-count']);

/**
 * The station's top-level workflow: sign-in, menu, and the workflow chosen. A document closed,
 * cancelled or taken over elsewhere is released (release.ts); the next document scanned on a
 * finished one's screen opens as from its list; going back to the menu or to sign-in drops what
 * was finished here. Pure.
 */
export function reduceStation(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  if (intent.type === 'release') return releaseDocument(state, intent);
  if (intent.type === 'reading-choice') return { state, events: [], feedback: { ...infoFeedback('SCAN_AMBIGUOUS', { data: intent.data }), readings: intent.readings } };
  const left = intent.type === 'back' ? leaveFinished(state) : undefined;
  if (left) return navigate(left);
  const from = OPENING.has(intent.type) ? finishedScreenAsList(state) : state;
  const result = reduceScreens(from, intent, ctx);
  // a refused opening leaves the finished summary where it was
  if (result.state === from) return from === state ? result : { ...result, state };
  if (result.state.screen !== 'menu' && result.state.screen !== 'signin') return result;
  return { ...result, state: dropFinished(result.state) };
}
