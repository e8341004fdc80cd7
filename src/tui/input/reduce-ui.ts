import { APPROVAL_REASONS } from '../../domain/approval.js';
import { noteProblem, pinProblem } from '../../domain/approval-input.js';
import { DAMAGE_REASONS, SHORT_REASONS } from '../../domain/events.js';
import { parseTypedWeight } from '../../domain/typed-weight.js';
import { approvalKindOf } from './approval-kind.js';
import type { ClientIntent, FeedbackView, InputSource, StationView } from '../../protocol/local-api.js';
import type { CommandName } from './bindings.js';
import { MENU_ITEMS, choiceOfNumber, choicesOf, moveSelection } from './choice.js';
import { pickingLineOf } from './picking-line.js';
import type { Confirmation, Modal, UiState } from './ui-state.js';

/** What the terminal does after a key: talk to the agent, or say something itself. */
export type UiIntent =
  | { kind: 'send'; intent: ClientIntent }
  | { kind: 'reprint' }
  | { kind: 'scale'; command: 'zero' | 'tare' }
  /** A local refusal (a feedback code and its params), rung like the agent's. */
  | { kind: 'error'; code: string; params?: Record<string, string | number> }
  /** A step went through (something sent, a prompt answered): a local refusal shown before is old news. */
  | { kind: 'clear-error' }
  | { kind: 'exit' };

/** A command as the reducer gets it: a binding's, typed text, or a submit with where it came from. */
export type UiCommand =
  | { name: Exclude<CommandName, 'submit' | 'choose-number'> }
  | { name: 'choose-number'; number: number }
  | { name: 'submit'; source: InputSource }
  | { name: 'type'; text: string }
  /** The agent's latest answer (or the link's own refusal): a prompt waiting on it goes on or back. */
  | { name: 'answer'; feedback: Pick<FeedbackView, 'level' | 'code' | 'params' | 'readings'> };

export interface UiResult {
  ui: UiState;
  intents: UiIntent[];
}

type View = StationView | null;
const QUANTITY = /^\d{1,6}$/;

const send = (intent: ClientIntent): UiIntent => ({ kind: 'send', intent });
const error = (code: string, params?: Record<string, string | number>): UiIntent => (params ? { kind: 'error', code, params } : { kind: 'error', code });
const withModal = (ui: UiState, modal: Modal | null): UiState => ({ ...ui, modal, field: '', selected: 0 });

/** The units that closing now would leave missing or unverified; 0 when nothing is lost. */
/** Nothing to ask when the agent will refuse anyway (units waiting to be put away) or nothing is lost. */
function closeReceiptConfirmation(view: Extract<StationView, { screen: 'receive' }>): Confirmation | null {
  if (view.receipt.blind || view.pending) return null;
  const missing = view.lines.reduce((sum, l) => sum + Math.max(0, l.expected - l.received - l.damaged), 0);
  return missing > 0 ? { message: 'confirm.closeReceipt', params: { n: missing, receipt: view.receipt.number }, intent: { type: 'close' } } : null;
}

function closeBoxConfirmation(view: Extract<StationView, { screen: 'pack' }>): Confirmation | null {
  // nothing verified: the agent refuses the parcel, it is not a question
  if (!view.items.some((item) => item.verified > 0)) return null;
  const unverified = view.items.reduce((sum, item) => sum + Math.max(0, item.quantity - item.packed - item.verified), 0);
  return unverified > 0 ? { message: 'confirm.closeBox', params: { n: unverified, parcel: view.parcelNo, next: view.parcelNo + 1 }, intent: { type: 'close-box' } } : null;
}

/** With a product still pending or a line waiting for its recount the agent refuses to close: nothing to ask then. */
function closeCountConfirmation(view: Extract<StationView, { screen: 'count' }>): Confirmation | null {
  if (view.lines.some((l) => l.status === 'recount')) return null;
  return !view.pending && view.uncounted > 0 ? { message: 'confirm.closeCount', params: { n: view.uncounted }, intent: { type: 'close' } } : null;
}

/** Sends at once, or asks first when the intent cannot be undone and loses something. */
function confirmOrSend(ui: UiState, confirmation: Confirmation | null, intent: ClientIntent): UiResult {
  if (confirmation) return { ui: withModal(ui, { kind: 'confirm', confirmation }), intents: [] };
  return { ui, intents: [send(intent)] };
}

