/**
 * AIM / ISO 15424 symbology identifiers (`]C1`, `]E0`, …) that scanners may prefix to the data.
 * The ones below mean "the data is a GS1 element string" (FNC1 in first position).
 */
const GS1_SYMBOLOGIES = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

export interface SymbologySplit {
  symbology?: string;
  data: string;
  gs1: boolean;
}

export function splitSymbology(raw: string): SymbologySplit {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(raw)) {
    const symbology = raw.slice(0, 3);
    return { symbology, data: raw.slice(3), gs1: GS1_SYMBOLOGIES.has(symbology) };
  }
  return { data: raw, gs1: false };
}
