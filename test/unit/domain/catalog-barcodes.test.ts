import { describe, expect, it } from 'vitest';
import { catalogBarcodes } from '../../../src/domain/barcode/catalog-barcodes.js';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import { referenceCode } from '../../../src/domain/barcode/variable-measure.js';

const now = new Date('2026-11-30T10:00:00Z');

describe('an ERP identifier is kept under the code its scan looks up (review of issue 15, item 2)', () => {
  it.each([
    // UPC-E expanded (GS1 General Specifications zero suppression), not zero-padded
    ['07838604', null, ['00078000003864']],
    // ISBN-10 (python-stdnum isbn, Tryton type isbn) → its EAN-13 978…, then GTIN-14
    ['0306406152', 'isbn', ['09780306406157']],
    ['0-306-40615-2', 'isbn', ['09780306406157']],
    ['080442957X', 'isbn', ['09780804429573']],
    ['9780306406157', 'isbn', ['09780306406157']],
    // ISSN → 977…
    ['0317-8471', null, ['09770317847001']],
    // EAN-13, EAN-8, UPC-A, GTIN-14
    ['3761000001707', 'ean', ['03761000001707']],
    ['96385074', 'ean', ['00000096385074']],
    ['036000291452', null, ['00036000291452']],
    ['10614141000415', 'ean', ['10614141000415']],
    // a restricted circulation number, as a scan of it is looked up
    ['2406024003177', null, ['02406024003177']],
  ])('%s (type %s) → %j', (code, type, codes) => {
    expect(catalogBarcodes(code, type, now)).toEqual(codes);
  });

  it('8 digits valid as EAN-8 and as UPC-E: the EAN-8 for a Tryton `ean` identifier (stdnum reads 8 digits as EAN-8), else both readings', () => {
    expect(catalogBarcodes('00079198', 'ean', now)).toEqual(['00000000079198']);
    expect(catalogBarcodes('00079198', null, now)).toEqual(['00000000079198', '00000791000098']);
    expect(catalogBarcodes('00079198', 'isan', now)).toEqual(['00000000079198', '00000791000098']);
  });

  it("a weighed item's reference code written as its 13 digits is kept as the reference a label scan looks up", () => {
    const reference = referenceCode({ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', priceCheck: false }, '06024');
    expect(catalogBarcodes(reference.slice(1), 'ean', now)).toEqual([reference]);
  });

  it('other codes are kept as written (trimmed): internal codes, digits that are no valid GTIN', () => {
    expect(catalogBarcodes(' Sku-Vis-6 ', null, now)).toEqual(['Sku-Vis-6']);
    expect(catalogBarcodes('ABC123', 'isin', now)).toEqual(['ABC123']);
    expect(catalogBarcodes('3761000001708', null, now)).toEqual(['3761000001708']);
    expect(catalogBarcodes('12345', null, now)).toEqual(['12345']);
    expect(catalogBarcodes('   ', null, now)).toEqual([]);
  });

  it('every stored GTIN is what classifyScan gives for a scan of the same code', () => {
    for (const code of ['07838604', '0306406152', '3761000001707', '96385074', '036000291452']) {
      const scan = classifyScan(code, now);
      expect(scan.kind === 'gtin' && catalogBarcodes(code, null, now)).toEqual([scan.kind === 'gtin' && scan.gtin]);
    }
  });
});
