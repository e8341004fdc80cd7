import { classifyScan, GTIN_READING_LABELS, type ClassifiedScan } from '../domain/barcode/classify-scan.js';
import type { BarcodeError } from '../domain/barcode/barcode-error.js';
import type { Gs1Element, Gs1Mode } from '../domain/barcode/gs1-element-string.js';
import type { Result } from '../domain/result.js';
import { splitSymbology } from '../domain/barcode/symbology.js';
import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { formatRestrictedScan } from './barcode-layouts.js';

/** `quai barcode parse --json` (docs/devices.md, "Barcodes"): the input, its AIM identifier, what Quai reads. */
export interface BarcodeReport {
  input: string;
  symbology: string | null;
  result: Result<BarcodeValue, BarcodeError>;
}

/** A classified scan without `kind: 'invalid'`, flattened for the JSON report (`gtin`, `lot`, … at the top). */
export type BarcodeValue = Exclude<ClassifiedScan, { kind: 'invalid' }>;

/**
 * `quai barcode parse`: what Quai reads in a code, the same reading as the agent's, or the typed
 * error it refuses it with. A restricted circulation number (EAN-13 `02`, `20`–`29`) is read with
 * `layouts`, never as a GTIN.
 */
export function parseBarcode(input: string, mode: Gs1Mode, now: Date, layouts: readonly VariableMeasureLayout[] = []): BarcodeReport {
  // a typed or pasted code may write GS as <GS> or \x1d
  const data = input.replace(/<GS>/gi, '\x1d').replace(/\\x1d/gi, '\x1d').trim();
  const classified = classifyScan(data, now, { mode, variableMeasure: layouts });
  const symbology = splitSymbology(data).symbology ?? null;
  return { input, symbology, result: classified.kind === 'invalid' ? { ok: false, error: classified.error } : { ok: true, value: classified } };
}

function formatElements(elements: Gs1Element[]): string {
  return elements
    .map((e) => {
      const extra = e.date ?? (e.decimal ? `${e.decimal.value}${e.decimal.unit ? ` ${e.decimal.unit}` : ''}${e.decimal.currency ? ` ${e.decimal.currency}` : ''}` : '');
      return `(${e.ai}) ${e.title}: ${e.value}${extra && extra !== e.value ? `  = ${extra}` : ''}`;
    })
    .join('\n');
}

export function formatBarcodeReport(report: BarcodeReport): string {
  if (!report.result.ok) return `error ${report.result.error.code}${report.result.error.detail ? `: ${report.result.error.detail}` : ''}`;
  const value = report.result.value;
  switch (value.kind) {
    case 'gtin':
      if (value.elements) return formatElements(value.elements);
      return `(01) GTIN ${value.gtin}${value.reading && value.reading !== 'ean-13' ? `  (${GTIN_READING_LABELS[value.reading]})` : ''}`;
    case 'sscc':
    case 'gs1':
      return formatElements(value.elements);
    case 'gtin-choice':
      return [`${value.data} reads two ways:`, ...value.readings.map((r) => `  ${GTIN_READING_LABELS[r.reading]}: (01) GTIN ${r.gtin}`)].join('\n');
    case 'variable-measure':
    case 'restricted':
      return formatRestrictedScan(value);
    case 'code':
      return report.symbology ? `plain data: ${JSON.stringify(value.code).slice(1, -1)}  (${report.symbology}, not GS1)` : `internal code: ${value.code}`;
  }
}
