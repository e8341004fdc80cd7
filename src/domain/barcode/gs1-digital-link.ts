import { err, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';
import { AI_TABLE } from './gs1-ai-table.js';
import { buildGs1Message, type Gs1Message, type Gs1Options } from './gs1-element-string.js';

const DL_URI = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i;

export function isDigitalLinkUri(data: string): boolean {
  return /^https?:\/\//i.test(data);
}

/** Is `qualifiers` an in-order selection from one of the sequences the primary key allows? */
function qualifiersAllowed(qualifiers: string[], sequences: string[][]): boolean {
  return sequences.some((sequence) => {
    let at = 0;
    for (const q of qualifiers) {
      at = sequence.indexOf(q, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  });
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Reads a GS1 Digital Link URI (`https://id.gs1.org/01/09521234543213/10/ABC?17=261231`): any
 * domain and own path, one primary key with its qualifiers in an allowed order, data attributes
 * in the query. A GTIN of 8, 12 or 13 digits is taken to 14.
 */
export function parseDigitalLink(uri: string, options: Gs1Options): Result<Gs1Message, BarcodeError> {
  const match = DL_URI.exec(uri);
  if (!match) return err({ code: 'GS1_DL_MALFORMED', detail: uri });
  // empty path elements are kept: inside the key and its qualifiers they leave no valid pairing
  // (GS1 Syntax Engine dl.c: "//" there and a trailing "/" are refused, an empty value too)
  const segments = (match[1] ?? '').split('/');
  let start = -1;
  for (let i = 0; i < segments.length && start < 0; i++) {
    if (AI_TABLE.get(segments[i]!)?.digitalLinkQualifiers && (segments.length - i) % 2 === 0) start = i;
  }
  if (start < 0) return err({ code: 'GS1_DL_MALFORMED', detail: 'no primary key' });
  const raw: { ai: string; value: string }[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const value = decode(segments[i + 1]!);
    if (value === null) return err({ code: 'GS1_DL_MALFORMED', detail: segments[i + 1] });
    raw.push({ ai: segments[i]!, value });
  }
  const primary = raw[0]!;
  if (primary.ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(primary.value)) primary.value = primary.value.padStart(14, '0');
  const qualifiers = raw.slice(1).map((r) => r.ai);
  if (!qualifiersAllowed(qualifiers, AI_TABLE.get(primary.ai)!.digitalLinkQualifiers!)) {
    return err({ code: 'GS1_DL_BAD_ORDER', detail: [primary.ai, ...qualifiers].join('/') });
  }
  // extra `&` separators and parameters without `=` are skipped, as dl.c does
  for (const pair of (match[2] ?? '').slice(1).split('&')) {
    if (!pair.includes('=')) continue;
    const [key = '', value = ''] = pair.split('=');
    if (!/^\d{2,4}$/.test(key)) continue; // non-AI parameters (linkType, …) are not data
    if (!AI_TABLE.has(key)) return err({ code: 'GS1_UNKNOWN_AI', detail: key });
    const decoded = decode(value);
    if (decoded === null) return err({ code: 'GS1_DL_MALFORMED', detail: value });
    raw.push({ ai: key, value: decoded });
  }
  return buildGs1Message(raw, options);
}
