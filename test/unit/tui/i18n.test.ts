import { describe, expect, it } from 'vitest';
import { FEEDBACK_CODES } from '../../../src/domain/feedback.js';
import { en } from '../../../src/tui/i18n/messages-en.js';
import { fr } from '../../../src/tui/i18n/messages-fr.js';
import { createTranslator, langFromEnv, readableParams } from '../../../src/tui/i18n/translate.js';

describe('screen texts', () => {
  it('has a French and an English text for every feedback code', () => {
    for (const code of FEEDBACK_CODES) {
      expect(fr, code).toHaveProperty(`fb.${code}`);
      expect(en, code).toHaveProperty(`fb.${code}`);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
  });

  it('defaults to French, English when LANG asks for it', () => {
    expect(langFromEnv({})).toBe('fr');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('fr');
    expect(langFromEnv({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).toBe('fr');
    expect(createTranslator('en')('fb.PICK_WRONG_LOCATION', { scanned: 'A', expected: 'B' })).toBe('Wrong location: A, expected B');
  });
});

describe('codes inside messages', () => {
  it('says reason codes in the operator language, leaves other values as sent', () => {
    const fr = createTranslator('fr');
    expect(readableParams(fr, { quantity: 2, reason: 'crushed' })).toEqual({ quantity: 2, reason: 'Écrasé' });
    expect(readableParams(fr, { reason: 'empty-location' })).toEqual({ reason: 'Emplacement vide' });
    expect(readableParams(fr, { reason: 'no-printer' })).toEqual({ reason: 'pas d’imprimante pour ce poste' });
    expect(readableParams(createTranslator('en'), { reason: 'printer-error' })).toEqual({ reason: 'the printer refused or does not answer' });
    expect(readableParams(fr, { reason: 'a newer code' })).toEqual({ reason: 'a newer code' });
    expect(readableParams(fr, undefined)).toBeUndefined();
  });

  it('shows a key this terminal does not know as itself rather than failing', () => {
    expect(createTranslator('fr')('move.scan.undone' as never)).toBe('move.scan.undone');
  });
});
