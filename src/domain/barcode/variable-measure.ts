import { err, ok, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';

/**
 * Restricted circulation numbers (GS1 General Specifications §2.1.11; EAN-13 with GS1 prefix
 * `02` or `20`–`29`) carry no GTIN: the national GS1 organisation or the company decides what
 * their digits mean. A site describes each prefix it uses with one layout; Quai reads a weight in
 * grams or a price in cents from it, and finds the item by its reference.
 */
export const RESTRICTED_PREFIXES = ['02', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29'] as const;

/** What a layout's value field holds: a net weight in grams, or a price in cents. */
export type MeasureKind = 'weight-g' | 'price-cents';

/**
 * One site layout of a 13-digit restricted circulation number, left to right:
 * prefix (2 digits) · item reference (`itemDigits`) · price/weight check digit (1, when
 * `priceCheck`) · value (`valueDigits`) · EAN check digit (1). The fields fill 13 digits exactly.
 */
export interface VariableMeasureLayout {
  prefix: (typeof RESTRICTED_PREFIXES)[number];
  itemDigits: number;
  valueDigits: number;
  value: MeasureKind;
  /** A GS1 price/weight check digit (§7.9.2–7.9.4) stands before the value: only for 4- or 5-digit values. */
  priceCheck: boolean;
}

/** The amount a code carries: grams for a weight layout, cents for a price layout. */
export type Measure = { weightGrams: number } | { priceCents: number };

/** A restricted circulation number read through its site layout. */
export interface VariableMeasureCode {
  /** The 13 digits as scanned. */
  code: string;
  prefix: string;
  /** The item reference digits. */
  item: string;
  /**
   * The code the catalog lists the item under, as a GTIN-14 (leading 0): the same number with the
   * value (and price check) digits zeroed and the EAN check digit computed again.
   */
  reference: string;
  measure: Measure;
}

/** A 13-digit code (or a 12-digit UPC-A of number system 2, i.e. EAN-13 `02…`) in the restricted range. */
export function restrictedEan13(data: string): string | null {
  // length first: most scans are not 12 or 13 characters long
  const ean13 = data.length === 12 && data[0] === '2' ? `0${data}` : data;
  if (ean13.length !== 13 || (ean13[0] !== '2' && !(ean13[0] === '0' && ean13[1] === '2'))) return null;
  return /^\d{13}$/.test(ean13) ? ean13 : null;
}

/** Why a layout cannot be used, or null. The field lengths must add up to 13 digits. */
export function layoutProblem(layout: VariableMeasureLayout): string | null {
  if (!(RESTRICTED_PREFIXES as readonly string[]).includes(layout.prefix)) return `prefix ${layout.prefix} is not a restricted circulation prefix (02, 20-29)`;
  if (layout.itemDigits < 1 || layout.valueDigits < 1) return 'itemDigits and valueDigits are at least 1';
  if (layout.priceCheck && layout.valueDigits !== 4 && layout.valueDigits !== 5) return 'a price check digit needs a 4- or 5-digit value';
  const digits = 2 + layout.itemDigits + (layout.priceCheck ? 1 : 0) + layout.valueDigits + 1;
  if (digits !== 13) return `prefix (2) + itemDigits + priceCheck (0/1) + valueDigits + check digit (1) make ${digits} digits, not 13`;
  return null;
}

// GS1 General Specifications §7.9.2: the weighted products of a digit for the weights 2-, 3, 5+, 5-.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/**
 * The check digit of a 4- or 5-digit price/weight field. §7.9.3 (4 digits): weights 2-, 2-, 3,
 * 5-; the units digit of the sum × 3. §7.9.4 (5 digits): weights 5+, 2-, 5-, 5+, 2-; the
 * complement to 10 of the sum's units digit, read back through the 5- weight. E.g. `2875` → 9,
 * `14685` → 6 (the General Specifications' examples).
 */
export function priceCheckDigit(value: string): number {
  const digits = [...value].map(Number);
  const sum = (weights: number[][]) => digits.reduce((total, digit, i) => total + weights[i]![digit]!, 0);
  if (digits.length === 4) return (sum([TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS]) * 3) % 10;
  return FIVE_MINUS.indexOf((10 - (sum([FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS]) % 10)) % 10);
}

/** The catalog's code of a layout's item: value zeroed, EAN check digit computed again, as a GTIN-14. */
export function referenceCode(layout: VariableMeasureLayout, item: string): string {
  const body = layout.prefix + item + '0'.repeat((layout.priceCheck ? 1 : 0) + layout.valueDigits);
  return `0${body}${gs1CheckDigit(body)}`;
}

/**
 * The 13 digits a scale's label printer makes for an item and an amount (grams or cents), with
 * the price check digit when the layout has one. Throws a RangeError when the item or the amount
 * does not fit the layout (a programming error: callers build from their own data).
 */
export function encodeVariableMeasure(layout: VariableMeasureLayout, item: string, amount: number): string {
  const value = String(amount).padStart(layout.valueDigits, '0');
  if (!new RegExp(`^\\d{${layout.itemDigits}}$`).test(item) || !Number.isSafeInteger(amount) || amount < 0 || value.length !== layout.valueDigits) {
    throw new RangeError(`item ${item} or amount ${amount} does not fit layout ${layout.prefix}:${layout.itemDigits}:${layout.valueDigits}`);
  }
  const body = layout.prefix + item + (layout.priceCheck ? String(priceCheckDigit(value)) : '') + value;
  return body + String(gs1CheckDigit(body));
}

/**
 * Reads a 13-digit restricted circulation number through its layout: `BARCODE_BAD_CHECK_DIGIT`
 * when the EAN check digit is wrong, `BARCODE_BAD_MEASURE_CHECK` when the price/weight check digit
 * is. The layout must fit (layoutProblem) and its prefix be the code's.
 */
export function readVariableMeasure(ean13: string, layout: VariableMeasureLayout): Result<VariableMeasureCode, BarcodeError> {
  if (!hasValidCheckDigit(ean13)) return err({ code: 'BARCODE_BAD_CHECK_DIGIT', detail: ean13 });
  const itemEnd = 2 + layout.itemDigits;
  const valueStart = itemEnd + (layout.priceCheck ? 1 : 0);
  const item = ean13.slice(2, itemEnd);
  const value = ean13.slice(valueStart, valueStart + layout.valueDigits);
  if (layout.priceCheck && Number(ean13[itemEnd]) !== priceCheckDigit(value)) return err({ code: 'BARCODE_BAD_MEASURE_CHECK', detail: ean13 });
  const amount = Number(value);
  const measure: Measure = layout.value === 'weight-g' ? { weightGrams: amount } : { priceCents: amount };
  return ok({ code: ean13, prefix: layout.prefix, item, reference: referenceCode(layout, item), measure });
}

/** A restricted circulation number, read or not: what classifyScan says of one. */
export type RestrictedScan =
  | ({ kind: 'variable-measure' } & VariableMeasureCode)
  /** No layout for its prefix: only the catalog can tell what it is (as the exact code). */
  | { kind: 'restricted'; code: string; prefix: string }
  | { kind: 'invalid'; error: BarcodeError };

/** Reads a restricted circulation number with the site's layout for its prefix, if any. */
export function classifyRestricted(ean13: string, layouts: readonly VariableMeasureLayout[]): RestrictedScan {
  const prefix = ean13.slice(0, 2);
  const layout = layouts.find((l) => l.prefix === prefix);
  if (!layout) return hasValidCheckDigit(ean13) ? { kind: 'restricted', code: ean13, prefix } : { kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: ean13 } };
  const read = readVariableMeasure(ean13, layout);
  return read.ok ? { kind: 'variable-measure', ...read.value } : { kind: 'invalid', error: read.error };
}

/**
 * A layout written `prefix:itemDigits:valueDigits:value[:check]` (`24:5:5:weight-g`,
 * `22:4:4:price-cents:check`), as `quai barcode parse --layout` takes it; else the problem in words.
 */
export function parseLayoutSpec(spec: string): Result<VariableMeasureLayout, string> {
  const match = /^(\d{2}):(\d{1,2}):(\d{1,2}):(weight-g|price-cents)(:check)?$/.exec(spec.trim());
  if (!match) return err(`layout "${spec}" is not prefix:itemDigits:valueDigits:weight-g|price-cents[:check]`);
  const layout = { prefix: match[1] as VariableMeasureLayout['prefix'], itemDigits: Number(match[2]), valueDigits: Number(match[3]), value: match[4] as MeasureKind, priceCheck: match[5] !== undefined };
  const problem = layoutProblem(layout);
  return problem ? err(`layout "${spec}": ${problem}`) : ok(layout);
}
