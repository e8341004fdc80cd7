import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from '../../../src/domain/barcode/check-digit.js';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';

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

  it('reads every GTIN length as the 14 digits stored and compared, checked', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(classifyScan('036000291452', now)).toEqual({ kind: 'gtin', gtin: '00036000291452', reading: 'upc-a' });
    expect(classifyScan('96385074', now)).toEqual({ kind: 'gtin', gtin: '00000096385074', reading: 'ean-8' });
    expect(classifyScan('5901234123457', now)).toEqual({ kind: 'gtin', gtin: '05901234123457', reading: 'ean-13' });
    expect(classifyScan('09521234543213', now)).toEqual({ kind: 'gtin', gtin: '09521234543213', reading: 'gtin-14' });
    expect(classifyScan('5901234123458', now)).toEqual({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: '5901234123458' } });
  });
});