/** What Enter on a list row (or its number) chooses, by the modal or screen showing it. */
function choose(ui: UiState, view: View, index: number): UiResult {
  const modal = ui.modal;
  const closed = withModal(ui, null);
  const picking = pickingLineOf(view);
  if (modal?.kind === 'short' && picking) {
    const reason = SHORT_REASONS[index]!;
    const { line } = picking;
    const confirmation: Confirmation = { message: 'confirm.short', params: { n: line.quantity - line.picked, product: line.productCode, reason }, intent: { type: 'short', reason } };
    return { ui: withModal(ui, { kind: 'confirm', confirmation }), intents: [] };
  }
  if (modal?.kind === 'override') {
    const reason = APPROVAL_REASONS[modal.approval][index]!;
    // "other" says nothing by itself: the supervisor writes what happened
    if (reason === 'other') return { ui: withModal(ui, { ...modal, step: 'note', reason }), intents: [] };
    return { ui: closed, intents: [send({ type: 'override', supervisor: modal.supervisor, pin: modal.pin, reason })] };
  }
  if (modal?.kind === 'damaged') return { ui: closed, intents: [send({ type: 'damaged', quantity: modal.quantity, reason: DAMAGE_REASONS[index]! })] };
  // the chosen reading's GTIN-14 is unambiguous: the agent takes it as the scan it stands for
  if (modal?.kind === 'reading') return { ui: closed, intents: [send({ type: 'input', data: modal.readings[index]!.gtin, source: 'keyboard' })] };
  switch (view?.screen) {
    case 'menu': {
      const item = MENU_ITEMS[index]!;
      return { ui, intents: [send(item === 'sign-out' ? { type: 'sign-out' } : { type: 'menu', choice: item })] };
    }
    case 'pick-orders':
      return { ui, intents: [send({ type: 'open-order', orderId: view.orders[index]!.id })] };
    case 'pack-orders':
      return { ui, intents: [send({ type: 'open-pack-order', orderId: view.orders[index]!.id })] };
    case 'receive-list':
      return { ui, intents: [send({ type: 'open-receipt', ref: view.receipts[index]!.number })] };
    case 'count-list':
      return { ui, intents: [send({ type: 'open-count', taskId: view.tasks[index]!.id })] };
    case 'pack':
      return { ui, intents: [send(view.phase === 'box' ? { type: 'box', code: view.boxes[index]!.code } : { type: 'carrier', carrier: view.carriers[index]! })] };
    default:
      return { ui, intents: [] };
  }
}

/** `N` adds N units to what is scanned; `=N` sets the total (quantity prompt). */
export function parseQuantity(typed: string): { quantity: number; mode: 'add' | 'set' } | null {
  const set = typed.startsWith('=');
  const digits = set ? typed.slice(1).trim() : typed;
  return QUANTITY.test(digits) ? { quantity: Number(digits), mode: set ? 'set' : 'add' } : null;
}

type OverrideModal = Extract<Modal, { kind: 'override' }>;

/**
 * The approval's typed steps. The code goes to the agent first (`check-supervisor`): the PIN is
 * asked only once it answers that the code is a supervisor's, not locked. A PIN that is not 4 to
 * 12 digits, or a note that is empty, too long or holds control characters, is refused here, and
 * the prompt stays open.
 */
function submitOverride(ui: UiState, modal: OverrideModal, value: string, source: InputSource): UiResult {
  const cleared = { ...ui, field: '' };
  switch (modal.step) {
    case 'supervisor':
      // a badge scanned on a wedge says so: the agent reads one that matches nothing through the keyboard layouts
      return { ui: withModal(ui, { ...modal, step: 'checking', supervisor: value, supervisorSource: source }), intents: [send({ type: 'check-supervisor', supervisor: value, source })] };
    case 'pin': {
      const problem = pinProblem(value);
      return problem ? { ui: cleared, intents: [error(problem.code)] } : { ui: withModal(ui, { ...modal, step: 'reason', pin: value }), intents: [] };
    }
    case 'note': {
      const problem = noteProblem(value);
      if (problem || !modal.reason) return { ui: cleared, intents: [error(problem?.code ?? 'APPROVAL_NOTE_REQUIRED')] };
      return { ui: withModal(ui, null), intents: [send({ type: 'override', supervisor: modal.supervisor, pin: modal.pin, reason: modal.reason, note: value.trim() })] };
    }
    case 'checking':
      // the PIN typed ahead waits for the answer; Enter asks again (as the code came), in case the answer was lost
      return { ui, intents: [send({ type: 'check-supervisor', supervisor: modal.supervisor, ...(modal.supervisorSource && { source: modal.supervisorSource }) })] };
    default:
      // choosing from the list: Enter on text does nothing
      return { ui: cleared, intents: [] };
  }
}

/**
 * The agent answered the code being checked: a supervisor's goes on to the PIN (with the code the
 * agent knows, when a badge was scanned; a PIN typed ahead stays typed); anything else (not a
 * supervisor, locked, not sent) goes back to the code, the answer on the feedback line, and what
 * was typed ahead is dropped.
 */
