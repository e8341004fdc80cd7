import { describe, expect, it } from 'vitest';
import { dispatchKey, type InputTiming } from '../../../src/tui/input/dispatch-key.js';
import type { KeyCommand } from '../../../src/tui/input/key-commands.js';
import { parseQuantity, reduceUi } from '../../../src/tui/input/reduce-ui.js';
import { INITIAL_UI, type UiState } from '../../../src/tui/input/ui-state.js';
import type { StationView } from '../../../src/protocol/local-api.js';
import { countView, packView, pickView, receiveView } from '../../helpers/station-view-samples.js';

const timing = (source: 'keyboard' | 'wedge' = 'keyboard'): InputTiming => ({ typed: () => undefined, submitted: () => source });
const text = (t: string, submit = false): KeyCommand => ({ kind: 'text', text: t, submit });
const key = (k: 'esc' | 'tab' | 'up' | 'down' | 'backspace'): KeyCommand => ({ kind: 'key', key: k });

/** Keys one after the other, each seeing the state the one before left. */
function keys(view: StationView, commands: KeyCommand[], ui: UiState = INITIAL_UI, source: 'keyboard' | 'wedge' = 'keyboard') {
  let state = ui;
  const intents = [];
  for (const command of commands) {
    const result = dispatchKey(state, view, command, timing(source));
    state = result.ui;
    intents.push(...result.intents);
  }
  return { ui: state, intents };
}

