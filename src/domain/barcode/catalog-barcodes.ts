import { classifyScan } from './classify-scan.js';

/**
 * What an ERP says an identifier is, when it says it: Tryton's `product.identifier.type`
 * (`ean`, `isbn`, `issn`, … or none). Only `ean` changes a reading: Tryton checks `ean`
 * identifiers with python-stdnum's EAN rules, which read 8 digits as an EAN-8, never a UPC-E.
 */
export type IdentifierType = string | null | undefined;

/**
 * The codes under which the catalog keeps a product identifier read from an ERP, so that a scan of
 * the printed symbol finds it: the identifier is read as a scan is (classifyScan, docs/devices.md
 * "Barcodes"), then
 * - a GTIN (EAN-13, EAN-8, UPC-A, UPC-E expanded, GTIN-14, ISBN-10/13, ISSN) → its GTIN-14
 *   (`07838604` → `00078000003864`, `0306406152` → `09780306406157`);
 * - 8 digits valid both as EAN-8 and UPC-E (`00079198`) → the EAN-8 reading when the type is
 *   `ean`, else both readings (`00000000079198`, `00000791000098`);
 * - a restricted circulation number (EAN-13 `02`, `20`–`29`) → `0` + its 13 digits, as a scan of
 *   it is looked up;
 * - anything else (internal codes, codes that are not valid GTINs) → the code as written,
 *   surrounding spaces trimmed (look-ups compare codes without case).
 * `now` only dates GS1 element strings, should an identifier hold one. Never throws; an empty
 * identifier gives no code.
 */
export function catalogBarcodes(code: string, type: IdentifierType, now: Date): string[] {
  const written = code.trim();
  if (written === '') return [];
  const read = classifyScan(written, now);
  switch (read.kind) {
    case 'gtin':
      return [read.gtin];
    case 'gtin-choice':
      return type === 'ean' ? read.readings.filter((r) => r.reading === 'ean-8').map((r) => r.gtin) : read.readings.map((r) => r.gtin);
    case 'restricted':
      return [`0${read.code}`];
    default:
      return [written];
  }
}
