import { isDigitalLinkUri, parseDigitalLink } from '../domain/barcode/gs1-digital-link.js';
import { parseGs1ElementString, type Gs1Mode } from '../domain/barcode/gs1-element-string.js';
import { normalizeGtin, looksLikeGtin } from '../domain/barcode/gtin.js';
import type { BarcodeError } from '../domain/barcode/barcode-error.js';
import type { Result } from '../domain/result.js';
import { splitSymbology } from '../domain/barcode/symbology.js';
import { classifyRestricted, restrictedEan13, type RestrictedScan, type VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { formatRestrictedScan } from './barcode-layouts.js';

export interface BarcodeReport {
  input: string;
  symbology: string | null;
  result: Result<unknown, BarcodeError>;
}

/**
 * `quai barcode parse`: what Quai reads in a code, or the typed error it refuses it with. A
 * restricted circulation number (EAN-13 `02`, `20`–`29`) is read with `layouts`, never as a GTIN.
 */
export function parseBarcode(input: string, mode: Gs1Mode, now: Date, layouts: readonly VariableMeasureLayout[] = []): BarcodeReport {
  // a typed or pasted code may write GS as <GS> or \x1d
  const data = input.replace(/<GS>/gi, '\x1d').replace(/\\x1d/gi, '\x1d');
  const { symbology, data: payload, gs1 } = splitSymbology(data);
  const base = { input, symbology: symbology ?? null };
  // as the agent reads it (classifyScan): GS1 data first, then a restricted circulation number
  const restricted = gs1 ? null : restrictedEan13(payload);
  if (restricted) {
    const read = classifyRestricted(restricted, layouts);
    return { ...base, result: read.kind === 'invalid' ? { ok: false, error: read.error } : { ok: true, value: read } };
  }
  if (isDigitalLinkUri(payload)) return { ...base, result: parseDigitalLink(payload, { now, mode }) };
  if (looksLikeGtin(payload) && !/^0[0-2]\d{14,}/.test(payload)) {
    const gtin = normalizeGtin(payload);
    return { ...base, result: gtin.ok ? { ok: true, value: { gtin: gtin.value } } : gtin };
  }
  return { ...base, result: parseGs1ElementString(payload, { now, mode }) };
}

export function formatBarcodeReport(report: BarcodeReport): string {
  if (!report.result.ok) return `error ${report.result.error.code}${report.result.error.detail ? `: ${report.result.error.detail}` : ''}`;
  const restricted = report.result.value as RestrictedScan;
  if (restricted.kind === 'variable-measure' || restricted.kind === 'restricted') return formatRestrictedScan(restricted);
  const value = report.result.value as { gtin?: string; elements?: { ai: string; title: string; value: string; date?: string; decimal?: { value: string; unit?: string; currency?: string } }[] };
  if (!value.elements) return `(01) GTIN ${value.gtin}`;
  return value.elements
    .map((e) => {
      const extra = e.date ?? (e.decimal ? `${e.decimal.value}${e.decimal.unit ? ` ${e.decimal.unit}` : ''}${e.decimal.currency ? ` ${e.decimal.currency}` : ''}` : '');
      return `(${e.ai}) ${e.title}: ${e.value}${extra && extra !== e.value ? `  = ${extra}` : ''}`;
    })
    .join('\n');
}
