import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit } from '../../../src/domain/barcode/check-digit.js';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import {
  encodeVariableMeasure,
  layoutProblem,
  parseLayoutSpec,
  priceCheckDigit,
  readVariableMeasure,
  referenceCode,
  RESTRICTED_PREFIXES,
  type VariableMeasureLayout,
} from '../../../src/domain/barcode/variable-measure.js';
import { weighedScan } from '../../../src/domain/weighed-goods.js';

const now = new Date('2026-11-29T12:00:00Z');
const weight24: VariableMeasureLayout = { prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', priceCheck: false };
const price22: VariableMeasureLayout = { prefix: '22', itemDigits: 5, valueDigits: 4, value: 'price-cents', priceCheck: true };

describe('restricted circulation numbers (GS1 General Specifications §2.1.11)', () => {
  it('reads 2406024003177 through 24:5:5:weight-g as item 06024, 317 g (EAN check digit 7 verified)', () => {
    // 2 4 0 6 0 2 4 0 0 3 1 7 weighted 1,3,… from the left of 12 digits: sum 63 → check (70 − 63) = 7
    expect(classifyScan('2406024003177', now, { variableMeasure: [weight24] })).toEqual({
      kind: 'variable-measure',
      code: '2406024003177',
      prefix: '24',
      item: '06024',
      reference: '02406024000008',
      measure: { weightGrams: 317 },
    });
  });

  it('without a layout for its prefix is a restricted circulation number, never a GTIN', () => {
    expect(classifyScan('2406024003177', now)).toEqual({ kind: 'restricted', code: '2406024003177', prefix: '24' });
    expect(classifyScan('2406024003177', now, { variableMeasure: [price22] })).toMatchObject({ kind: 'restricted' });
    expect(classifyScan('0212345000007', now)).toMatchObject({ kind: 'restricted', prefix: '02' });
  });

  it('takes a 12-digit UPC-A of number system 2 as the EAN-13 02… it is', () => {
    const upc = encodeVariableMeasure({ ...weight24, prefix: '02' }, '12345', 1250).slice(1);
    expect(classifyScan(upc, now, { variableMeasure: [{ ...weight24, prefix: '02' }] })).toMatchObject({ kind: 'variable-measure', item: '12345', measure: { weightGrams: 1250 } });
  });

  it('refuses a wrong EAN check digit, with or without a layout', () => {
    expect(classifyScan('2406024003178', now, { variableMeasure: [weight24] })).toEqual({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: '2406024003178' } });
    expect(classifyScan('2406024003178', now)).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT' } });
  });

  it('leaves other EAN-13s GTINs, and other codes codes', () => {
    expect(classifyScan('3761000001707', now, { variableMeasure: [weight24] })).toEqual({ kind: 'gtin', gtin: '03761000001707', reading: 'ean-13' });
    // 13 characters starting 2 that are not all digits: an internal code
    expect(classifyScan('2406024O03177', now, { variableMeasure: [weight24] })).toEqual({ kind: 'code', code: '2406024O03177' });
  });
});

describe('price/weight check digit (GS1 General Specifications §7.9.2–7.9.4)', () => {
  it('gives the General Specifications examples: 2875 → 9 (4 digits), 14685 → 6 (5 digits)', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
  });

  it('is checked when the layout has one', () => {
    const code = encodeVariableMeasure(price22, '12345', 2875);
    expect(code.slice(0, 12)).toBe('221234592875');
    expect(readVariableMeasure(code, price22)).toMatchObject({ ok: true, value: { item: '12345', measure: { priceCents: 2875 }, reference: '02212345000005' } });
    // price check 8 instead of 9, with a right EAN check digit: the price check catches it
    const wrongPriceCheck = encodeVariableMeasure({ ...weight24, prefix: '22' }, '12345', 82875);
    expect(wrongPriceCheck.slice(0, 12)).toBe('221234582875');
    expect(readVariableMeasure(wrongPriceCheck, price22)).toEqual({ ok: false, error: { code: 'BARCODE_BAD_MEASURE_CHECK', detail: wrongPriceCheck } });
  });
});

