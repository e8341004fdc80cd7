import { APPROVAL_REASONS } from '../../domain/approval.js';
import { DAMAGE_REASONS, SHORT_REASONS } from '../../domain/events.js';
import type { StationView } from '../../protocol/local-api.js';
import { approvalKindOf } from './approval-kind.js';
import { MENU_ITEMS } from './choice.js';
import { pickingLineOf } from './picking-line.js';
import type { MessageKey } from '../i18n/messages-fr.js';
import type { Translate } from '../i18n/translate.js';
import type { Modal, UiState } from './ui-state.js';

/**
 * A key as bindings name it: a printable character, `digit` (1–9 within a list's length), or a
 * named key. Ctrl+C is `quit` so that leaving is a binding like any other.
 */
export type KeyName = 'enter' | 'esc' | 'tab' | 'up' | 'down' | 'backspace' | 'quit' | 'digit' | (string & {});

export type CommandName =
  | 'help' | 'close-help' | 'back' | 'submit' | 'clear' | 'erase' | 'quit'
  | 'up' | 'down' | 'choose' | 'choose-number'
  | 'quantity' | 'undo' | 'short' | 'postpone' | 'replenish' | 'bin-empty' | 'next' | 'lot'
  | 'close-box' | 'zero' | 'tare' | 'reprint' | 'recheck' | 'reweigh' | 'override' | 'type-weight'
  | 'blind-receipt' | 'free-count' | 'close' | 'damaged' | 'confirm-line' | 'adhoc-count'
  | 'confirm' | 'cancel';

export interface BindingState {
  ui: UiState;
  view: StationView | null;
}

/**
 * One key of one screen or modal: what it does and how the hint line and the help screen say it.
 * `field`: whether it applies when nothing is typed (default), only while something is typed, or
 * both. `when`: a binding that does nothing in the current state is not offered at all.
 */
export interface Binding {
  key: KeyName;
  command: CommandName;
  /** null: described by a neighbour (↓ by ↑). */
  hint: MessageKey | null;
  /** How the key is written in hints when not the key itself (`↑↓`, `1-6`). */
  label?: string | ((t: Translate) => string);
  /** The words (and key) the hint line falls back to on a narrow terminal. */
  short?: { hint: MessageKey; label?: string };
  /** Listed by the help screen only, never on the hint line (keys everyone knows, or that only matter while typing). */
  quiet?: true;
  field?: 'empty' | 'typed' | 'any';
  when?: (state: BindingState) => boolean;
}

export type ScreenContext =
  | 'connecting' | 'signin' | 'menu' | 'orders'
  | 'pick' | 'pick-empty' | 'pick-done'
  | 'batch-cart' | 'batch-totes' | 'batch-line' | 'batch-empty' | 'batch-put' | 'batch-done'
  | 'pack-verify' | 'pack-box' | 'pack-weigh' | 'pack-failed' | 'pack-carrier' | 'pack-tracking' | 'pack-done'
  | 'receive-list' | 'receive' | 'receive-done'
  | 'count-list' | 'count' | 'count-done'
  | 'lookup';

export type ModalContext = 'help' | 'confirm' | 'quantity' | 'short' | 'override-code' | 'override-checking' | 'override-reason' | 'damaged-quantity' | 'damaged-reason' | 'replenish' | 'typed-weight' | 'lot' | 'reading';

/** Which table a view's keys come from. */
export function screenContext(view: StationView | null): ScreenContext {
  if (!view) return 'connecting';
  switch (view.screen) {
    case 'pick-orders':
    case 'pack-orders':
      return 'orders';
    case 'pick':
      return view.emptyCheck ? 'pick-empty' : 'pick';
    case 'batch':
      if (view.phase === 'location' || view.phase === 'product') return 'batch-line';
      return view.phase === 'empty-check' ? 'batch-empty' : `batch-${view.phase}`;
    case 'pack':
      if (view.phase === 'carrier') return view.carrier ? 'pack-tracking' : 'pack-carrier';
      return `pack-${view.phase}`;
    case 'receive':
      return view.phase === 'done' ? 'receive-done' : 'receive';
    case 'count':
      return view.phase === 'done' ? 'count-done' : 'count';
    default:
      return view.screen;
  }
}

export function modalContext(modal: Modal): ModalContext {
  switch (modal.kind) {
    case 'override':
      return modal.step === 'reason' ? 'override-reason' : modal.step === 'checking' ? 'override-checking' : 'override-code';
    case 'damaged':
      return modal.step === 'reason' ? 'damaged-reason' : 'damaged-quantity';
    default:
      return modal.kind;
  }
}

