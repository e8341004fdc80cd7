import { hasValidCheckDigit } from './check-digit.js';
import { err, ok, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';

/** Lengths of the GTIN family: EAN-8, UPC-A (12), EAN-13, GTIN-14. */
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

export function looksLikeGtin(data: string): boolean {
  return /^\d+$/.test(data) && GTIN_LENGTHS.has(data.length);
}

/** Validates a GTIN of any length and returns it as the 14-digit form we store and compare. */
export function normalizeGtin(data: string): Result<string, BarcodeError> {
  if (!looksLikeGtin(data)) return err({ code: 'BARCODE_BAD_CHARACTER', detail: data });
  if (!hasValidCheckDigit(data)) return err({ code: 'BARCODE_BAD_CHECK_DIGIT', detail: data });
  return ok(data.padStart(14, '0'));
}
