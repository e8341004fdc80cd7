import { grantApproval, type ApprovalIntent } from '../approval.js';
import type { DamageReason, DomainEvent, ReceiptApproval } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback } from '../feedback.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { refuse, type ReducerResult } from './reducer-result.js';
import { lastScanOf, nothingToUndo, undone, type LastScan, type QuantityMode, type UndoOffer } from './undo.js';

/** An expected receipt (purchase order or ASN); a blind receipt has no id and no lines. */
export interface ReceiptDoc {
  id: string | null;
  number: string;
  supplier: string;
  lines: { productCode: string; productName: string; expected: number }[];
}

export interface ReceiveLine {
  productCode: string;
  productName: string;
  expected: number;
  received: number;
  damaged: number;
  /** Received though not on the document. */
  unexpected: boolean;
  /**
   * An unexpected line not yet told upstream: its discrepancy goes with the first units committed
   * (put away or damaged), so a scan undone before that leaves nothing at the hub. Absent (a session
   * saved before this field) counts as told.
   */
  unannounced?: boolean;
}

/** Units scanned and not yet put away. */
export interface PendingUnits {
  productCode: string;
  productName: string;
  quantity: number;
  lot: string | null;
  expiry: string | null;
  /** Where the goods should go: the product's home bin, else an empty bin of its zone. */
  suggested: string | null;
}

export interface ReceiveState {
  receiptId: string | null;
  number: string;
  supplier: string;
  lines: ReceiveLine[];
  /** scan: scan goods · putaway: take the pending units to a bin · done: closed. */
  phase: 'scan' | 'putaway' | 'done';
  pending: PendingUnits | null;
  /** What the last scan or typed quantity added to the pending units: what an undo removes. */
  lastScan?: LastScan | null;
  /** A bin scanned for the pending units that cannot take them yet: a check is still owed. */
  hold?: PutawayHold | null;
}

/**
 * What must happen before units go into a bin: the operator confirms a bin other than the one
 * suggested (`confirm`), or a supervisor approves it (`putaway`, where the site says so), or a
 * supervisor approves units beyond the over-receipt tolerance (`over-receipt`).
 */
export type PutawayCheck = 'confirm' | 'putaway' | 'over-receipt';

/** The bin scanned, the checks still owed (the first is asked now), the approvals given so far. */
export interface PutawayHold {
  location: string;
  checks: PutawayCheck[];
  approvals: ReceiptApproval[];
}

export interface ReceiveContext {
  /** Today, ISO (YYYY-MM-DD): goods expiring before are refused. */
  today: string;
  /** Over-receipt allowed above the ordered quantity, in percent; units beyond it need a supervisor. */
  overTolerancePercent: number;
  /** A put-away into a bin other than the one suggested: the operator confirms it, or a supervisor approves it. */
  otherBin: 'confirm' | 'supervisor';
}

export type ReceiveIntent =
  /** The agent adds what the reducer cannot look up: lot tracking and the putaway suggestion. */
  | { type: 'scan'; meaning: ScanMeaning; lotTracked: boolean; suggested: string | null }
  /**
   * `set` (the default): the pending units are this many (the scan's count corrected);
   * `add`: this many more units of the pending product.
   */
  | { type: 'quantity'; quantity: number; mode?: QuantityMode }
  /** Takes back the last scan (or typed quantity) of the units not yet put away. */
  | { type: 'undo' }
  | { type: 'damaged'; quantity: number; reason: DamageReason }
  /** A supervisor's approval of the check the held bin waits for (over-receipt, put-away elsewhere). */
  | ApprovalIntent
  | { type: 'close' };

export function startReceive(doc: ReceiptDoc): ReceiveState {
  return {
    receiptId: doc.id,
    number: doc.number,
    supplier: doc.supplier,
    lines: doc.lines.map((l) => ({ ...l, received: 0, damaged: 0, unexpected: false })),
    phase: 'scan',
    pending: null,
  };
}

