import type { BarcodeError } from './barcode-error.js';
import { hasValidCheckDigit } from './check-digit.js';
import { GS1_SEPARATOR } from './gs1-ai-table.js';
import { isDigitalLinkUri, parseDigitalLink } from './gs1-digital-link.js';
import { isBracketedElementString, parseGs1ElementString, type Gs1Element, type Gs1Message, type Gs1Mode } from './gs1-element-string.js';
import { isbnToGtin, issnToGtin } from './isbn-issn.js';
import { splitSymbology, type SymbologySplit } from './symbology.js';
import { expandUpcE } from './upc-e.js';
import { classifyRestricted, restrictedEan13, type RestrictedScan, type VariableMeasureLayout } from './variable-measure.js';

/** Which printed symbol or standard number a GTIN was read from. */
export type GtinReadingName = 'ean-13' | 'ean-8' | 'upc-a' | 'upc-e' | 'gtin-14' | 'isbn' | 'issn';

/** How a reading is named to people (CLI, terminal, feedback data): `upc-e` → `UPC-E`. */
export const GTIN_READING_LABELS: Readonly<Record<GtinReadingName, string>> = { 'ean-13': 'EAN-13', 'ean-8': 'EAN-8', 'upc-a': 'UPC-A', 'upc-e': 'UPC-E', 'gtin-14': 'GTIN-14', isbn: 'ISBN', issn: 'ISSN' };

/** One way to read a code as a GTIN: `{ reading: 'upc-e', gtin: '00078000003864' }`. */
export interface GtinReading {
  reading: GtinReadingName;
  /** The GTIN-14, as the catalog stores it. */
  gtin: string;
}

/**
 * The fields GS1 data sets (Gs1Message without its elements): `sscc` (AI 00), `gtin` (01),
 * `contentGtin` (02), `lot` (10), `expiry` (17, ISO date), `serial` (21), `count` (30/37).
 * Every reading of GS1 data carries those it holds, whatever its kind.
 */
export type Gs1Fields = Omit<Gs1Message, 'elements'>;

/** What a scan is, before any catalog look-up. */
export type ClassifiedScan =
  | (Gs1Fields & {
      kind: 'gtin';
      /** The item's GTIN-14: from GS1 data AI 01, else the CONTENT GTIN (AI 02, also in `contentGtin`). */
      gtin: string;
      /** Set when the GTIN came from a plain EAN/UPC/ISBN/ISSN, not from GS1 data. */
      reading?: GtinReadingName;
      /** ISBN-10 and ISSN forms are also valid internal codes: the text to try as one if the GTIN is not known. */
      text?: string;
      elements?: Gs1Element[];
    })
  /** 8 digits valid both as an EAN-8 and as a UPC-E: the catalog, or the operator, decides. */
  | { kind: 'gtin-choice'; data: string; readings: GtinReading[] }
  | (Gs1Fields & { kind: 'sscc'; sscc: string; elements: Gs1Element[] })
  /** GS1 data with neither a GTIN nor an SSCC, e.g. `(400)PO-1`: shown by the CLI, no item for the floor. */
  | (Gs1Fields & { kind: 'gs1'; elements: Gs1Element[] })
  /** An internal code, or the data of a non-GS1 symbology (`]C0`, `]d1`, `]Q1`, …) as read. */
  | { kind: 'code'; code: string }
  | Exclude<RestrictedScan, { kind: 'invalid' }>
  | { kind: 'invalid'; error: BarcodeError };

export interface ClassifyOptions {
  /** `strict` also applies the GS1 pairing and exclusion rules. Default lenient. */
  mode?: Gs1Mode;
  /** The site's layouts of restricted circulation numbers (EAN-13 `02`, `20`–`29`), one per prefix. */
  variableMeasure?: readonly VariableMeasureLayout[];
}

/** GS1 data read for the floor: an item (GTIN, else CONTENT GTIN), else an SSCC, else elements only; its fields kept. */
function fromGs1(message: Gs1Message): ClassifiedScan {
  const { elements, ...fields } = message;
  const gtin = message.gtin ?? message.contentGtin;
  if (gtin) return { kind: 'gtin', ...fields, gtin, elements };
  if (message.sscc) return { kind: 'sscc', ...fields, sscc: message.sscc, elements };
  return { kind: 'gs1', ...fields, elements };
}

