import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARCODE_ERROR_CODES } from '../../../src/domain/barcode/barcode-error.js';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import { parseDigitalLink } from '../../../src/domain/barcode/gs1-digital-link.js';
import { parseGs1ElementString } from '../../../src/domain/barcode/gs1-element-string.js';

const now = new Date('2026-11-22T10:00:00Z');
const codes = new Set<string>(BARCODE_ERROR_CODES);
/** Scanner-like input: digits, GS, brackets and some of everything else. */
const scanLike = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789'.split(''), '\x1d', '(', ')', 'A', 'z', '%', '/', '-', ' ') , maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('GS1 parsing never throws: every input gets a typed result', () => {
  it('element strings, lenient and strict', () => {
    fc.assert(
      fc.property(scanLike, fc.boolean(), (data, strictMode) => {
        const result = parseGs1ElementString(data, { now, mode: strictMode ? 'strict' : 'lenient' });
        if (!result.ok) expect(codes.has(result.error.code)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('Digital Link URIs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true }), scanLike.map((s) => `https://id.gs1.org/${s}`)), (uri) => {
        const result = parseDigitalLink(uri, { now });
        if (!result.ok) expect(codes.has(result.error.code)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('scan classification', () => {
    fc.assert(
      fc.property(scanLike, (data) => {
        const result = classifyScan(data, now);
        expect(['gtin', 'gtin-choice', 'sscc', 'gs1', 'code', 'invalid']).toContain(result.kind);
      }),
      { numRuns: 3000 },
    );
  });
});
