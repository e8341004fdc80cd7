/**
 * AIM / ISO/IEC 15424 symbology identifiers (`]C1`, `]E0`, …) that scanners may prefix to the data
 * (shared/reference/devices.md §4.2; GS1 Syntax Engine `scandata.c`, its table of identifiers).
 * - `gs1`: the data is a GS1 element string (FNC1 in first position): `]C1`, `]e0`–`]e2`, `]d2`,
 *   `]Q3`, `]J1`.
 * - `ean-upc`: EAN/UPC family, the data is a GTIN: `]E0` (EAN-13, UPC-A as 13 digits, or UPC-E),
 *   `]E3` (EAN-13 + add-on), `]E4` (EAN-8), `]I1` (ITF-14).
 * - `plain`: any other identifier (`]C0`, `]d1`, `]Q1`, `]A0`, …): the data is plain text, never
 *   parsed as GS1 even if it looks like an element string; a GS1 Digital Link URI stays one.
 */
export type SymbologyFamily = 'gs1' | 'ean-upc' | 'plain';

const GS1_SYMBOLOGIES = new Set([']C1', ']e0', ']e1', ']e2', ']d2', ']Q3', ']J1']);
const EAN_UPC_SYMBOLOGIES = new Set([']E0', ']E3', ']E4', ']I1']);

export interface SymbologySplit {
  symbology?: string;
  family?: SymbologyFamily;
  data: string;
}

export function splitSymbology(raw: string): SymbologySplit {
  if (raw.charCodeAt(0) === 93 /* ] */ && /^\][A-Za-z][0-9A-Za-z]/.test(raw)) {
    const symbology = raw.slice(0, 3);
    const family: SymbologyFamily = GS1_SYMBOLOGIES.has(symbology) ? 'gs1' : EAN_UPC_SYMBOLOGIES.has(symbology) ? 'ean-upc' : 'plain';
    return { symbology, family, data: raw.slice(3) };
  }
  return { data: raw };
}
