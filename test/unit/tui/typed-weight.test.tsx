import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE } from '../../../src/tui/wedge-detector.js';
import { renderTui, type RenderedTui } from '../../helpers/render-tui.js';
import { packView } from '../../helpers/station-view-samples.js';
import { waitFor } from '../../helpers/wait-for.js';

/** The packer types by hand: each entry arrives at once here, but no entry is a scanner's burst. */
const PERSON = { ...DEFAULT_WEDGE, minLength: Number.MAX_SAFE_INTEGER };

let tui: RenderedTui | undefined;
afterEach(() => tui?.unmount());

/**
 * The typed-weight prompt, in the real App at a handheld's size and a desk's, in French and
 * English: what is not a weight in g or kg is refused on the spot, naming what was typed, and
 * nothing goes to the agent; a weight goes as typed (the agent checks it again).
 */
describe.each([
  { lang: 'fr' as const, columns: 40, rows: 16, prompt: 'Poids (g ou kg) ›', errors: ['« abc » n’est pas un poids', '« 850 » : donnez l’unité, g ou kg', '« -5 g » : le poids doit être entre 1 g et 100 kg', '« 250kg » : le poids doit être entre 1 g et 100 kg'] },
  { lang: 'en' as const, columns: 80, rows: 24, prompt: 'Weight (g or kg) ›', errors: ['“abc” is not a weight', '“850”: give the unit, g or kg', '“-5 g”: the weight must be between 1 g and 100 kg', '“250kg”: the weight must be between 1 g and 100 kg'] },
])('typing a parcel weight ($lang, $columns x $rows)', ({ lang, columns, rows, prompt, errors }) => {
  it('refuses letters, a missing unit, a negative and an out-of-range weight with a clear message, and sends a good one', async () => {
    tui = renderTui(packView({ phase: 'weigh', typedWeight: 'yes' }), { lang, columns, rows, wedge: PERSON });
    await tui.waitForText(lang === 'fr' ? 'tapez son poids (/)' : 'type its weight (/)');
    await tui.press('/');
    await tui.waitForText(prompt);
    for (const [i, typed] of ['abc', '850', '-5 g', '250kg'].entries()) {
      await tui.press(typed);
      await tui.press('\r');
      // a handheld wraps the message: any space may be a line break
      const frame = await tui.waitForText(new RegExp(errors[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')));
      expect(frame).toContain(prompt);
    }
    expect(tui.sent).toEqual([]);
    await tui.press('752 g');
    await tui.press('\r');
    await tui.waitForText(lang === 'fr' ? 'pesez le colis' : 'weigh the parcel');
    expect(tui.sent).toEqual([{ type: 'manual-weight', typed: '752 g' }]);
  });
});

describe('the weigh step offers what the station can do', () => {
  it('a scale that answers: zero and tare, no typed weight; offline with a supervisor: / asks for the approval of a typed weight', async () => {
    tui = renderTui(packView({ phase: 'weigh', typedWeight: 'no' }));
    let frame = await tui.waitForText('posez le colis sur la balance');
    expect(frame).toMatch(/\+ zéro/);
    expect(frame).not.toMatch(/\/ taper le poids/);
    await tui.press('/');
    expect(tui.sent).toEqual([]);
    tui.unmount();
    tui = renderTui(packView({ phase: 'weigh', typedWeight: 'supervisor' }));
    frame = await tui.waitForText('un superviseur peut autoriser un poids tapé (/)');
    await tui.press('/');
    frame = await tui.waitForText('Dérogation superviseur : poids saisi');
    expect(frame).toMatch(/Code superviseur ›/);
  });
});

describe('a burst in the weight prompt (a fast typist, or a scanner)', () => {
  it('a weight with its unit is the weight; a barcode is refused as not a weight and the prompt stays', async () => {
    tui = renderTui(packView({ phase: 'weigh', typedWeight: 'yes' }));
    await tui.press('/');
    await tui.waitForText('Poids (g ou kg) ›');
    // each press arrives at once: five characters or more and Enter are a wedge burst
    await tui.press('3760000000017\r');
    const refused = await tui.waitForText('« 3760000000017 » n’est pas un poids : tapez par ex. 850 g ou 1,25 kg');
    expect(refused).toContain('Poids (g ou kg) ›');
    expect(tui.sent).toEqual([]);
    await tui.press('450 g\r');
    await waitFor(() => tui!.sent.length === 1, 'the weight sent');
    expect(tui.sent).toEqual([{ type: 'manual-weight', typed: '450 g' }]);
  });
});
