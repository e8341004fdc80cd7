import { toMilligrams, type Weight } from './weight.js';

/** The range of a typed parcel weight, in grams: below it is a slip (or a sign), above it no parcel a packer lifts. */
export const TYPED_WEIGHT_MIN_GRAMS = 1;
export const TYPED_WEIGHT_MAX_GRAMS = 100_000;

/** Why typed text is not a weight, as a feedback code (its params name what was typed). */
export type TypedWeightError = { code: 'WEIGHT_TYPED_INVALID' | 'WEIGHT_TYPED_UNIT' | 'WEIGHT_TYPED_RANGE'; params: Record<string, string | number> };

const TYPED = /^([+-]?)(\d{1,9}(?:[.,]\d{1,3})?)\s*([^\d\s.,+-][^\s]*)?$/;

/**
 * A weight typed by a packer: a decimal (`.` or `,`, up to 3 places) and its unit, g or kg
 * (`850 g`, `1,25 kg`, `1.25kg`). Errors: WEIGHT_TYPED_INVALID (letters, no number),
 * WEIGHT_TYPED_UNIT (no unit, or another one than g and kg), WEIGHT_TYPED_RANGE (negative, or
 * outside 1 g – 100 kg); each names the text typed.
 */
export function parseTypedWeight(typed: string): { ok: true; weight: Weight } | { ok: false; error: TypedWeightError } {
  const text = typed.trim();
  const match = TYPED.exec(text);
  if (!match) return { ok: false, error: { code: 'WEIGHT_TYPED_INVALID', params: { typed: text } } };
  const [, sign, number, rawUnit] = match;
  const unit = rawUnit?.toLowerCase();
  if (unit !== 'g' && unit !== 'kg') return { ok: false, error: { code: 'WEIGHT_TYPED_UNIT', params: { typed: text } } };
  const value = number!.replace(',', '.').replace(/^0+(?=\d)/, '');
  const weight: Weight = { value, unit };
  const grams = Number(toMilligrams(weight)) / 1000;
  if (sign === '-' || grams < TYPED_WEIGHT_MIN_GRAMS || grams > TYPED_WEIGHT_MAX_GRAMS) {
    return { ok: false, error: { code: 'WEIGHT_TYPED_RANGE', params: { typed: text, min: `${TYPED_WEIGHT_MIN_GRAMS} g`, max: `${TYPED_WEIGHT_MAX_GRAMS / 1000} kg` } } };
  }
  return { ok: true, weight };
}