const blind = (state: ReceiveState) => state.receiptId === null;

/** The units an undo would take off the pending ones now, or null (nothing pending, or already undone). */
export function receiveUndo(state: ReceiveState): UndoOffer | null {
  const { lastScan: last, pending } = state;
  if (state.phase !== 'putaway' || !pending || !last) return null;
  return { productCode: last.productCode, quantity: Math.min(last.quantity, pending.quantity) };
}

function discrepancy(state: ReceiveState, kind: Extract<DomainEvent, { type: 'receipt.discrepancy' }>['payload']['kind'], productCode: string, quantity: number, extra: { reason?: DamageReason; lot?: string | null; expiry?: string | null } = {}): DomainEvent {
  const line = state.lines.find((l) => l.productCode === productCode);
  return {
    type: 'receipt.discrepancy',
    payload: { receiptId: state.receiptId, receipt: state.number, kind, productCode, quantity, expected: line?.expected ?? 0, reason: extra.reason ?? null, lot: extra.lot ?? null, expiry: extra.expiry ?? null },
  };
}

function onScan(state: ReceiveState, intent: Extract<ReceiveIntent, { type: 'scan' }>, ctx: ReceiveContext): ReducerResult<ReceiveState> {
  const { meaning } = intent;
  if (state.phase === 'putaway') {
    if (meaning.kind !== 'location') return refuse(state, errorFeedback('RECEIVE_PUTAWAY_FIRST', { location: state.pending?.suggested ?? '' }));
    return onBin(state, meaning.code, ctx);
  }
  switch (meaning.kind) {
    case 'invalid':
      return refuse(state, errorFeedback(meaning.error.code, { data: meaning.data, detail: meaning.error.detail ?? '' }));
    case 'product':
      break;
    case 'unknown':
      return refuse(state, errorFeedback('BARCODE_UNKNOWN', { data: meaning.data }));
    case 'order':
      return refuse(state, errorFeedback('DOCUMENT_OTHER_OPEN', { scanned: meaning.order.number, current: state.number }));
    default:
      return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  }
  const lot = meaning.lot ?? null;
  const expiry = meaning.expiry ?? null;
  if (intent.lotTracked && !lot) return refuse(state, errorFeedback('RECEIVE_LOT_REQUIRED', { product: meaning.productCode }));
  if (intent.lotTracked && !expiry) return refuse(state, errorFeedback('RECEIVE_EXPIRY_REQUIRED', { product: meaning.productCode }));
  if (expiry && expiry < ctx.today) {
    // refused at the door, and the buyer is told
    const event = discrepancy(state, 'expired', meaning.productCode, meaning.multiple, { lot, expiry });
    return { state, events: [event], feedback: errorFeedback('RECEIVE_EXPIRED', { product: meaning.productCode, expiry }) };
  }
  let lines = state.lines;
  if (!lines.some((l) => l.productCode === meaning.productCode)) {
    lines = [...lines, { productCode: meaning.productCode, productName: meaning.productName, expected: 0, received: 0, damaged: 0, unexpected: !blind(state), ...(blind(state) ? {} : { unannounced: true }) }];
  }
  // said once, when the product not on the document first arrives; upstream it is told with its first units committed
  const unexpected = lines !== state.lines && lines.at(-1)!.unexpected;
  const pending: PendingUnits = { productCode: meaning.productCode, productName: meaning.productName, quantity: meaning.multiple, lot, expiry, suggested: intent.suggested };
  const feedback = unexpected ? errorFeedback('RECEIVE_UNEXPECTED', { product: meaning.productCode }) : okFeedback('RECEIVE_PUTAWAY', { product: meaning.productCode, quantity: pending.quantity, location: intent.suggested ?? '?' });
  return { state: { ...state, lines, pending, phase: 'putaway', lastScan: lastScanOf(pending, pending.quantity) }, events: [], feedback };
}