const list = (openHint: MessageKey = 'hint.open'): Binding[] => [
  { key: 'up', command: 'up', hint: 'hint.choose', label: '↑↓' },
  { key: 'down', command: 'down', hint: null },
  { key: 'enter', command: 'choose', hint: openHint },
];
const numberedList = (count: number): Binding[] => [...list('hint.select'), { key: 'digit', command: 'choose-number', hint: 'hint.chooseNumber', label: `1-${count}` }];

const undoable = ({ view }: BindingState) => Boolean(pickingLineOf(view)?.undo ?? ((view?.screen === 'receive' || view?.screen === 'count') && view.undo));
const pending = ({ view }: BindingState) => (view?.screen === 'receive' || view?.screen === 'count') && view.pending !== null;
/** Whether the agent takes a typed weight at this station now (no scale, or its scale offline and the site lets the packer). */
const typedWeight = ({ view }: BindingState) => view?.screen === 'pack' && view.typedWeight === 'yes';
/** Zero and tare only where a scale is what weighs. */
const scaleKeys: Binding[] = [
  { key: '+', command: 'zero', hint: 'hint.zero', when: (state) => !typedWeight(state) },
  { key: '=', command: 'tare', hint: 'hint.tare', when: (state) => !typedWeight(state) },
  { key: '/', command: 'type-weight', hint: 'hint.typeWeight', short: { hint: 'hint.typeWeight.short' }, when: typedWeight },
];
const next: Binding = { key: 'enter', command: 'next', hint: 'hint.next' };
const reprint: Binding = { key: '@', command: 'reprint', hint: 'hint.reprint' };
/** Receive and count: typed quantity, undo, close. */
const stockKeys = (middle: Binding[]): Binding[] => [
  { key: 'tab', command: 'quantity', hint: 'hint.quantity', when: pending },
  { key: '-', command: 'undo', hint: 'hint.undo', when: undoable },
  ...middle,
  { key: '*', command: 'close', hint: 'hint.close' },
];
const cancel: Binding = { key: 'esc', command: 'cancel', hint: 'hint.cancel', field: 'any' };
const submitAny: Binding = { key: 'enter', command: 'submit', hint: 'hint.submit', field: 'any', short: { hint: 'hint.submit.short' } };

/**
 * A pick line's keys, the same for one order (`pick`) and for a cart of them (`batch-line`): the
 * quantity, undo, short, postpone, replenish after a short, the lot and its approval.
 */
const pickLineKeys: Binding[] = [
  // a typed quantity counts units of a product already identified by a scan
  { key: 'tab', command: 'quantity', hint: 'hint.quantity', when: ({ view }) => { const p = pickingLineOf(view); return p?.phase === 'product' && p.line.picked > 0; } },
  { key: '-', command: 'undo', hint: 'hint.undo', when: undoable },
  { key: '!', command: 'short', hint: 'hint.short' },
  { key: '>', command: 'postpone', hint: 'hint.postpone', when: ({ view }) => { const p = pickingLineOf(view); return p !== null && p.progress.total - p.progress.settled > 1; } },
  { key: '+', command: 'replenish', hint: 'hint.replenish', when: ({ view }) => Boolean(pickingLineOf(view)?.lastShort) },
  // a lot-tracked line: type the lot (when the label has no GS1 code), or have a refused lot approved
  { key: '/', command: 'lot', hint: 'hint.lot', when: ({ view }) => { const p = pickingLineOf(view); return p?.phase === 'product' && p.lots !== null; } },
  { key: '#', command: 'override', hint: 'hint.override', short: { hint: 'hint.override.short' }, when: ({ view }) => Boolean(pickingLineOf(view)?.lots?.refused) },
];
const binEmpty: Binding[] = [{ key: 'enter', command: 'bin-empty', hint: 'hint.binEmpty' }];

