import type { KeyboardLayout } from '../../domain/keyboard/keyboard-layouts.js';
import { meantThrough } from '../../domain/keyboard/wedge-remap.js';
import type { InputSource, StationView } from '../../protocol/local-api.js';
import { bindingFor, type KeyName } from './bindings.js';
import { choicesOf } from './choice.js';
import type { KeyCommand } from './key-commands.js';
import { reduceUi, type UiCommand, type UiIntent, type UiResult } from './reduce-ui.js';
import type { UiState } from './ui-state.js';

/** Where typed text and submits are told to the wedge detector, which alone knows the clock. */
export interface InputTiming {
  typed(characters: number): void;
  /** Keyboard, or a wedge scanner's burst: asked when something typed is submitted. */
  submitted(): InputSource;
}

/** The command a key triggers now through the binding tables (modal > screen > global), if any. */
function commandFor(ui: UiState, view: StationView | null, key: KeyName, timing: InputTiming): UiCommand | null {
  const binding = bindingFor({ ui, view }, key, choicesOf(ui, view).length);
  if (!binding) return null;
  if (binding.command === 'choose-number') return { name: 'choose-number', number: Number(key) };
  if (binding.command === 'submit') return { name: 'submit', source: timing.submitted() };
  return { name: binding.command };
}

/**
 * The digit a digit-row key bears when the keyboard gives something else unshifted (AZERTY: `&`
 * is the 1 key, `é` the 2 key): a person choosing an entry of a numbered list does not press Shift.
 */
function digitKeyOf(char: string, keyboard: KeyboardLayout | undefined): string | null {
  const meant = keyboard ? meantThrough(char, keyboard) : null;
  return meant !== null && meant !== char && /^[1-9]$/.test(meant) ? meant : null;
}

/**
 * One key (or a burst's text run) through the tables: a single character a table binds is a
 * command, and on an AZERTY keyboard a digit-row key pressed alone is the digit it bears when a
 * table binds that digit and not the character; any other text is typed into the field, which is
 * how scans arrive.
 */
export function dispatchKey(ui: UiState, view: StationView | null, input: KeyCommand, timing: InputTiming, keyboard?: KeyboardLayout): UiResult {
  let state = ui;
  const intents: UiIntent[] = [];
  const apply = (command: UiCommand | null) => {
    if (!command) return;
    const result = reduceUi(state, view, command);
    state = result.ui;
    intents.push(...result.intents);
  };
  if (input.kind === 'key') {
    apply(commandFor(state, view, input.key, timing));
    return { ui: state, intents };
  }
  if (input.text) {
    const digit = input.text.length === 1 ? digitKeyOf(input.text, keyboard) : null;
    const bound = input.text.length === 1 ? (commandFor(state, view, input.text, timing) ?? (digit ? commandFor(state, view, digit, timing) : null)) : null;
    if (bound) apply(bound);
    else {
      timing.typed(input.text.length);
      apply({ name: 'type', text: input.text });
    }
  }
  if (input.submit) apply(commandFor(state, view, 'enter', timing));
  return { ui: state, intents };
}
