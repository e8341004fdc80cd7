import type { Measure } from './barcode/variable-measure.js';
import type { Product } from './catalog.js';
import type { ScanMeaning } from './scan-meaning.js';

/**
 * The unit of a product sold by weight: its quantities (orders, stock, picks, receipts, counts)
 * are whole grams and its unit weight is 1 g. Quai's quantities are whole numbers, so a product
 * sold by weight is counted in grams, never in kilograms.
 */
export const SOLD_BY_WEIGHT_UNIT = 'g';

/**
 * What a variable-measure label (variable-measure.ts) of a catalog product stands for:
 * - a product sold by weight (unit `g`): a weight label counts its grams; a price label counts
 *   nothing, it is refused (`BARCODE_MEASURE_NO_WEIGHT`);
 * - a product counted in pieces: one piece, whatever the label; a weight label's grams are that
 *   piece's weight (`weighedGrams`), which the parcel's expected weight takes instead of the
 *   catalog's unit weight. A zero weight (the catalog's reference code itself, scanned from a
 *   shelf label) says nothing of the piece: its unit weight stands.
 * `data` is the scan as received, for the refusal.
 */
export function weighedScan(product: Pick<Product, 'code' | 'name' | 'unit'>, measure: Measure, data: string): ScanMeaning {
  const grams = 'weightGrams' in measure ? measure.weightGrams : null;
  const base = { kind: 'product' as const, productCode: product.code, productName: product.name };
  if (product.unit !== SOLD_BY_WEIGHT_UNIT) return { ...base, multiple: 1, ...(grams !== null && grams > 0 && { weighedGrams: grams }) };
  if (grams === null || grams === 0) return { kind: 'invalid', data, error: { code: 'BARCODE_MEASURE_NO_WEIGHT', detail: product.code } };
  return { ...base, multiple: grams, weighedGrams: grams };
}
