import { describe, expect, it } from 'vitest';
import { FEEDBACK_CODES } from '../../../src/domain/feedback.js';
import { en } from '../../../src/tui/i18n/messages-en.js';
import { fr } from '../../../src/tui/i18n/messages-fr.js';
import { createTranslator, langFromEnv } from '../../../src/tui/i18n/translate.js';

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