describe('layouts', () => {
  it.each([
    [weight24, null],
    [price22, null],
    [{ ...weight24, prefix: '30' }, 'prefix 30 is not a restricted circulation prefix (02, 20-29)'],
    [{ ...weight24, itemDigits: 6 }, 'prefix (2) + itemDigits + priceCheck (0/1) + valueDigits + check digit (1) make 14 digits, not 13'],
    [{ ...weight24, priceCheck: true, itemDigits: 6, valueDigits: 3 }, 'a price check digit needs a 4- or 5-digit value'],
    [{ ...weight24, itemDigits: 0, valueDigits: 10 }, 'itemDigits and valueDigits are at least 1'],
  ] as [VariableMeasureLayout, string | null][])('%o → %s', (layout, problem) => {
    expect(layoutProblem(layout)).toBe(problem);
  });

  it('reads the command line form prefix:item:value:kind[:check]', () => {
    expect(parseLayoutSpec('24:5:5:weight-g')).toEqual({ ok: true, value: weight24 });
    expect(parseLayoutSpec('22:5:4:price-cents:check')).toEqual({ ok: true, value: price22 });
    expect(parseLayoutSpec('24:5:5:kg')).toEqual({ ok: false, error: 'layout "24:5:5:kg" is not prefix:itemDigits:valueDigits:weight-g|price-cents[:check]' });
    expect(parseLayoutSpec('24:6:5:weight-g')).toMatchObject({ ok: false, error: expect.stringContaining('make 14 digits') });
  });

  /** Every layout that fits 13 digits, for every restricted prefix and both kinds. */
  const everyLayout: VariableMeasureLayout[] = RESTRICTED_PREFIXES.flatMap((prefix) =>
    (['weight-g', 'price-cents'] as const).flatMap((value) =>
      [false, true].flatMap((priceCheck) =>
        Array.from({ length: 9 }, (_, i) => i + 1)
          .map((itemDigits) => ({ prefix, itemDigits, valueDigits: 10 - itemDigits - (priceCheck ? 1 : 0), value, priceCheck }))
          .filter((layout) => layoutProblem(layout) === null),
      ),
    ),
  );

  it('every layout round-trips: an item and an amount encoded read back the same, under their reference', () => {
    expect(everyLayout).toHaveLength(11 * 2 * (9 + 2));
    const cases = fc.constantFrom(...everyLayout).chain((layout) =>
      fc.record({
        layout: fc.constant(layout),
        item: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: layout.itemDigits, maxLength: layout.itemDigits }),
        amount: fc.integer({ min: 0, max: 10 ** layout.valueDigits - 1 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ layout, item, amount }) => {
        const code = encodeVariableMeasure(layout, item, amount);
        expect(code).toMatch(/^\d{13}$/);
        const read = classifyScan(code, now, { variableMeasure: [layout] });
        const measure = layout.value === 'weight-g' ? { weightGrams: amount } : { priceCents: amount };
        expect(read).toEqual({ kind: 'variable-measure', code, prefix: layout.prefix, item, reference: referenceCode(layout, item), measure });
        // the reference is the same number with a zero amount: a valid GTIN-14 the catalog lists
        expect(referenceCode(layout, item)).toBe(`0${encodeVariableMeasure(layout, item, 0)}`);
        expect(hasValidCheckDigit(referenceCode(layout, item))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a variable-measure label of a catalog product', () => {
  const cheese = { code: 'P900001', name: 'Comté', unit: 'g' };
  const wheel = { code: 'P900002', name: 'Meule', unit: 'pce' };
  it('counts its grams for a product sold by weight (unit g)', () => {
    expect(weighedScan(cheese, { weightGrams: 317 }, 'x')).toEqual({ kind: 'product', productCode: 'P900001', productName: 'Comté', multiple: 317, weighedGrams: 317 });
  });
  it('refuses a price label for a product sold by weight: no quantity in it', () => {
    expect(weighedScan(cheese, { priceCents: 1250 }, '2212345912504')).toEqual({ kind: 'invalid', data: '2212345912504', error: { code: 'BARCODE_MEASURE_NO_WEIGHT', detail: 'P900001' } });
  });
  it('counts one piece of a product counted in pieces, with its label weight', () => {
    expect(weighedScan(wheel, { weightGrams: 3950 }, 'x')).toEqual({ kind: 'product', productCode: 'P900002', productName: 'Meule', multiple: 1, weighedGrams: 3950 });
    expect(weighedScan(wheel, { priceCents: 1250 }, 'x')).toEqual({ kind: 'product', productCode: 'P900002', productName: 'Meule', multiple: 1 });
    // the reference code itself (a shelf label): no weight of its own, the unit weight stands
    expect(weighedScan(wheel, { weightGrams: 0 }, 'x')).toEqual({ kind: 'product', productCode: 'P900002', productName: 'Meule', multiple: 1 });
    expect(weighedScan(cheese, { weightGrams: 0 }, 'x')).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_MEASURE_NO_WEIGHT' } });
  });
});