/** The `unexpected` discrepancy of a line not yet told upstream, with the units first committed. */
function announced(state: ReceiveState, line: ReceiveLine, quantity: number): DomainEvent[] {
  return line.unannounced ? [discrepancy(state, 'unexpected', line.productCode, quantity)] : [];
}

function told(line: ReceiveLine): ReceiveLine {
  const { unannounced: _, ...rest } = line;
  return rest;
}

/** The line the pending units go to; the units a put-away now would bring it to, and what its tolerance allows. */
function lineTotals(state: ReceiveState, ctx: ReceiveContext): { line: ReceiveLine; received: number; allowed: number; beyond: boolean } {
  const pending = state.pending!;
  const line = state.lines.find((l) => l.productCode === pending.productCode)!;
  const received = line.received + pending.quantity;
  const allowed = Math.floor(line.expected * (1 + ctx.overTolerancePercent / 100));
  // a blind receipt orders nothing, and a product not ordered is its own discrepancy
  return { line, received, allowed, beyond: !blind(state) && !line.unexpected && received > allowed };
}

/** The checks a bin owes before the pending units go in: the bin first, then the quantity. */
function checksFor(state: ReceiveState, location: string, ctx: ReceiveContext): PutawayCheck[] {
  const suggested = state.pending!.suggested;
  const checks: PutawayCheck[] = [];
  if (suggested !== null && location !== suggested) checks.push(ctx.otherBin === 'supervisor' ? 'putaway' : 'confirm');
  if (lineTotals(state, ctx).beyond) checks.push('over-receipt');
  return checks;
}

/**
 * A bin scanned for the pending units. Scanned again while it waits for the operator's
 * confirmation, it is that confirmation (the terminal's confirm sends the bin again); any other
 * bin starts over. Units go in once no check is owed.
 */
function onBin(state: ReceiveState, location: string, ctx: ReceiveContext): ReducerResult<ReceiveState> {
  const held = state.hold?.location === location ? state.hold : null;
  if (!held) return proceed(state, { location, checks: checksFor(state, location, ctx), approvals: [] }, ctx);
  if (held.checks[0] === 'confirm') return proceed(state, { ...held, checks: held.checks.slice(1) }, ctx);
  return refuse(state, checkFeedback(state, held, ctx));
}

/** What the operator is told while a bin waits for its first check. */
function checkFeedback(state: ReceiveState, hold: PutawayHold, ctx: ReceiveContext) {
  const pending = state.pending!;
  const common = { product: pending.productCode, quantity: pending.quantity, location: hold.location };
  switch (hold.checks[0]) {
    case 'over-receipt': {
      const { line, received, allowed } = lineTotals(state, ctx);
      return errorFeedback('RECEIVE_OVER_APPROVAL', { ...common, received, expected: line.expected, allowed });
    }
    case 'putaway':
      return errorFeedback('RECEIVE_OTHER_BIN_APPROVAL', { ...common, suggested: pending.suggested ?? '' });
    default:
      return errorFeedback('RECEIVE_OTHER_BIN', { ...common, suggested: pending.suggested ?? '' });
  }
}

/** Puts the units away when nothing is owed any more, else holds the bin and asks for the next check. */
function proceed(state: ReceiveState, hold: PutawayHold, ctx: ReceiveContext): ReducerResult<ReceiveState> {
  if (hold.checks.length === 0) return putAway(state, hold.location, hold.approvals, ctx);
  return { state: { ...state, hold }, events: [], feedback: checkFeedback(state, hold, ctx) };
}

/**
 * A supervisor's approval of the check the held bin waits for. Refused (nothing recorded) when no
 * approval is awaited, the reason is not one of that kind, or the code or PIN is wrong.
 */