describe('modal > screen > global', () => {
  it('the quantity prompt takes the screen keys as text: ! is typed, not a short pick', () => {
    const { ui, intents } = keys(pickView(), [key('tab'), text('!')]);
    expect(ui.modal).toEqual({ kind: 'quantity' });
    expect(ui.field).toBe('!');
    expect(intents).toEqual([]);
  });

  it('the quantity prompt adds by default, =N sets the total, and refuses what is not a number', () => {
    expect(keys(pickView(), [key('tab'), text('3', true)]).intents).toEqual([{ kind: 'send', intent: { type: 'quantity', quantity: 3, mode: 'add' } }]);
    expect(keys(pickView(), [key('tab'), text('=5', true)]).intents).toEqual([{ kind: 'send', intent: { type: 'quantity', quantity: 5, mode: 'set' } }]);
    const bad = keys(pickView(), [key('tab'), text('2a', true)]);
    expect(bad.intents).toEqual([{ kind: 'error', code: 'INVALID_QUANTITY' }]);
    expect(bad.ui.modal).toEqual({ kind: 'quantity' });
  });

  it('a scanner burst in the quantity prompt is a scan, never a quantity', () => {
    const { ui, intents } = keys(pickView(), [key('tab'), text('3760000000017', true)], INITIAL_UI, 'wedge');
    expect(intents).toEqual([{ kind: 'send', intent: { type: 'input', data: '3760000000017', source: 'wedge' } }]);
    expect(ui.modal).toBeNull();
  });

  it('the lot prompt sends what is typed or scanned there as the lot, with its source (the agent tells a GS1 label from a lot); # asks for a lot approval only after a refusal', () => {
    const lots = { inBin: [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }], current: null, refused: null };
    for (const source of ['keyboard', 'wedge'] as const) {
      const { ui, intents } = keys(pickView({ lots }), [text('/'), text('L26140', true)], INITIAL_UI, source);
      // where it came from travels: the agent reads a wedge lot that matches nothing through the layouts
      expect(intents).toEqual([{ kind: 'send', intent: { type: 'lot', lot: 'L26140', source } }]);
      expect(ui.modal).toBeNull();
    }
    expect(keys(pickView({ lots }), [text('#')]).ui).toMatchObject({ field: '#', modal: null });
    expect(keys(pickView({ lots: { ...lots, refused: 'LX-9' } }), [text('#')]).ui.modal).toMatchObject({ kind: 'override', approval: 'lot', step: 'supervisor' });
  });

  it('Esc cancels a modal even with something typed; on a screen it first clears what is typed, then goes back', () => {
    expect(keys(pickView(), [key('tab'), text('12'), key('esc')]).ui).toEqual(INITIAL_UI);
    const typed = keys(pickView(), [text('A-0'), key('esc')]);
    expect(typed.ui.field).toBe('');
    expect(typed.intents).toEqual([]);
    expect(keys(pickView(), [key('esc')]).intents).toEqual([{ kind: 'send', intent: { type: 'back' } }]);
  });

  it('a short pick asks for its reason, then for confirmation, and only then is sent', () => {
    const chosen = keys(pickView(), [text('!'), text('3')]);
    expect(chosen.intents).toEqual([]);
    expect(chosen.ui.modal).toMatchObject({ kind: 'confirm', confirmation: { message: 'confirm.short', params: { n: 4, product: 'P-100', reason: 'not-found' } } });
    expect(keys(pickView(), [text('*')], chosen.ui).intents).toEqual([{ kind: 'send', intent: { type: 'short', reason: 'not-found' } }]);
    expect(keys(pickView(), [text('', true)], chosen.ui).intents).toEqual([{ kind: 'send', intent: { type: 'short', reason: 'not-found' } }]);
    expect(keys(pickView(), [key('esc')], chosen.ui)).toEqual({ ui: INITIAL_UI, intents: [] });
  });

  it('the confirmation puts the screen to sleep: > does not postpone under it', () => {
    const chosen = keys(pickView(), [text('!'), text('1')]);
    const { ui, intents } = keys(pickView(), [text('>')], chosen.ui);
    expect(intents).toEqual([]);
    expect(ui.modal?.kind).toBe('confirm');
  });

  it('closing a receipt with units missing asks first, stating them; a complete one closes at once', () => {
    const missing = keys(receiveView({ pending: null, phase: 'scan' }), [text('*')]);
    expect(missing.intents).toEqual([]);
    expect(missing.ui.modal).toMatchObject({ kind: 'confirm', confirmation: { message: 'confirm.closeReceipt', params: { n: 9, receipt: 'ACH-2001' } } });
    const complete = receiveView({ pending: null, phase: 'scan', lines: [{ productCode: 'P-1', productName: 'x', expected: 2, received: 1, damaged: 1, unexpected: false }] });
    expect(keys(complete, [text('*')]).intents).toEqual([{ kind: 'send', intent: { type: 'close' } }]);
  });

  it('closing a parcel with items not verified asks first; a verified one closes at once', () => {
    expect(keys(packView(), [text('*')]).ui.modal).toMatchObject({ kind: 'confirm', confirmation: { message: 'confirm.closeBox', params: { n: 1, parcel: 1, next: 2 } } });
    const verified = packView({ items: [{ productCode: 'P-1', productName: 'x', quantity: 1, ordered: 1, packed: 0, verified: 1 }] });
    expect(keys(verified, [text('*')]).intents).toEqual([{ kind: 'send', intent: { type: 'close-box' } }]);
  });

  it('closing a count with lines not counted asks first; with a product pending it is the agent that says to confirm it', () => {
    expect(keys(countView(), [text('*')]).intents).toEqual([{ kind: 'send', intent: { type: 'close' } }]);
    expect(keys(countView({ pending: null }), [text('*')]).ui.modal).toMatchObject({ confirmation: { message: 'confirm.closeCount', params: { n: 2 } } });
    expect(keys(countView({ pending: null, uncounted: 0 }), [text('*')]).intents).toEqual([{ kind: 'send', intent: { type: 'close' } }]);
  });

  it('help opened over a modal goes back to that modal', () => {
    const override = { ...INITIAL_UI, modal: { kind: 'override' as const, approval: 'weight' as const, step: 'pin' as const, supervisor: 'SUP1', pin: '', reason: null } };
    const help = keys(packView({ phase: 'failed' }), [text('?')], override);
    expect(help.ui.modal).toEqual({ kind: 'help', under: override.modal });
    expect(keys(packView({ phase: 'failed' }), [key('esc')], help.ui).ui.modal).toEqual(override.modal);
  });

  it('the override goes code (checked by the agent), PIN, reason, and sends once', () => {
    const failed = packView({ phase: 'failed' });
    const asked = keys(failed, [text('3'), text('SUP1', true)]);
    expect(asked.intents).toEqual([{ kind: 'send', intent: { type: 'check-supervisor', supervisor: 'SUP1', source: 'keyboard' } }]);
    expect(asked.ui.modal).toMatchObject({ kind: 'override', step: 'checking', supervisor: 'SUP1' });
    // a badge scanned on a wedge says so (the agent reads it through the keyboard layouts when it is no supervisor's)
    expect(keys(failed, [text('3'), text('Bçàà&', true)], INITIAL_UI, 'wedge').intents).toEqual([{ kind: 'send', intent: { type: 'check-supervisor', supervisor: 'Bçàà&', source: 'wedge' } }]);
    // the PIN typed while the agent checks waits; Enter asks the agent again
    const ahead = keys(failed, [text('1234', true)], asked.ui);
    expect(ahead.intents).toEqual([{ kind: 'send', intent: { type: 'check-supervisor', supervisor: 'SUP1', source: 'keyboard' } }]);
    // a wedge badge asked again is still a wedge's (the agent may read it through the layouts)
    const badge = keys(failed, [text('3'), text('Bçàà&', true)], INITIAL_UI, 'wedge');
    expect(keys(failed, [text('', true)], badge.ui).intents).toEqual([{ kind: 'send', intent: { type: 'check-supervisor', supervisor: 'Bçàà&', source: 'wedge' } }]);
    expect(ahead.ui.field).toBe('1234');
    const ok = reduceUi(ahead.ui, failed, { name: 'answer', feedback: { level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Chef' } } });
    expect(ok.ui.modal).toMatchObject({ step: 'pin' });
    expect(ok.ui.field).toBe('1234');
    const { intents } = keys(failed, [text('', true), text('2')], ok.ui);
    expect(intents).toEqual([{ kind: 'send', intent: { type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'packaging-variance' } }]);
  });

  it('a code that is not a supervisor\'s, or a locked one, goes back to the code: the PIN is never asked', () => {
    const failed = packView({ phase: 'failed' });
    const asked = keys(failed, [text('3'), text('OP01', true), text('1234')]);
    for (const code of ['SUPERVISOR_UNKNOWN', 'SUPERVISOR_LOCKED', 'NOT_SENT']) {
      const back = reduceUi(asked.ui, failed, { name: 'answer', feedback: { level: 'error', code, params: { supervisor: 'OP01', until: '21:45:00' } } });
      expect(back.ui.modal).toMatchObject({ kind: 'override', step: 'supervisor', supervisor: '' });
      // a PIN typed ahead never lands in the code field
      expect(back.ui.field).toBe('');
      expect(back.intents).toEqual([]);
    }
    // an answer that is not for a code being checked changes nothing
    const atPin = { ...asked.ui, modal: { ...(asked.ui.modal as Extract<UiState['modal'], { kind: 'override' }>), step: 'pin' as const } };
    expect(reduceUi(atPin, failed, { name: 'answer', feedback: { level: 'error', code: 'SUPERVISOR_UNKNOWN' } }).ui).toBe(atPin);
  });

  it('a typed weight approved opens the prompt for it, unless another prompt is open', () => {
    const weigh = packView({ phase: 'weigh', typedWeight: 'yes' });
    const approved = { level: 'ok' as const, code: 'PACK_TYPED_WEIGHT_APPROVED', params: { supervisor: 'SUP1' } };
    expect(reduceUi(INITIAL_UI, weigh, { name: 'answer', feedback: approved }).ui.modal).toEqual({ kind: 'typed-weight' });
    const helping = { ...INITIAL_UI, modal: { kind: 'help' as const, under: null } };
    expect(reduceUi(helping, weigh, { name: 'answer', feedback: approved }).ui).toBe(helping);
  });

  it('a badge scanned for the code goes on with the code the agent knows', () => {
    const failed = packView({ phase: 'failed' });
    const asked = keys(failed, [text('3'), text('B-SUP1', true)]);
    const ok = reduceUi(asked.ui, failed, { name: 'answer', feedback: { level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Chef' } } });
    expect(ok.ui.modal).toMatchObject({ step: 'pin', supervisor: 'SUP1' });
  });

  it('a PIN of letters or control characters is refused at the prompt, which stays open, and nothing is sent', () => {
    const failed = packView({ phase: 'failed' });
    const atPin: UiState = { ...INITIAL_UI, modal: { kind: 'override', approval: 'weight', step: 'pin', supervisor: 'SUP1', pin: '', reason: null } };
    for (const pin of ['abcd', '12a4', '12\u00074', '123', '1234567890123']) {
      const refused = keys(failed, [text(pin, true)], atPin);
      expect(refused.intents).toEqual([{ kind: 'error', code: 'APPROVAL_PIN_INVALID' }]);
      expect(refused.ui.modal).toEqual(atPin.modal);
      expect(refused.ui.field).toBe('');
    }
  });

  it('reason "other" asks for a note: required, 200 characters at most, no control characters; sent with the approval', () => {
    const failed = packView({ phase: 'failed' });
    const atReason: UiState = { ...INITIAL_UI, modal: { kind: 'override', approval: 'weight', step: 'reason', supervisor: 'SUP1', pin: '1234', reason: null } };
    const other = keys(failed, [text('4')], atReason);
    expect(other.intents).toEqual([]);
    expect(other.ui.modal).toMatchObject({ step: 'note', reason: 'other' });
    expect(keys(failed, [text('', true)], other.ui).intents).toEqual([{ kind: 'error', code: 'ENTRY_REQUIRED' }]);
    expect(keys(failed, [text('bo\u001bx', true)], other.ui).intents).toEqual([{ kind: 'error', code: 'APPROVAL_NOTE_INVALID' }]);
    const tooLong = keys(failed, [text('x'.repeat(201), true)], other.ui);
    expect(tooLong.intents).toEqual([{ kind: 'error', code: 'APPROVAL_NOTE_TOO_LONG' }]);
    expect(tooLong.ui.modal).toEqual(other.ui.modal);
    const sent = keys(failed, [text(' carton abîmé ', true)], other.ui);
    expect(sent.intents).toEqual([{ kind: 'send', intent: { type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'other', note: 'carton abîmé' } }]);
    expect(sent.ui.modal).toBeNull();
  });

  it('undo is sent as its own intent, and only where something can be undone', () => {
    expect(keys(pickView(), [text('-')]).intents).toEqual([{ kind: 'send', intent: { type: 'undo' } }]);
    const nothing = keys(pickView({ undo: null }), [text('-')]);
    expect(nothing.intents).toEqual([]);
    expect(nothing.ui.field).toBe('-');
  });

  it('typing over the help screen closes it, so a scan is never held up', () => {
    const help = keys(pickView(), [text('?')]);
    expect(keys(pickView(), [text('3760000000017', true)], help.ui, 'wedge')).toEqual({ ui: INITIAL_UI, intents: [{ kind: 'send', intent: { type: 'input', data: '3760000000017', source: 'wedge' } }] });
  });

  it('Ctrl+C leaves through its binding', () => {
    expect(dispatchKey(INITIAL_UI, null, { kind: 'key', key: 'quit' }, timing()).intents).toEqual([{ kind: 'exit' }]);
  });

  it('a prompt left empty says what it waits for', () => {
    expect(reduceUi({ ...INITIAL_UI, modal: { kind: 'replenish' } }, null, { name: 'submit', source: 'keyboard' }).intents).toEqual([{ kind: 'error', code: 'ENTRY_REQUIRED' }]);
  });
});

describe('quantity prompt', () => {
  it('reads N as more, =N as the total', () => {
    expect(parseQuantity('2')).toEqual({ quantity: 2, mode: 'add' });
    expect(parseQuantity('=12')).toEqual({ quantity: 12, mode: 'set' });
    expect(parseQuantity('= 12')).toEqual({ quantity: 12, mode: 'set' });
    expect(parseQuantity('1234567')).toBeNull();
    expect(parseQuantity('-1')).toBeNull();
  });
});