function answer(ui: UiState, feedback: Extract<UiCommand, { name: 'answer' }>['feedback']): UiResult {
  const modal = ui.modal;
  // the supervisor let the weight be typed: the prompt for it opens, as `/` would
  if (feedback.code === 'PACK_TYPED_WEIGHT_APPROVED' && !modal) return { ui: withModal(ui, { kind: 'typed-weight' }), intents: [] };
  // a code with two known readings: the operator chooses which item it is
  if (feedback.code === 'SCAN_AMBIGUOUS' && feedback.readings?.length && (!modal || modal.kind === 'reading')) return { ui: withModal(ui, { kind: 'reading', data: String(feedback.params?.data ?? ''), readings: feedback.readings }), intents: [] };
  if (modal?.kind !== 'override' || modal.step !== 'checking') return { ui, intents: [] };
  if (feedback.code === 'SUPERVISOR_OK') return { ui: { ...ui, modal: { ...modal, step: 'pin', supervisor: String(feedback.params?.supervisor ?? modal.supervisor) } }, intents: [] };
  if (feedback.level !== 'error') return { ui, intents: [] };
  return { ui: withModal(ui, { ...modal, step: 'supervisor', supervisor: '' }), intents: [] };
}

/** Enter on something typed: a scan, or the value a prompt asked for. */
function submit(ui: UiState, view: View, source: InputSource): UiResult {
  const value = ui.field.trim();
  const cleared = { ...ui, field: '' };
  const modal = ui.modal;
  // a prompt left empty says what it waits for rather than nothing (the code being checked: ask again)
  if (modal?.kind === 'override' && modal.step === 'checking') return submitOverride(ui, modal, value, source);
  if (!value) return { ui: cleared, intents: modal ? [error('ENTRY_REQUIRED')] : [] };
  // a scanner burst is a scan wherever it lands: it never becomes a quantity, a code or a PIN
  // (a lot may be scanned from its own barcode: the agent tells a product's GS1 label from a lot).
  // The weight prompt takes it as typed: a weight needs its unit, which no barcode has, so a scan
  // is "not a weight" there, and a fast typist's `450 g` is the weight it says
  if (source !== 'keyboard' && modal && modal.kind !== 'override' && modal.kind !== 'lot' && modal.kind !== 'typed-weight') return { ui: withModal(ui, null), intents: [send({ type: 'input', data: value, source })] };
  switch (modal?.kind) {
    case 'quantity': {
      const parsed = parseQuantity(value);
      if (!parsed) return { ui: cleared, intents: [error('INVALID_QUANTITY')] };
      return { ui: withModal(ui, null), intents: [send({ type: 'quantity', ...parsed })] };
    }
    case 'override':
      return submitOverride(ui, modal, value, source);
    case 'damaged':
      if (!QUANTITY.test(value)) return { ui: cleared, intents: [error('INVALID_QUANTITY')] };
      return { ui: withModal(ui, { kind: 'damaged', step: 'reason', quantity: Number(value) }), intents: [] };
    case 'replenish':
      if (!QUANTITY.test(value)) return { ui: cleared, intents: [error('INVALID_QUANTITY')] };
      return { ui: withModal(ui, null), intents: [send({ type: 'replenish', quantity: Number(value), note: '' })] };
    case 'typed-weight': {
      // refused here with the agent's own rule, so a slip never reaches the agent; it checks again
      const parsed = parseTypedWeight(value);
      if (!parsed.ok) return { ui: cleared, intents: [error(parsed.error.code, parsed.error.params)] };
      return { ui: withModal(ui, null), intents: [send({ type: 'manual-weight', typed: value })] };
    }
    case 'lot':
      // typed or scanned: the agent checks the lot (its characters, its length, the bin's lots) and says why not;
      // where it came from lets the agent read a wedge burst again through the keyboard layouts
      return { ui: withModal(ui, null), intents: [send({ type: 'lot', lot: value, source })] };
    default:
      break;
  }
  if (pickingLineOf(view)?.emptyCheck) {
    // what is left in a bin the books say is empty: a number, typed
    if (!QUANTITY.test(value)) return { ui: cleared, intents: [error('INVALID_QUANTITY')] };
    return { ui: cleared, intents: [send({ type: 'empty-check', remaining: Number(value) })] };
  }
  return { ui: cleared, intents: [send({ type: 'input', data: value, source })] };
}

/**
 * The terminal's keys as a pure function: the state after a command and what to do about it.
 * Commands reach it only through the binding tables (bindings.ts), so every key a screen takes is
 * one its table declares.
 */