function onApproval(state: ReceiveState, intent: ApprovalIntent, ctx: ReceiveContext): ReducerResult<ReceiveState> {
  const hold = state.hold;
  const kind = hold?.checks[0];
  if (!hold || (kind !== 'over-receipt' && kind !== 'putaway')) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const verdict = grantApproval(kind, intent);
  if ('refusal' in verdict) return refuse(state, verdict.refusal);
  const { supervisor, reason, note } = verdict.approval;
  const approval: ReceiptApproval = { kind, supervisor, reason, note: note };
  return proceed(state, { ...hold, checks: hold.checks.slice(1), approvals: [...hold.approvals, approval] }, ctx);
}

/**
 * The pending units go into `location`, with the approvals they needed. Units beyond the tolerance
 * are a discrepancy: the whole excess when the line first goes beyond it, then each later put-away's
 * units, so that the discrepancies add up to what came over the order.
 */
function putAway(state: ReceiveState, location: string, approvals: ReceiptApproval[], ctx: ReceiveContext): ReducerResult<ReceiveState> {
  const pending = state.pending!;
  const { line, received, allowed, beyond } = lineTotals(state, ctx);
  const events: DomainEvent[] = [
    ...announced(state, line, pending.quantity),
    {
      type: 'receipt.line.received',
      payload: { receiptId: state.receiptId, receipt: state.number, productCode: pending.productCode, quantity: pending.quantity, lot: pending.lot, expiry: pending.expiry, location, suggested: pending.suggested, approvals },
    },
  ];
  if (beyond) events.push(discrepancy(state, 'over', pending.productCode, line.received <= allowed ? received - line.expected : pending.quantity, { lot: pending.lot, expiry: pending.expiry }));
  const lines = state.lines.map((l) => (l === line ? { ...told(l), received } : l));
  const approver = approvals.find((a) => a.kind === 'over-receipt')?.supervisor;
  const feedback = beyond
    ? okFeedback('RECEIVE_OVER', { product: pending.productCode, received, expected: line.expected, supervisor: approver ?? '', location })
    : okFeedback('RECEIVE_PUT_AWAY', { product: pending.productCode, quantity: pending.quantity, location });
  return { state: { ...state, lines, pending: null, phase: 'scan', lastScan: null, hold: null }, events, feedback };
}

function onDamaged(state: ReceiveState, quantity: number, reason: DamageReason): ReducerResult<ReceiveState> {
  const pending = state.pending;
  if (state.phase !== 'putaway' || !pending) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > pending.quantity) {
    return refuse(state, errorFeedback('RECEIVE_DAMAGED_TOO_MANY', { quantity, pending: pending.quantity }));
  }
  const line = state.lines.find((l) => l.productCode === pending.productCode)!;
  const lines = state.lines.map((l) => (l === line ? { ...told(l), damaged: l.damaged + quantity } : l));
  const left = pending.quantity - quantity;
  // the damaged units are recorded: an undo can take back only what is still pending of the last scan
  const last = state.lastScan && left > 0 ? lastScanOf(state.lastScan, Math.min(state.lastScan.quantity, left)) : null;
  const next: ReceiveState = { ...state, lines, pending: left > 0 ? { ...pending, quantity: left } : null, phase: left > 0 ? 'putaway' : 'scan', lastScan: last };
  const event = discrepancy(state, 'damaged', pending.productCode, quantity, { reason, lot: pending.lot, expiry: pending.expiry });
  return { state: next, events: [...announced(state, line, pending.quantity), event], feedback: infoFeedback('RECEIVE_DAMAGED', { product: pending.productCode, quantity, reason }) };
}

/**
 * A typed quantity of the pending product. `set` corrects the scan's count, so an undo then takes
 * back all that is pending (the scan as corrected); `add` brings more units, and an undo takes
 * back just those.
 */
