import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from '../../../src/domain/barcode/check-digit.js';
import { normalizeGtin } from '../../../src/domain/barcode/gtin.js';

describe('GS1 mod-10 check digit', () => {
  // worked examples of shared/reference/devices.md §5.2
  it.each([
    ['590123412345', 7],
    ['10614141123456789', 7],
    ['9638507', 4],
    ['03600029145', 2],
    ['0952123454321', 3],
    ['952123400000', 6],
  ])('%s → %i', (digits, check) => {
    expect(gs1CheckDigit(digits)).toBe(check);
    expect(hasValidCheckDigit(withCheckDigit(digits))).toBe(true);
  });

  it('refuses a wrong check digit and non-digits', () => {
    expect(hasValidCheckDigit('5901234123458')).toBe(false);
    expect(hasValidCheckDigit('59012341234a7')).toBe(false);
  });

  it('normalises every GTIN length to 14 digits', () => {
    expect(normalizeGtin('036000291452')).toEqual({ ok: true, value: '00036000291452' });
    expect(normalizeGtin('96385074')).toEqual({ ok: true, value: '00000096385074' });
    expect(normalizeGtin('5901234123457')).toEqual({ ok: true, value: '05901234123457' });
    expect(normalizeGtin('09521234543213')).toEqual({ ok: true, value: '09521234543213' });
    expect(normalizeGtin('5901234123458')).toEqual({ ok: false, error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: '5901234123458' } });
  });
});
