/** Why a scanned or typed code could not be read; each code has a French and English text in the TUI. */
export const BARCODE_ERROR_CODES = [
  'BARCODE_EMPTY',
  'BARCODE_BAD_CHECK_DIGIT',
  'BARCODE_BAD_CHARACTER',
  // an EAN/UPC symbology identifier with data of a length that symbol cannot carry
  'BARCODE_BAD_LENGTH',
  // restricted circulation numbers (variable-measure.ts): a wrong price/weight check digit; no site layout for the prefix
  'BARCODE_BAD_MEASURE_CHECK',
  'BARCODE_NO_MEASURE_LAYOUT',
  // a price label scanned for a product sold by weight: its quantity is grams, a price gives none
  'BARCODE_MEASURE_NO_WEIGHT',
  'GS1_UNKNOWN_AI',
  'GS1_VALUE_TOO_SHORT',
  'GS1_VALUE_TOO_LONG',
  'GS1_BAD_CHARACTER',
  'GS1_BAD_DATE',
  'GS1_BAD_CHECK_DIGIT',
  'GS1_DUPLICATE_AI',
  'GS1_MALFORMED',
  'GS1_BAD_CONTENT',
  'GS1_MISSING_PAIR',
  'GS1_EXCLUDED_PAIR',
  'GS1_DL_MALFORMED',
  'GS1_DL_BAD_ORDER',
] as const;
export type BarcodeErrorCode = (typeof BARCODE_ERROR_CODES)[number];

export interface BarcodeError {
  code: BarcodeErrorCode;
  /** The AI or fragment the error is about, for the operator and the audit. */
  detail?: string;
}
