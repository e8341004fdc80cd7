import { isDigitalLinkUri, parseDigitalLink } from '../domain/barcode/gs1-digital-link.js';
import { parseGs1ElementString, type Gs1Mode } from '../domain/barcode/gs1-element-string.js';
import { normalizeGtin, looksLikeGtin } from '../domain/barcode/gtin.js';
import type { BarcodeError } from '../domain/barcode/barcode-error.js';
import type { Result } from '../domain/result.js';
import { splitSymbology } from '../domain/barcode/symbology.js';

export interface BarcodeReport {
  input: string;
  symbology: string | null;
  result: Result<unknown, BarcodeError>;
}

/** `quai barcode parse`: what Quai reads in a code, or the typed error it refuses it with. */
export function parseBarcode(input: string, mode: Gs1Mode, now: Date): BarcodeReport {
  // a typed or pasted code may write GS as <GS> or \x1d
  const data = input.replace(/<GS>/gi, '\x1d').replace(/\\x1d/gi, '\x1d');
  const { symbology, data: payload } = splitSymbology(data);
  const base = { input, symbology: symbology ?? null };
  if (isDigitalLinkUri(payload)) return { ...base, result: parseDigitalLink(payload, { now, mode }) };
  if (looksLikeGtin(payload) && !/^0[0-2]\d{14,}/.test(payload)) {
    const gtin = normalizeGtin(payload);
    return { ...base, result: gtin.ok ? { ok: true, value: { gtin: gtin.value } } : gtin };
  }
  return { ...base, result: parseGs1ElementString(payload, { now, mode }) };
}

export function formatBarcodeReport(report: BarcodeReport): string {
  if (!report.result.ok) return `error ${report.result.error.code}${report.result.error.detail ? `: ${report.result.error.detail}` : ''}`;
  const value = report.result.value as { gtin?: string; elements?: { ai: string; title: string; value: string; date?: string; decimal?: { value: string; unit?: string; currency?: string } }[] };
  if (!value.elements) return `(01) GTIN ${value.gtin}`;
  return value.elements
    .map((e) => {
      const extra = e.date ?? (e.decimal ? `${e.decimal.value}${e.decimal.unit ? ` ${e.decimal.unit}` : ''}${e.decimal.currency ? ` ${e.decimal.currency}` : ''}` : '');
      return `(${e.ai}) ${e.title}: ${e.value}${extra && extra !== e.value ? `  = ${extra}` : ''}`;
    })
    .join('\n');
}