function looksLikeRawElementString(data: string): boolean {
  return data.includes(GS1_SEPARATOR) || (data.length >= 16 && /^0[012]\d{14,}/.test(data));
}

const invalid = (error: BarcodeError): ClassifiedScan => ({ kind: 'invalid', error });
const gtinOf = (reading: GtinReadingName, digits: string): ClassifiedScan => ({ kind: 'gtin', gtin: digits.padStart(14, '0'), reading });

/** A checked EAN-13, UPC-A, EAN-8 or GTIN-14, taken to its GTIN-14. */
function checkedGtin(reading: GtinReadingName, digits: string): ClassifiedScan {
  return hasValidCheckDigit(digits) ? gtinOf(reading, digits) : invalid({ code: 'BARCODE_BAD_CHECK_DIGIT', detail: digits });
}

/**
 * 8 digits with no symbology identifier: an EAN-8, a UPC-E (number system 0 or 1), or both when
 * each check digit verifies (`00079198`: EAN-8 → 00000000079198, UPC-E → 00000791000098).
 */
function eightDigits(digits: string): ClassifiedScan {
  const asEan8 = hasValidCheckDigit(digits);
  const upcA = expandUpcE(digits);
  if (asEan8 && upcA) {
    return { kind: 'gtin-choice', data: digits, readings: [{ reading: 'ean-8', gtin: digits.padStart(14, '0') }, { reading: 'upc-e', gtin: upcA.padStart(14, '0') }] };
  }
  if (upcA) return gtinOf('upc-e', upcA);
  return checkedGtin('ean-8', digits);
}

/**
 * Digits only, of a GTIN length: EAN-8 (or UPC-E), UPC-A, EAN-13 (ISBN-13 and ISSN included),
 * GTIN-14; a restricted circulation number (EAN-13 `02`/`20`–`29`, or UPC-A of number system 2)
 * is read through the site's layouts instead, never as a GTIN (variable-measure.ts).
 */
function digitsOfGtinLength(digits: string, layouts: readonly VariableMeasureLayout[]): ClassifiedScan | undefined {
  const restricted = restrictedEan13(digits);
  if (restricted) return classifyRestricted(restricted, layouts);
  switch (digits.length) {
    case 8: return eightDigits(digits);
    case 12: return checkedGtin('upc-a', digits);
    case 13: return checkedGtin(digits.startsWith('978') || digits.startsWith('979') ? 'isbn' : digits.startsWith('977') ? 'issn' : 'ean-13', digits);
    case 14: return checkedGtin('gtin-14', digits);
    default: return undefined;
  }
}

/**
 * After an EAN/UPC identifier (shared/reference/devices.md §4.2; GS1 Syntax Engine `scandata.c`):
 * `]E0` carries 13 digits (EAN-13, UPC-A with a leading 0), or 12 (UPC-A) or 8 (UPC-E, never an
 * EAN-8) from readers that do not pad; `]E3` an EAN-13 followed by its 2- or 5-digit add-on
 * (dropped); `]E4` an EAN-8; `]I1` an ITF-14 (other ITF lengths are plain data).
 */
function eanUpc(symbology: string, data: string, layouts: readonly VariableMeasureLayout[]): ClassifiedScan {
  if (!/^\d+$/.test(data)) return invalid({ code: 'BARCODE_BAD_CHARACTER', detail: data });
  const tooLong = (): ClassifiedScan => invalid({ code: 'BARCODE_BAD_LENGTH', detail: `${symbology}${data}` });
  switch (symbology) {
    case ']E0':
      if (data.length === 8) {
        const upcA = expandUpcE(data);
        return upcA ? gtinOf('upc-e', upcA) : invalid({ code: 'BARCODE_BAD_CHECK_DIGIT', detail: data });
      }
      return data.length === 12 || data.length === 13 ? (digitsOfGtinLength(data, layouts) as ClassifiedScan) : tooLong();
    case ']E3':
      return data.length === 15 || data.length === 18 ? (digitsOfGtinLength(data.slice(0, 13), layouts) as ClassifiedScan) : tooLong();
    case ']E4':
      return data.length === 8 ? checkedGtin('ean-8', data) : tooLong();
    default: // ]I1
      return data.length === 14 ? checkedGtin('gtin-14', data) : { kind: 'code', code: data };
  }
}