function onQuantity(state: ReceiveState, quantity: number, mode: QuantityMode): ReducerResult<ReceiveState> {
  const pending = state.pending;
  if (state.phase !== 'putaway' || !pending) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (!Number.isSafeInteger(quantity) || quantity < 1) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity }));
  const total = mode === 'add' ? pending.quantity + quantity : quantity;
  if (!Number.isSafeInteger(total)) return refuse(state, errorFeedback('PICK_QTY_INVALID', { quantity }));
  const next: ReceiveState = { ...state, pending: { ...pending, quantity: total }, lastScan: lastScanOf(pending, mode === 'add' ? quantity : total) };
  return { state: next, events: [], feedback: infoFeedback('RECEIVE_PUTAWAY', { product: pending.productCode, quantity: total, location: pending.suggested ?? '?' }) };
}

/**
 * Takes the last scan's units off those pending; with none left, back to scanning, and a line
 * that scan alone had brought (a product not on the document) goes too.
 */
function onUndo(state: ReceiveState): ReducerResult<ReceiveState> {
  const offer = receiveUndo(state);
  const { pending, lastScan: last } = state;
  if (!offer || !pending || !last) return nothingToUndo(state);
  const left = pending.quantity - offer.quantity;
  const untouched = (l: ReceiveLine) => l.productCode === pending.productCode && l.expected === 0 && l.received === 0 && l.damaged === 0;
  const lines = left > 0 ? state.lines : state.lines.filter((l) => !untouched(l));
  const next: ReceiveState = { ...state, lines, pending: left > 0 ? { ...pending, quantity: left } : null, phase: left > 0 ? 'putaway' : 'scan', lastScan: null };
  return undone(next, 'receive', state.number, null, { ...last, quantity: offer.quantity });
}

function onClose(state: ReceiveState): ReducerResult<ReceiveState> {
  if (state.phase !== 'scan') return refuse(state, errorFeedback('RECEIVE_PUTAWAY_FIRST', { location: state.pending?.suggested ?? '' }));
  const summary = state.lines.map((l) => ({ productCode: l.productCode, ordered: l.expected, received: l.received, damaged: l.damaged, missing: Math.max(0, l.expected - l.received - l.damaged) }));
  const shorts: DomainEvent[] = blind(state) ? [] : summary.filter((l) => l.missing > 0).map((l) => discrepancy(state, 'short', l.productCode, l.missing));
  const closed: DomainEvent = { type: 'receipt.closed', payload: { receiptId: state.receiptId, receipt: state.number, lines: summary } };
  return { state: { ...state, phase: 'done' }, events: [...shorts, closed], feedback: okFeedback('RECEIVE_CLOSED', { receipt: state.number, missing: summary.reduce((n, l) => n + l.missing, 0) }) };
}

/**
 * Receiving: scan what the supplier delivered (GS1 codes bring lot, expiry and count), see each
 * discrepancy as it happens (over-receipt beyond tolerance, unexpected product, damaged units,
 * expired lots, and what is short at close), put every unit away by scanning its bin. A bin other
 * than the one suggested is confirmed (or approved by a supervisor, per site); units beyond the
 * over-receipt tolerance wait for a supervisor's approval. Pure.
 */
export function reduceReceive(state: ReceiveState, intent: ReceiveIntent, ctx: ReceiveContext): ReducerResult<ReceiveState> {
  if (intent.type === 'undo') return released(state, onUndo(state));
  if (state.phase === 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'scan':
      return onScan(state, intent, ctx);
    case 'quantity':
      return released(state, onQuantity(state, intent.quantity, intent.mode ?? 'set'));
    case 'damaged':
      return released(state, onDamaged(state, intent.quantity, intent.reason));
    case 'override':
      return onApproval(state, intent, ctx);
    case 'close':
      return onClose(state);
  }
}

/** Pending units that changed are not the ones a held bin was checked for: the bin is scanned again. */
function released(before: ReceiveState, result: ReducerResult<ReceiveState>): ReducerResult<ReceiveState> {
  return result.state === before || !result.state.hold ? result : { ...result, state: { ...result.state, hold: null } };
}
