import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import { gs1Year, parseGs1Date } from '../../../src/domain/barcode/gs1-date.js';
import { parseGs1ElementString } from '../../../src/domain/barcode/gs1-element-string.js';

const now = new Date('2026-11-22T10:00:00Z');
const GS = '\x1d';

describe('GS1 dates', () => {
  it('applies the century rule from the injected clock', () => {
    expect(gs1Year(99, 2026)).toBe(1999);
    expect(gs1Year(75, 2026)).toBe(2075);
    expect(gs1Year(76, 2026)).toBe(2076);
    expect(gs1Year(77, 2026)).toBe(1977);
    expect(gs1Year(26, 2026)).toBe(2026);
  });

  it('reads DD=00 as the last day of the month, leap years included', () => {
    expect(parseGs1Date('130200', now)).toEqual({ ok: true, value: '2013-02-28' });
    expect(parseGs1Date('160200', now)).toEqual({ ok: true, value: '2016-02-29' });
    expect(parseGs1Date('271231', now)).toEqual({ ok: true, value: '2027-12-31' });
  });

  it.each(['200010', '200230', '230229', '2402', '24022a'])('refuses %s', (value) => {
    expect(parseGs1Date(value, now)).toMatchObject({ ok: false, error: { code: 'GS1_BAD_DATE' } });
  });
});

describe('GS1 element strings', () => {
  it('reads GTIN, expiry, lot and serial with a GS after the variable-length lot', () => {
    const parsed = parseGs1ElementString(`010952123454321317271231` + `10LOT-42${GS}21SN1`, now);
    expect(parsed).toMatchObject({ ok: true, value: { gtin: '09521234543213', expiry: '2027-12-31', lot: 'LOT-42', serial: 'SN1' } });
  });

  it('reads the bracketed human-readable form', () => {
    expect(parseGs1ElementString('(02)09521234543213(37)12(10)ABC', now)).toMatchObject({ ok: true, value: { contentGtin: '09521234543213', count: 12, lot: 'ABC' } });
  });

  it('reads an SSCC and tolerates a trailing GS', () => {
    expect(parseGs1ElementString(`00106141411234567897${GS}`, now)).toMatchObject({ ok: true, value: { sscc: '106141411234567897' } });
  });

  it.each([
    ['bad GTIN check digit', '0109521234543214', 'GS1_BAD_CHECK_DIGIT'],
    ['bad SSCC check digit', '00106141411234567890', 'GS1_BAD_CHECK_DIGIT'],
    ['unknown AI', '2312345', 'GS1_UNKNOWN_AI'],
    ['lot too long', `0109521234543213` + `10${'A'.repeat(21)}`, 'GS1_VALUE_TOO_LONG'],
    ['truncated GTIN', '01095212345', 'GS1_VALUE_TOO_SHORT'],
    ['space in a lot (not CSET 82)', '010952123454321310AB C', 'GS1_BAD_CHARACTER'],
    ['letters in a count', '(37)1A', 'GS1_BAD_CHARACTER'],
    ['bad expiry', '010952123454321317271332', 'GS1_BAD_DATE'],
    ['repeated AI', '(10)A(10)B', 'GS1_DUPLICATE_AI'],
    ['bracketed garbage', '(01)123(', 'GS1_MALFORMED'],
  ])('refuses %s with a typed error', (_name, data, code) => {
    expect(parseGs1ElementString(data, now)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('classifyScan', () => {
  it('takes EAN-13, UPC-A and EAN-8 as GTIN-14', () => {
    expect(classifyScan('5901234123457', now)).toEqual({ kind: 'gtin', gtin: '05901234123457', reading: 'ean-13' });
    expect(classifyScan('036000291452', now)).toEqual({ kind: 'gtin', gtin: '00036000291452', reading: 'upc-a' });
    expect(classifyScan(']E496385074', now)).toEqual({ kind: 'gtin', gtin: '00000096385074', reading: 'ean-8' });
  });

  it('refuses an EAN-13 with a bad check digit', () => {
    expect(classifyScan('5901234123458', now)).toEqual({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: '5901234123458' } });
  });

  it('parses GS1-128 after its symbology identifier and a raw element string without one', () => {
    expect(classifyScan(`]C1010952123454321310L1${GS}17270600`, now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213', lot: 'L1', expiry: '2027-06-30' });
    expect(classifyScan('0109521234543213', now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213' });
  });

  it('reads a GS1 count of contained items', () => {
    expect(classifyScan('(02)09521234543213(37)24', now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213', count: 24 });
  });

  it('takes other text as an internal code, trimmed and kept as read (look-ups compare without case)', () => {
    expect(classifyScan('  a-01-02-1 ', now)).toEqual({ kind: 'code', code: 'a-01-02-1' });
  });

  it('refuses empty input and control characters', () => {
    expect(classifyScan('   ', now)).toEqual({ kind: 'invalid', error: { code: 'BARCODE_EMPTY' } });
    expect(classifyScan('AB\x07C', now)).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHARACTER' } });
  });
});
