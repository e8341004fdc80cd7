import { describe, expect, it } from 'vitest';
import type { DiscrepancyKind } from '../../../src/domain/events.js';
import { SHORT_REASONS } from '../../../src/domain/events.js';
import { WEIGHT_CHECK_FAILURES } from '../../../src/domain/weight-check.js';
import { figureDetailWords } from '../../../src/tui/i18n/figure-details.js';
import { createTranslator } from '../../../src/tui/i18n/translate.js';

const fr = createTranslator('fr');
const en = createTranslator('en');
const KINDS: DiscrepancyKind[] = ['over', 'unexpected', 'damaged', 'short', 'expired'];

describe("a figure's detail in words (hub report's table, hub monitor)", () => {
  it('every short reason, failed weighing, discrepancy kind and receipt closing has words in French and English', () => {
    for (const t of [fr, en]) {
      for (const [metric, codes] of [
        ['pick.short', SHORT_REASONS],
        ['weight.failed', WEIGHT_CHECK_FAILURES],
        ['receipt.discrepancy', KINDS],
        ['receipt.closed', ['discrepancy', 'clean']],
      ] as const) {
        for (const code of codes) expect(figureDetailWords(t, metric, code), `${t.lang} ${metric} ${code}`).not.toBe(code);
      }
    }
    expect([figureDetailWords(fr, 'pick.short', 'empty-location'), figureDetailWords(en, 'weight.failed', 'above'), figureDetailWords(fr, 'receipt.closed', 'clean')]).toEqual(['emplacement vide', 'too heavy', 'sans écart']);
  });

  it('a supervisor, an event type and a code this version does not know stay as they are', () => {
    expect(figureDetailWords(fr, 'weight.overridden', 'SUP1')).toBe('SUP1');
    expect(figureDetailWords(en, 'event.rejected', 'pick.line.picked')).toBe('pick.line.picked');
    expect(figureDetailWords(fr, 'pick.short', 'fell-off-the-cart')).toBe('fell-off-the-cart');
  });
});