/** Each screen's own keys, in the order the hint line offers them. */
export const SCREEN_BINDINGS: Record<ScreenContext, readonly Binding[]> = {
  connecting: [],
  signin: [],
  menu: numberedList(MENU_ITEMS.length),
  orders: list(),
  pick: pickLineKeys,
  'pick-empty': binEmpty,
  'pick-done': [next],
  // a cart: its code and the totes are scans; a tote an open order holds may be freed by a supervisor
  'batch-cart': [],
  'batch-totes': [{ key: '#', command: 'override', hint: 'hint.override', short: { hint: 'hint.override.short' }, when: ({ view }) => view?.screen === 'batch' && view.toteRefused !== null }],
  'batch-line': pickLineKeys,
  'batch-empty': binEmpty,
  // the units are in hand: only the tote's scan goes on (a short just recorded may still be replenished)
  'batch-put': [{ key: '+', command: 'replenish', hint: 'hint.replenish', when: ({ view }) => view?.screen === 'batch' && view.lastShort !== null }],
  'batch-done': [{ key: 'enter', command: 'next', hint: 'hint.finishBatch' }],
  'pack-verify': [{ key: '*', command: 'close-box', hint: 'hint.closeBox' }],
  'pack-box': list('hint.select'),
  'pack-weigh': [
    ...scaleKeys,
    // the scale offline, and the site wants a supervisor to let the weight be typed
    { key: '/', command: 'override', hint: 'hint.typeWeightApproval', short: { hint: 'hint.typeWeight.short' }, when: ({ view }) => view?.screen === 'pack' && view.typedWeight === 'supervisor' },
  ],
  'pack-failed': [
    { key: '1', command: 'recheck', hint: 'hint.recheck', short: { hint: 'hint.recheck.short' } },
    { key: '2', command: 'reweigh', hint: 'hint.reweigh', short: { hint: 'hint.reweigh.short' } },
    { key: '3', command: 'override', hint: 'hint.override', short: { hint: 'hint.override.short' } },
    ...scaleKeys,
  ],
  'pack-carrier': [...list('hint.select'), reprint],
  'pack-tracking': [reprint],
  'pack-done': [next, reprint],
  'receive-list': [...list(), { key: '*', command: 'blind-receipt', hint: 'hint.blindReceipt' }],
  receive: stockKeys([
    { key: '!', command: 'damaged', hint: 'hint.damaged', when: pending },
    // not a digit: receiving is all scans, and barcodes start with digits
    { key: '#', command: 'override', hint: 'hint.approve', short: { hint: 'hint.approve.short' }, when: ({ view }) => approvalKindOf(view) !== null },
  ]),
  'receive-done': [next],
  'count-list': [...list(), { key: '*', command: 'free-count', hint: 'hint.freeCount' }],
  count: [
    { key: 'enter', command: 'confirm-line', hint: 'hint.confirmLine', when: pending },
    ...stockKeys([{ key: '+', command: 'adhoc-count', hint: 'hint.adhocCount', short: { hint: 'hint.adhocCount.short' }, when: ({ view }) => view?.screen === 'count' && view.offer !== null }]),
  ],
  'count-done': [next],
  lookup: [{ key: '+', command: 'replenish', hint: 'hint.replenish', when: ({ view }) => view?.screen === 'lookup' && view.target?.kind === 'product' }],
};

const reasonList = (count: number): Binding[] => [...numberedList(count), cancel];

/** An approval's reasons: the digits go as far as its kind has reasons (`1-3`, `1-4`). */
function approvalReasonList(): Binding[] {
  const counts = [...new Set(Object.values(APPROVAL_REASONS).map((reasons) => reasons.length))];
  const digits = counts.map(
    (count): Binding => ({ ...numberedList(count).at(-1)!, when: ({ ui }) => ui.modal?.kind === 'override' && APPROVAL_REASONS[ui.modal.approval].length === count }),
  );
  return [...list('hint.select'), ...digits, cancel];
}

/** The keys of what is open over the screen; while a modal is open the screen's keys are asleep. */
export const MODAL_BINDINGS: Record<ModalContext, readonly Binding[]> = {
  help: [
    { key: 'esc', command: 'close-help', hint: 'hint.closeHelp', field: 'any' },
    { key: '?', command: 'close-help', hint: null },
    { key: 'enter', command: 'close-help', hint: null },
  ],
  confirm: [
    { key: '*', command: 'confirm', hint: 'hint.confirm', label: (t) => `* ${t('key.or')} ${t('key.enter')}`, short: { hint: 'hint.confirm.short', label: '*' } },
    { key: 'enter', command: 'confirm', hint: null },
    cancel,
  ],
  quantity: [{ ...submitAny, hint: 'hint.add' }, { key: 'tab', command: 'cancel', hint: null, field: 'any' }, cancel],
  short: reasonList(SHORT_REASONS.length),
  /** The code, the PIN, the note for reason "other": typed, then Enter. */
  'override-code': [submitAny, cancel],
  /** While the agent checks the code: what is typed is the PIN, typed ahead; Enter asks again (an answer lost with the link), Esc. */
  'override-checking': [{ key: 'enter', command: 'submit', hint: null, field: 'any' }, cancel],
  'override-reason': approvalReasonList(),
  'damaged-quantity': [submitAny, cancel],
  'damaged-reason': reasonList(DAMAGE_REASONS.length),
  replenish: [submitAny, cancel],
  'typed-weight': [submitAny, cancel],
  lot: [submitAny, cancel],
  /** Two readings of one code (EAN-8, UPC-E), numbered. */
  reading: reasonList(2),
};