export function reduceUi(ui: UiState, view: View, command: UiCommand): UiResult {
  const none: UiResult = { ui, intents: [] };
  const modal = ui.modal;
  switch (command.name) {
    case 'type':
      // typing over the help screen closes it: a scan is never held up by a help page
      return { ui: { ...ui, field: ui.field + command.text, modal: modal?.kind === 'help' ? modal.under : modal }, intents: [] };
    case 'erase':
      return { ui: { ...ui, field: ui.field.slice(0, -1) }, intents: [] };
    case 'clear':
      return { ui: { ...ui, field: '' }, intents: [] };
    case 'submit':
      return submit(ui, view, command.source);
    case 'quit':
      return { ui, intents: [{ kind: 'exit' }] };
    case 'help':
      return { ui: { ...ui, modal: { kind: 'help', under: modal } }, intents: [] };
    case 'close-help':
      return { ui: { ...ui, modal: modal?.kind === 'help' ? modal.under : null }, intents: [] };
    case 'cancel':
      return { ui: withModal(ui, null), intents: [] };
    case 'confirm':
      return modal?.kind === 'confirm' ? { ui: withModal(ui, null), intents: [send(modal.confirmation.intent)] } : none;
    case 'up':
    case 'down':
      return { ui: { ...ui, selected: moveSelection(ui.selected, command.name === 'up' ? -1 : 1, choicesOf(ui, view).length) }, intents: [] };
    case 'choose':
      return ui.selected < choicesOf(ui, view).length ? choose(ui, view, ui.selected) : none;
    case 'choose-number': {
      const index = choiceOfNumber(ui, view, command.number);
      return index === null ? none : choose({ ...ui, selected: index }, view, index);
    }
    case 'back':
      return { ui, intents: [send({ type: 'back' })] };
    case 'next':
      return { ui, intents: [send({ type: 'finish' })] };
    case 'quantity':
      return { ui: withModal(ui, { kind: 'quantity' }), intents: [] };
    case 'undo':
      return { ui, intents: [send({ type: 'undo' })] };
    case 'short':
      return { ui: withModal(ui, { kind: 'short' }), intents: [] };
    case 'postpone':
      return { ui, intents: [send({ type: 'postpone' })] };
    case 'replenish':
      return { ui: withModal(ui, { kind: 'replenish' }), intents: [] };
    case 'lot':
      return { ui: withModal(ui, { kind: 'lot' }), intents: [] };
    case 'bin-empty':
      return { ui, intents: [send({ type: 'empty-check', remaining: 0 })] };
    case 'close-box':
      return view?.screen === 'pack' ? confirmOrSend(ui, closeBoxConfirmation(view), { type: 'close-box' }) : none;
    case 'zero':
    case 'tare':
      return { ui, intents: [{ kind: 'scale', command: command.name }] };
    case 'reprint':
      return { ui, intents: [{ kind: 'reprint' }] };
    case 'recheck':
      return { ui, intents: [send({ type: 'recheck' })] };
    case 'reweigh':
      return { ui, intents: [send({ type: 'reweigh' })] };
    case 'override': {
      const approval = approvalKindOf(view);
      return approval ? { ui: withModal(ui, { kind: 'override', approval, step: 'supervisor', supervisor: '', pin: '', reason: null }), intents: [] } : none;
    }
    case 'answer':
      return answer(ui, command.feedback);
    case 'type-weight':
      return { ui: withModal(ui, { kind: 'typed-weight' }), intents: [] };
    case 'blind-receipt':
      return { ui, intents: [send({ type: 'blind-receipt' })] };
    case 'free-count':
      return { ui, intents: [send({ type: 'open-count', taskId: null })] };
    case 'close':
      if (view?.screen === 'receive') return confirmOrSend(ui, closeReceiptConfirmation(view), { type: 'close' });
      if (view?.screen === 'count') return confirmOrSend(ui, closeCountConfirmation(view), { type: 'close' });
      return none;
    case 'damaged':
      return { ui: withModal(ui, { kind: 'damaged', step: 'quantity', quantity: 0 }), intents: [] };
    case 'confirm-line':
      return { ui, intents: [send({ type: 'confirm-line' })] };
    case 'adhoc-count':
      return { ui, intents: [send({ type: 'adhoc-count' })] };
  }
}

/**
 * The question the agent's view asks by itself, with what identifies it: a put-away into a bin
 * other than the one suggested, waiting for the operator's yes. Yes scans the bin again (that is
 * the confirmation the agent waits for); Esc leaves the bin unconfirmed, and the screen says how
 * to confirm later or scan another bin.
 */
export function viewQuestion(view: View): { id: string; confirmation: Confirmation } | null {
  if (view?.screen !== 'receive' || view.hold?.check !== 'confirm' || !view.pending) return null;
  const { location } = view.hold;
  const { productCode: product, quantity, suggested } = view.pending;
  return {
    id: `${location}|${product}|${quantity}`,
    confirmation: { message: 'confirm.otherBin', params: { location, suggested: suggested ?? '', product, quantity }, intent: { type: 'input', data: location, source: 'keyboard' } },
  };
}