function withSymbology(split: SymbologySplit, options: ClassifyOptions, now: Date): ClassifiedScan {
  const { data, family, symbology } = split;
  if (data.length === 0) return invalid({ code: 'BARCODE_EMPTY' });
  // without an identifier, a leading GS is FNC1 in first position (after `]C1` it is an empty element)
  const gs1Options = { now, mode: options.mode ?? 'lenient', leadingFnc1: family === undefined };
  // a Digital Link URI is GS1 data whatever carries it (in a plain QR code: ]Q1)
  if (isDigitalLinkUri(data)) {
    const parsed = parseDigitalLink(data, gs1Options);
    return parsed.ok ? fromGs1(parsed.value) : invalid(parsed.error);
  }
  if (family === 'plain') return { kind: 'code', code: data };
  if (family === 'ean-upc') return eanUpc(symbology!, data, options.variableMeasure ?? []);
  if (family === 'gs1' || isBracketedElementString(data) || looksLikeRawElementString(data)) {
    const parsed = parseGs1ElementString(data, gs1Options);
    return parsed.ok ? fromGs1(parsed.value) : invalid(parsed.error);
  }
  const first = data.charCodeAt(0);
  const digitFirst = first >= 48 && first <= 57;
  if (digitFirst && /^\d+$/.test(data)) {
    const asGtin = digitsOfGtinLength(data, options.variableMeasure ?? []);
    if (asGtin) return asGtin;
  }
  if (digitFirst || first === 73 || first === 105 /* I, i: ISBN, ISSN */) {
    const standardNumber = isbnToGtin(data) ?? issnToGtin(data);
    if (standardNumber) return { kind: 'gtin', gtin: standardNumber, reading: standardNumber.startsWith('0977') ? 'issn' : 'isbn', text: data };
  }
  if (/[\x00-\x1f\x7f]/.test(data)) return invalid({ code: 'BARCODE_BAD_CHARACTER', detail: JSON.stringify(data) });
  return { kind: 'code', code: data };
}

/**
 * What Quai reads in a scanned or typed code, the one reading the agent and `quai barcode parse`
 * share (docs/devices.md, "Barcodes"). Surrounding spaces are trimmed. In order:
 * - an AIM symbology identifier decides first: GS1 ones (`]C1`, `]d2`, …) are element strings,
 *   EAN/UPC ones (`]E0`, `]E4`, …) GTINs, any other (`]C0`, `]d1`, `]Q1`, `]A0`, …) plain data,
 *   never parsed as GS1;
 * - without an identifier, exactly one leading GS is FNC1 in first position (readers with AIM
 *   identifiers off send it so): GS1 data, the GS dropped; two GS in a row, or a GS right after
 *   `]C1`, stay an empty element (GS1_MALFORMED);
 * - a GS1 Digital Link URI, a bracketed `(01)…` or raw element string (a GS inside, or `00`/`01`/
 *   `02` and 16+ digits);
 * - a restricted circulation number (EAN-13 `02`, `20`–`29`): `variable-measure` through the
 *   site's layout, `restricted` without one, never a GTIN;
 * - digits of a GTIN length: EAN-8 (or UPC-E, or both: `gtin-choice`), UPC-A, EAN-13, GTIN-14,
 *   all returned as GTIN-14;
 * - an ISBN-10/ISBN-13 or ISSN as printed (hyphens, `X` check character, `ISBN`/`ISSN` prefix):
 *   the GTIN of its EAN-13 (978/979, 977);
 * - anything else is an internal code, kept as read: look-ups compare it without case.
 * Errors: BARCODE_EMPTY, BARCODE_BAD_CHECK_DIGIT, BARCODE_BAD_CHARACTER, BARCODE_BAD_LENGTH, GS1_*.
 */
export function classifyScan(raw: string, now: Date, options: ClassifyOptions = {}): ClassifiedScan {
  return withSymbology(splitSymbology(raw.trim()), options, now);
}
