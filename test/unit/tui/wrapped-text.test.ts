import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../../src/tui/components/wrapped-text.js';

describe('wrapping French at 40 columns', () => {
  it('never starts a line with ? or :, never cuts a figure from its unit', () => {
    expect(wrapWords('⚠ 1 article(s) non vérifié(s) : ils iront dans le colis 2. Fermer le colis 1 ?', 39)).toEqual([
      '⚠ 1 article(s) non vérifié(s) : ils',
      'iront dans le colis 2. Fermer le colis',
      '1 ?',
    ]);
    expect(wrapWords('✖ Poids non conforme : 1.272 kg, attendu 472 g, écart 800 g (tolérance 25 g)', 39)).toEqual([
      '✖ Poids non conforme : 1.272 kg,',
      'attendu 472 g, écart 800 g (tolérance',
      '25 g)',
    ]);
  });

  it('keeps every line within the width and every word, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé?:0-9]{1,50}$/), { maxLength: 30 }), fc.integer({ min: 5, max: 80 }), (words, width) => {
        const text = words.join(' ');
        const lines = wrapWords(text, width);
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
        expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });
});
