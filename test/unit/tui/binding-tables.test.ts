import { describe, expect, it } from 'vitest';
import type { StationView } from '../../../src/protocol/local-api.js';
import { GLOBAL_BINDINGS, MODAL_BINDINGS, SCREEN_BINDINGS, activeBindings, modalContext, screenContext, type Binding, type ModalContext } from '../../../src/tui/input/bindings.js';
import { dispatchKey, type InputTiming } from '../../../src/tui/input/dispatch-key.js';
import type { KeyCommand } from '../../../src/tui/input/key-commands.js';
import { INITIAL_UI, type Modal, type UiState } from '../../../src/tui/input/ui-state.js';
import { SAMPLE_VIEWS, countView, lookupView, packView, pickView, receiveView } from '../../helpers/station-view-samples.js';

const keyboard: InputTiming = { typed: () => undefined, submitted: () => 'keyboard' };

/** The terminal key that a binding's key name stands for. */
function press(key: string): KeyCommand {
  if (key === 'enter') return { kind: 'text', text: '', submit: true };
  if (key === 'digit') return { kind: 'text', text: '1', submit: false };
  if (['up', 'down', 'esc', 'tab', 'backspace', 'quit'].includes(key)) return { kind: 'key', key: key as 'up' };
  return { kind: 'text', text: key, submit: false };
}

/** A state where the binding applies: something typed when it needs it, a row below the top for ↑. */
function stateFor(binding: Binding, modal: Modal | null): UiState {
  return { ...INITIAL_UI, modal, field: binding.field === 'typed' ? 'X' : '', selected: binding.command === 'up' ? 1 : 0 };
}

/** Every binding in force does something: changes the terminal's state or asks something of the agent. */
function expectEveryBindingHandled(view: StationView, modal: Modal | null, table: readonly Binding[]) {
  for (const binding of [...table, ...GLOBAL_BINDINGS]) {
    const ui = stateFor(binding, modal);
    if (binding.when && !binding.when({ ui, view })) continue;
    if (!activeBindings({ ui, view }).includes(binding)) continue;
    const result = dispatchKey(ui, view, press(binding.key), keyboard);
    expect({ key: binding.key, command: binding.command, changed: result.ui !== ui && JSON.stringify(result.ui) !== JSON.stringify(ui), intents: result.intents.length > 0 }).toMatchObject({ key: binding.key, command: binding.command });
    expect(JSON.stringify(result.ui) !== JSON.stringify(ui) || result.intents.length > 0, `${binding.key} → ${binding.command} did nothing`).toBe(true);
  }
}

const PRINTABLE = Array.from({ length: 126 - 33 + 1 }, (_, i) => String.fromCharCode(33 + i));

/** A character no binding in force declares is typed into the field, and does nothing else. */
function expectUndeclaredKeysOnlyType(view: StationView, modal: Modal | null) {
  const ui: UiState = { ...INITIAL_UI, modal };
  const declared = activeBindings({ ui, view });
  for (const char of PRINTABLE) {
    if (declared.some((b) => b.key === char || (b.key === 'digit' && /[1-9]/.test(char)))) continue;
    const result = dispatchKey(ui, view, press(char), keyboard);
    expect(result.intents, `undeclared ${char}`).toEqual([]);
    expect(result.ui.field, `undeclared ${char}`).toBe(char);
    expect(result.ui.modal, `undeclared ${char}`).toEqual(modal?.kind === 'help' ? modal.under : modal);
  }
}

describe('every screen declares the keys it takes, and takes the keys it declares', () => {
  for (const [context, view] of Object.entries(SAMPLE_VIEWS)) {
    it(context, () => {
      expect(screenContext(view)).toBe(context);
      expectEveryBindingHandled(view, null, SCREEN_BINDINGS[screenContext(view)]);
      expectUndeclaredKeysOnlyType(view, null);
    });
  }
});

describe('a lot-tracked pick line declares and takes its lot keys', () => {
  const inBin = [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }];
  it.each([
    ['lot to give', pickView({ lots: { inBin, current: null, refused: null } }), ['/']],
    ['lot refused', pickView({ lots: { inBin, current: null, refused: 'LX-9' } }), ['/', '#']],
  ])('%s', (_name, view, keys) => {
    const offered = activeBindings({ ui: INITIAL_UI, view }).map((b) => b.key);
    for (const key of keys) expect(offered).toContain(key);
    expectEveryBindingHandled(view, null, SCREEN_BINDINGS.pick);
    expectUndeclaredKeysOnlyType(view, null);
  });
  it('offers no lot key on a line without lots', () => {
    expect(activeBindings({ ui: INITIAL_UI, view: pickView() }).map((b) => b.key)).not.toContain('/');
  });
});

