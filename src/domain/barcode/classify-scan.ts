import type { BarcodeError } from './barcode-error.js';
import { looksLikeGtin, normalizeGtin } from './gtin.js';
import { GS1_SEPARATOR } from './gs1-ai-table.js';
import { isDigitalLinkUri, parseDigitalLink } from './gs1-digital-link.js';
import { isBracketedElementString, parseGs1ElementString, type Gs1Message } from './gs1-element-string.js';
import { splitSymbology } from './symbology.js';
import { classifyRestricted, restrictedEan13, type RestrictedScan, type VariableMeasureLayout } from './variable-measure.js';

/** What a scan is, before any catalog look-up. */
export type ClassifiedScan =
  | { kind: 'gtin'; gtin: string; lot?: string; expiry?: string; serial?: string; count?: number }
  | { kind: 'sscc'; sscc: string }
  | { kind: 'code'; code: string }
  | Exclude<RestrictedScan, { kind: 'invalid' }>
  | { kind: 'invalid'; error: BarcodeError };

function fromGs1(message: Gs1Message): ClassifiedScan {
  const gtin = message.gtin ?? message.contentGtin;
  if (gtin) {
    return {
      kind: 'gtin',
      gtin,
      ...(message.lot !== undefined && { lot: message.lot }),
      ...(message.expiry !== undefined && { expiry: message.expiry }),
      ...(message.serial !== undefined && { serial: message.serial }),
      ...(message.count !== undefined && { count: message.count }),
    };
  }
  if (message.sscc) return { kind: 'sscc', sscc: message.sscc };
  return { kind: 'invalid', error: { code: 'GS1_MALFORMED', detail: 'no GTIN or SSCC' } };
}

function looksLikeRawElementString(data: string): boolean {
  return data.includes(GS1_SEPARATOR) || (/^0[012]\d{14,}/.test(data) && data.length >= 16);
}

export interface ClassifyOptions {
  /** The site's layouts of restricted circulation numbers (EAN-13 `02`, `20`–`29`), one per prefix. */
  variableMeasure?: readonly VariableMeasureLayout[];
}

/**
 * Tells a GTIN (EAN-8/13, UPC-A, GTIN-14), a GS1 element string or Digital Link URI, a
 * restricted circulation number (read through the site's layout: variable-measure.ts, never a
 * GTIN) and an internal code apart.
 * Internal codes (locations, orders, badges) are compared upper-case, so typed input matches.
 */
export function classifyScan(raw: string, now: Date, options: ClassifyOptions = {}): ClassifiedScan {
  const { data, gs1 } = splitSymbology(raw.trim());
  if (data.length === 0) return { kind: 'invalid', error: { code: 'BARCODE_EMPTY' } };
  if (isDigitalLinkUri(data)) {
    const parsed = parseDigitalLink(data, { now });
    return parsed.ok ? fromGs1(parsed.value) : { kind: 'invalid', error: parsed.error };
  }
  if (gs1 || isBracketedElementString(data) || looksLikeRawElementString(data)) {
    const parsed = parseGs1ElementString(data, now);
    return parsed.ok ? fromGs1(parsed.value) : { kind: 'invalid', error: parsed.error };
  }
  const restricted = restrictedEan13(data);
  if (restricted) return classifyRestricted(restricted, options.variableMeasure ?? []);
  if (looksLikeGtin(data)) {
    const gtin = normalizeGtin(data);
    return gtin.ok ? { kind: 'gtin', gtin: gtin.value } : { kind: 'invalid', error: gtin.error };
  }
  if (/[\x00-\x1f\x7f]/.test(data)) {
    return { kind: 'invalid', error: { code: 'BARCODE_BAD_CHARACTER', detail: JSON.stringify(data) } };
  }
  return { kind: 'code', code: data.toUpperCase() };
}
