import { err, ok, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';
import { placeDecimal } from './decimal.js';
import { AI_TABLE, CHARSETS, GS1_SEPARATOR, findAi, type AiDefinition } from './gs1-ai-table.js';
import { runChecks } from './gs1-component-checks.js';
import { parseGs1Date } from './gs1-date.js';
import { checkPairings } from './gs1-pairing.js';

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
  /** For date AIs: the ISO date (DD=00 read as the month's last day). */
  date?: string;
  /** For decimal AIs: the exact value with its unit or ISO 4217 currency code. */
  decimal?: { value: string; unit?: string; currency?: string; percent?: boolean };
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

export type Gs1Mode = 'lenient' | 'strict';

export interface Gs1Options {
  now: Date;
  /** Strict mode also applies the pairing rules (AIs required together, AIs excluded together). */
  mode?: Gs1Mode;
  /**
   * The data may open with one GS, FNC1 in first position as a reader without AIM identifiers
   * sends it: that GS is skipped (a second one is still an empty element).
   */
  leadingFnc1?: boolean;
}

/** `(01)0952…(10)LOT` as typed from a label's human-readable line. */
export function isBracketedElementString(data: string): boolean {
  return /^\(\d{2,4}\)/.test(data);
}

type RawElement = { ai: string; value: string };

function splitBracketed(data: string): Result<RawElement[], BarcodeError> {
  const elements: RawElement[] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(data)) !== null) {
    elements.push({ ai: match[1]!, value: match[2]! });
    consumed = pattern.lastIndex;
  }
  if (consumed !== data.length || elements.length === 0) return err({ code: 'GS1_MALFORMED', detail: data });
  for (const element of elements) if (!AI_TABLE.has(element.ai)) return err({ code: 'GS1_UNKNOWN_AI', detail: element.ai });
  return ok(elements);
}

/**
 * Splits raw scan data (GS = FNC1) into elements, as the GS1 Syntax Engine's `gs1_processAIdata`
 * (src/c-lib/ai.c) does after FNC1 in first position: one GS after an element is skipped, even
 * after a fixed-length one or at the end of the data ("Tolerate superfluous FNC1"); a GS where an
 * AI should start (data opening with GS, two GS in a row) is an empty element and refused with
 * GS1_MALFORMED ("No known AI is a prefix of"); an empty value (`10` then GS) is too short.
 * With `leadingFnc1`, one GS opening the data is that FNC1 and skipped (positions in errors stay
 * those of the data as given).
 */
function splitRaw(data: string, leadingFnc1: boolean): Result<RawElement[], BarcodeError> {
  const elements: RawElement[] = [];
  let at = leadingFnc1 && data[0] === GS1_SEPARATOR ? 1 : 0;
  while (at < data.length) {
    if (data[at] === GS1_SEPARATOR) return err({ code: 'GS1_MALFORMED', detail: `empty element at ${at}` });
    const def = findAi(data, at);
    if (!def) return err({ code: 'GS1_UNKNOWN_AI', detail: data.slice(at, at + 4) });
    const start = at + def.ai.length;
    let end: number;
    if (def.predefinedLength) end = start + def.maxLength;
    else {
      const separator = data.indexOf(GS1_SEPARATOR, start);
      end = separator === -1 ? data.length : separator;
    }
    elements.push({ ai: def.ai, value: data.slice(start, end) });
    at = data[end] === GS1_SEPARATOR ? end + 1 : end;
  }
  if (elements.length === 0) return err({ code: 'BARCODE_EMPTY' });
  return ok(elements);
}

/** Splits a value into its components and checks each one's length, character set and content. */
function checkValue(raw: RawElement, def: AiDefinition, now: Date): Result<Gs1Element, BarcodeError> {
  const { ai, value } = raw;
  if (value.length > def.maxLength) return err({ code: 'GS1_VALUE_TOO_LONG', detail: ai });
  const parts: string[] = [];
  let at = 0;
  for (const [index, component] of def.components.entries()) {
    const last = index === def.components.length - 1;
    const remaining = value.length - at;
    if (remaining === 0 && component.optional) break;
    const size = component.min === component.max && !last ? component.max : Math.min(remaining, component.max);
    const part = value.slice(at, at + size);
    if (part.length < component.min) return err({ code: 'GS1_VALUE_TOO_SHORT', detail: ai });
    if (!CHARSETS[component.charset].test(part)) return err({ code: 'GS1_BAD_CHARACTER', detail: ai });
    const failure = runChecks(component.checks, part, now);
    if (failure) return err({ code: failure.code, detail: failure.code === 'GS1_BAD_CONTENT' ? `${ai} (${failure.check})` : ai });
    parts.push(part);
    at += size;
  }
  if (at < value.length) return err({ code: 'GS1_VALUE_TOO_LONG', detail: ai });
  const element: Gs1Element = { ai, title: def.title, value };
  if (def.components[0]?.checks.some((c) => c === 'date0' || c === 'date')) {
    const date = parseGs1Date(parts[0]!, now);
    if (date.ok) element.date = date.value;
  }
  if (def.decimal) {
    const places = Number(ai[3]);
    const { kind, unit, withCurrency } = def.decimal;
    const digits = withCurrency ? parts[1]! : parts[0]!;
    element.decimal = {
      value: placeDecimal(digits, places),
      ...(unit && { unit }),
      ...(withCurrency && { currency: parts[0] }),
      ...(kind === 'percent' && { percent: true }),
    };
  }
  return ok(element);
}

/** Builds the message from raw elements: duplicate AIs, per-AI checks, then (strict) pairing rules. */
export function buildGs1Message(raw: RawElement[], options: Gs1Options): Result<Gs1Message, BarcodeError> {
  const message: Gs1Message = { elements: [] };
  const seen = new Set<string>();
  for (const element of raw) {
    if (seen.has(element.ai)) return err({ code: 'GS1_DUPLICATE_AI', detail: element.ai });
    seen.add(element.ai);
    const checked = checkValue(element, AI_TABLE.get(element.ai)!, options.now);
    if (!checked.ok) return checked;
    message.elements.push(checked.value);
    const { value, date } = checked.value;
    switch (element.ai) {
      case '00': message.sscc = value; break;
      case '01': message.gtin = value; break;
      case '02': message.contentGtin = value; break;
      case '10': message.lot = value; break;
      case '17': message.expiry = date!; break;
      case '21': message.serial = value; break;
      case '30':
      case '37': message.count = Number(value); break;
    }
  }
  if (options.mode === 'strict') {
    const pairing = checkPairings(message.elements.map((e) => e.ai));
    if (pairing) return err(pairing);
  }
  return ok(message);
}

/**
 * Parses a GS1 element string: raw form with GS separators (as scanners send after ]C1, ]d2,
 * ]Q3, ]e0) or the bracketed human-readable form. `now` decides the century of dates.
 */
export function parseGs1ElementString(data: string, options: Gs1Options | Date): Result<Gs1Message, BarcodeError> {
  const opts = options instanceof Date ? { now: options } : options;
  if (data.length === 0) return err({ code: 'BARCODE_EMPTY' });
  const split = isBracketedElementString(data) ? splitBracketed(data) : splitRaw(data, opts.leadingFnc1 ?? false);
  if (!split.ok) return split;
  return buildGs1Message(split.value, opts);
}