/** Keys every screen shares, taken last. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  { key: 'enter', command: 'submit', hint: 'hint.submit', field: 'typed', short: { hint: 'hint.submit.short' } },
  { key: 'esc', command: 'clear', hint: 'hint.clear', field: 'typed', short: { hint: 'hint.clear.short' } },
  { key: 'esc', command: 'back', hint: 'hint.back', when: ({ view }) => view !== null && view.screen !== 'signin' && view.screen !== 'menu' },
  { key: '?', command: 'help', hint: 'hint.help' },
  { key: 'backspace', command: 'erase', hint: 'hint.erase', label: '⌫', field: 'typed', quiet: true },
  { key: 'quit', command: 'quit', hint: 'hint.quit', label: 'Ctrl+C', field: 'any', quiet: true },
];

/** The tables in force, highest priority first: modal > screen > global. */
function activeTables(state: BindingState): readonly (readonly Binding[])[] {
  const modal = state.ui.modal;
  return modal ? [MODAL_BINDINGS[modalContext(modal)], GLOBAL_BINDINGS] : [SCREEN_BINDINGS[screenContext(state.view)], GLOBAL_BINDINGS];
}

const fieldAllows = (binding: Binding, typed: boolean) => {
  const field = binding.field ?? 'empty';
  return field === 'any' || (field === 'typed') === typed;
};

/** The bindings offered now, highest priority first, each key once. */
export function activeBindings(state: BindingState): Binding[] {
  const typed = state.ui.field.length > 0;
  const seen = new Set<string>();
  const out: Binding[] = [];
  for (const table of activeTables(state)) {
    for (const binding of table) {
      if (seen.has(binding.key) || !fieldAllows(binding, typed) || (binding.when && !binding.when(state))) continue;
      seen.add(binding.key);
      out.push(binding);
    }
  }
  return out;
}

const fieldOf = (binding: Binding) => binding.field ?? 'empty';

/**
 * Every binding of the current tables whose `when` holds, whatever is typed: what the help screen
 * lists. A binding a higher one hides (the same key, in the same typing state) is left out.
 */
export function helpBindings(state: BindingState): Binding[] {
  const out: Binding[] = [];
  for (const table of activeTables(state)) {
    for (const binding of table) {
      if (binding.hint === null || (binding.when && !binding.when(state))) continue;
      const hidden = out.some((b) => b.key === binding.key && (fieldOf(b) === 'any' || fieldOf(b) === fieldOf(binding)));
      if (!hidden) out.push(binding);
    }
  }
  return out;
}

/** The binding a key triggers now, if any. */
export function bindingFor(state: BindingState, key: KeyName, listLength: number): Binding | undefined {
  const digit = /^[1-9]$/.test(key) ? Number(key) : 0;
  return activeBindings(state).find((b) => b.key === key || (b.key === 'digit' && digit >= 1 && digit <= listLength));
}

const NAMED_KEYS: Partial<Record<KeyName, MessageKey>> = { enter: 'key.enter', esc: 'key.esc' };

/** How a binding's key is written for the operator, in their language. */
export function keyLabel(binding: Binding, t: Translate): string {
  if (typeof binding.label === 'function') return binding.label(t);
  if (binding.label) return binding.label;
  const named = NAMED_KEYS[binding.key];
  if (named) return t(named);
  return binding.key === 'tab' ? 'Tab' : binding.key;
}

/** How the key of a screen's command is written, for texts that name it (`Entrée = oui`): from the table, never typed twice. */
export function keyOf(context: ScreenContext, command: CommandName, t: Translate): string {
  const binding = SCREEN_BINDINGS[context].find((b) => b.command === command);
  if (!binding) throw new Error(`no key for ${command} on ${context}`);
  return keyLabel(binding, t);
}