const MODALS: Record<ModalContext, { modal: Modal; view: StationView }> = {
  help: { modal: { kind: 'help', under: null }, view: pickView() },
  confirm: { modal: { kind: 'confirm', confirmation: { message: 'confirm.short', params: { n: 4, product: 'P-100', reason: 'not-found' }, intent: { type: 'short', reason: 'not-found' } } }, view: pickView() },
  quantity: { modal: { kind: 'quantity' }, view: pickView() },
  short: { modal: { kind: 'short' }, view: pickView() },
  'override-code': { modal: { kind: 'override', approval: 'weight', step: 'pin', supervisor: 'SUP1', pin: '', reason: null }, view: packView({ phase: 'failed' }) },
  'override-checking': { modal: { kind: 'override', approval: 'weight', step: 'checking', supervisor: 'SUP1', pin: '', reason: null }, view: packView({ phase: 'failed' }) },
  'override-reason': { modal: { kind: 'override', approval: 'weight', step: 'reason', supervisor: 'SUP1', pin: '1234', reason: null }, view: packView({ phase: 'failed' }) },
  'damaged-quantity': { modal: { kind: 'damaged', step: 'quantity', quantity: 0 }, view: receiveView() },
  'damaged-reason': { modal: { kind: 'damaged', step: 'reason', quantity: 2 }, view: receiveView() },
  replenish: { modal: { kind: 'replenish' }, view: lookupView() },
  'typed-weight': { modal: { kind: 'typed-weight' }, view: packView({ phase: 'weigh', typedWeight: 'yes' }) },
  lot: { modal: { kind: 'lot' }, view: pickView({ lots: { inBin: [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }], current: null, refused: null } }) },
  reading: {
    modal: { kind: 'reading', data: '00079198', readings: [{ reading: 'EAN-8', gtin: '00000000079198', productCode: 'P-8', productName: 'Gomme', multiple: 1 }, { reading: 'UPC-E', gtin: '00000791000098', productCode: 'P-E', productName: 'Crayon', multiple: 1 }] },
    view: pickView(),
  },
};

describe('every modal declares the keys it takes, and takes the keys it declares', () => {
  for (const [context, { modal, view }] of Object.entries(MODALS)) {
    it(context, () => {
      expect(modalContext(modal)).toBe(context);
      expectEveryBindingHandled(view, modal, MODAL_BINDINGS[context as ModalContext]);
      expectUndeclaredKeysOnlyType(view, modal);
    });
  }
});

describe('keys a screen takes only while the agent waits for them', () => {
  const waiting: Record<string, StationView> = {
    'receive, units held for a supervisor (#)': receiveView({ hold: { location: 'C-04-10-3', check: 'over-receipt' } }),
    'receive, a bin elsewhere held for a supervisor (#)': receiveView({ hold: { location: 'B-01-01-1', check: 'putaway' } }),
    'count, a bin refused offered ad hoc (+)': countView({ offer: 'C-04-10-3' }),
  };
  for (const [name, view] of Object.entries(waiting)) {
    it(name, () => {
      expectEveryBindingHandled(view, null, SCREEN_BINDINGS[screenContext(view)]);
      expectUndeclaredKeysOnlyType(view, null);
    });
  }

  it('# is not a key while nothing waits for a supervisor, + not while no bin is offered', () => {
    expect(activeBindings({ ui: INITIAL_UI, view: receiveView({ hold: { location: 'C-04-10-3', check: 'confirm' } }) }).some((b) => b.key === '#')).toBe(false);
    expect(activeBindings({ ui: INITIAL_UI, view: receiveView() }).some((b) => b.key === '#')).toBe(false);
    expect(activeBindings({ ui: INITIAL_UI, view: countView() }).some((b) => b.key === '+')).toBe(false);
  });
});

describe('the approval modal', () => {
  const failed = packView({ phase: 'failed' });
  const at = (step: 'supervisor' | 'checking' | 'pin' | 'reason' | 'note'): Modal => ({ kind: 'override', approval: 'weight', step, supervisor: step === 'supervisor' ? '' : 'SUP1', pin: step === 'reason' || step === 'note' ? '1234' : '', reason: step === 'note' ? 'other' : null });
  it('the reason list offers the digits its kind has: 1-4 for a weight, 1-3 for a lot', () => {
    const digits = (modal: Modal) => activeBindings({ ui: { ...INITIAL_UI, modal }, view: failed }).filter((b) => b.key === 'digit').map((b) => b.label);
    expect(digits(at('reason'))).toEqual(['1-4']);
    expect(digits({ ...(at('reason') as Extract<Modal, { kind: 'override' }>), approval: 'lot' })).toEqual(['1-3']);
  });
  it('every step is a context whose table the keys follow: typed text at the code, PIN and note; while the code is checked, Enter asks again and Esc cancels', () => {
    expect((['supervisor', 'checking', 'pin', 'reason', 'note'] as const).map((step) => modalContext(at(step)))).toEqual(['override-code', 'override-checking', 'override-code', 'override-reason', 'override-code']);
    for (const step of ['supervisor', 'pin', 'note'] as const) {
      expectEveryBindingHandled(failed, at(step), MODAL_BINDINGS['override-code']);
      expectUndeclaredKeysOnlyType(failed, at(step));
    }
    expect(MODAL_BINDINGS['override-checking'].map((b) => b.command)).toEqual(['submit', 'cancel']);
  });
});

describe('binding tables', () => {
  it('give every key once per table, so no binding hides another of its own table', () => {
    for (const table of [...Object.values(SCREEN_BINDINGS), ...Object.values(MODAL_BINDINGS), GLOBAL_BINDINGS]) {
      const keys = table.filter((b) => !b.when && (b.field ?? 'empty') !== 'typed').map((b) => `${b.key}|${b.field ?? 'empty'}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
