import { describe, expect, it } from 'vitest';
import type { KeyboardLayout } from '../../../src/domain/keyboard/keyboard-layouts.js';
import { dispatchKey, type InputTiming } from '../../../src/tui/input/dispatch-key.js';
import type { KeyCommand } from '../../../src/tui/input/key-commands.js';
import { INITIAL_UI } from '../../../src/tui/input/ui-state.js';
import { WedgeDetector } from '../../../src/tui/wedge-detector.js';
import type { StationView } from '../../../src/protocol/local-api.js';
import { SAMPLE_VIEWS, pickView } from '../../helpers/station-view-samples.js';

const timing: InputTiming = { typed: () => undefined, submitted: () => 'keyboard' };
const text = (t: string): KeyCommand => ({ kind: 'text', text: t, submit: false });
const press = (view: StationView, t: string, keyboard?: KeyboardLayout, field = '') => dispatchKey({ ...INITIAL_UI, field }, view, text(t), timing, keyboard);

// AZERTY digit row unshifted: & é " ' ( - è _ ç for 1..9 (shared/reference/devices.md §4.5)
describe('single-key choices on an AZERTY keyboard', () => {
  const menu = SAMPLE_VIEWS.menu;

  it('& and ( choose entries 1 and 5 of the menu with keyboard fr (and be)', () => {
    for (const keyboard of ['fr', 'be'] as const) {
      expect(press(menu, '&', keyboard)).toEqual(press(menu, '1'));
      expect(press(menu, '(', keyboard)).toEqual(press(menu, '5'));
    }
    expect(press(menu, '1').intents).toEqual([{ kind: 'send', intent: { type: 'menu', choice: 'pick' } }]);
    // the 7 key: batch picking, listed second but numbered 7
    expect(press(menu, 'è', 'fr').intents).toEqual([{ kind: 'send', intent: { type: 'menu', choice: 'batch' } }]);
  });

  it('& and é are recheck and reweigh on a failed weight check, as 1 and 2', () => {
    const failed = SAMPLE_VIEWS['pack-failed'];
    expect(press(failed, '&', 'fr')).toEqual(press(failed, '1'));
    expect(press(failed, 'é', 'fr')).toEqual(press(failed, '2'));
    expect(press(failed, '&', 'fr').intents).not.toEqual([]);
  });

  it('without an AZERTY keyboard, & is typed as it is', () => {
    expect(press(menu, '&').ui.field).toBe('&');
    expect(press(menu, '&', 'us').ui.field).toBe('&');
    expect(press(menu, '&', 'de').ui.field).toBe('&');
  });

  it("beyond the list's length the key is typed, and once something is typed every key is text", () => {
    // seven menu entries: ç (9) chooses nothing
    expect(press(menu, 'ç', 'fr').ui.field).toBe('ç');
    expect(press(menu, '&', 'fr', 'C').ui.field).toBe('C&');
  });

  it("a character a table binds keeps its own meaning: - is undo on the pick screen, not the 6 key", () => {
    const view = pickView();
    expect(press(view, '-', 'fr')).toEqual(press(view, '-'));
  });
});

describe('a badge read by a wedge is a scan', () => {
  it('5 characters within 30 ms of each other, Enter included, are a burst by default (B&àà&); 4 are not', () => {
    const detector = new WedgeDetector();
    detector.typed(5, 1000);
    expect(detector.submitted(1010)).toBe('wedge');
    detector.typed(4, 2000);
    expect(detector.submitted(2010)).toBe('keyboard');
  });
});
