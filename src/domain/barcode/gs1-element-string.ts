import { err, ok, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';
import { hasValidCheckDigit } from './check-digit.js';
import { AI_TABLE, CSET82, GS1_SEPARATOR, type AiDefinition } from './gs1-ai-table.js';
import { parseGs1Date } from './gs1-date.js';

export interface Gs1Element {
  ai: string;
  value: string;
}

/** The element string as read, plus the fields the workflows use, already validated. */
export interface Gs1Message {
  elements: Gs1Element[];
  sscc?: string;
  gtin?: string;
  contentGtin?: string;
  lot?: string;
  /** ISO date (YYYY-MM-DD). */
  expiry?: string;
  serial?: string;
  count?: number;
}

/** `(01)0952…(10)LOT` as typed from a label's human-readable line. */
export function isBracketedElementString(data: string): boolean {
  return /^\(\d{2,4}\)/.test(data);
}

function splitBracketed(data: string): Result<Gs1Element[], BarcodeError> {
  const elements: Gs1Element[] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(data)) !== null) {
    elements.push({ ai: match[1]!, value: match[2]! });
    consumed = pattern.lastIndex;
  }
  if (consumed !== data.length || elements.length === 0) return err({ code: 'GS1_MALFORMED', detail: data });
  for (const element of elements) {
    if (!AI_TABLE[element.ai]) return err({ code: 'GS1_UNKNOWN_AI', detail: element.ai });
  }
  return ok(elements);
}

function findAi(data: string, at: number): string | undefined {
  for (const size of [2, 3, 4]) {
    const candidate = data.slice(at, at + size);
    if (AI_TABLE[candidate]) return candidate;
  }
  return undefined;
}

function splitRaw(data: string): Result<Gs1Element[], BarcodeError> {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < data.length) {
    if (data[at] === GS1_SEPARATOR) {
      at++; // a superfluous separator is tolerated, as the GS1 reference parser does
      continue;
    }
    const ai = findAi(data, at);
    if (!ai) return err({ code: 'GS1_UNKNOWN_AI', detail: data.slice(at, at + 4) });
    const def = AI_TABLE[ai]!;
    const start = at + ai.length;
    let end: number;
    if (def.fixed) {
      end = start + def.length;
    } else {
      const separator = data.indexOf(GS1_SEPARATOR, start);
      end = separator === -1 ? data.length : separator;
    }
    elements.push({ ai, value: data.slice(start, end) });
    at = end;
  }
  if (elements.length === 0) return err({ code: 'BARCODE_EMPTY' });
  return ok(elements);
}

function checkValue(element: Gs1Element, def: AiDefinition, now: Date): Result<string, BarcodeError> {
  const { ai, value } = element;
  if (def.fixed && value.length < def.length) return err({ code: 'GS1_VALUE_TOO_SHORT', detail: ai });
  if (value.length > def.length) return err({ code: 'GS1_VALUE_TOO_LONG', detail: ai });
  if (value.length === 0) return err({ code: 'GS1_VALUE_TOO_SHORT', detail: ai });
  if (def.charset === 'N' && !/^\d+$/.test(value)) return err({ code: 'GS1_BAD_CHARACTER', detail: ai });
  if (def.charset === 'X' && !CSET82.test(value)) return err({ code: 'GS1_BAD_CHARACTER', detail: ai });
  if (def.checkDigit && !hasValidCheckDigit(value)) return err({ code: 'GS1_BAD_CHECK_DIGIT', detail: ai });
  if (def.date) return parseGs1Date(value, now);
  return ok(value);
}

/**
 * Parses a GS1 element string: raw form with GS separators (as scanners send after ]C1, ]d2,
 * ]Q3, ]e0) or the bracketed human-readable form. `now` decides the century of dates.
 */
export function parseGs1ElementString(data: string, now: Date): Result<Gs1Message, BarcodeError> {
  if (data.length === 0) return err({ code: 'BARCODE_EMPTY' });
  const split = isBracketedElementString(data) ? splitBracketed(data) : splitRaw(data);
  if (!split.ok) return split;
  const message: Gs1Message = { elements: split.value };
  const seen = new Set<string>();
  for (const element of split.value) {
    if (seen.has(element.ai)) return err({ code: 'GS1_DUPLICATE_AI', detail: element.ai });
    seen.add(element.ai);
    const checked = checkValue(element, AI_TABLE[element.ai]!, now);
    if (!checked.ok) return checked;
    const value = checked.value;
    switch (element.ai) {
      case '00': message.sscc = value; break;
      case '01': message.gtin = value; break;
      case '02': message.contentGtin = value; break;
      case '10': message.lot = value; break;
      case '17': message.expiry = value; break;
      case '21': message.serial = value; break;
      case '37': message.count = Number(value); break;
    }
  }
  return ok(message);
}
