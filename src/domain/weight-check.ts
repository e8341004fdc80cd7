import type { BoxType, ToleranceRule } from './catalog.js';

/** What a parcel holds, for its expected weight. */
export interface ParcelItem {
  productCode: string;
  quantity: number;
  /** Unit weight; null is a data problem: the check cannot pass without an override. */
  weightGrams: number | null;
  family: string;
}

export interface PackingRules {
  /** The site's tolerance. */
  tolerance: ToleranceRule;
  /** Filler (paper, air cushions) added to every parcel, in grams. */
  fillerGrams: number;
  /** Product families with their own tolerance (e.g. liquids). */
  families: Record<string, ToleranceRule>;
}

export interface ExpectedWeight {
  expectedGrams: number;
  toleranceGrams: number;
  /** Products in the parcel with no known weight. */
  missingWeights: string[];
}

const allowed = (rule: ToleranceRule, expected: number) => Math.max(rule.absoluteGrams, (expected * rule.percent) / 100);

/**
 * Expected weight = items' unit weights × quantities + box tare + filler. Tolerance = the most
 * lenient rule that applies (site, box type, the families present), each being
 * max(absolute grams, percent of expected), so a parcel of mixed goods is not failed by the
 * strictest of them.
 */
export function expectedWeight(items: ParcelItem[], box: BoxType, rules: PackingRules): ExpectedWeight {
  const itemsGrams = items.reduce((sum, item) => sum + (item.weightGrams ?? 0) * item.quantity, 0);
  const expectedGrams = Math.round(itemsGrams + box.tareGrams + rules.fillerGrams);
  const applicable = [rules.tolerance, ...(box.tolerance ? [box.tolerance] : []), ...items.flatMap((i) => (rules.families[i.family] ? [rules.families[i.family]!] : []))];
  const toleranceGrams = Math.round(Math.max(...applicable.map((rule) => allowed(rule, expectedGrams))));
  const missingWeights = [...new Set(items.filter((i) => i.weightGrams === null).map((i) => i.productCode))];
  return { expectedGrams, toleranceGrams, missingWeights };
}

/**
 * Why a check fails: heavier or lighter than expected beyond the tolerance, a product's weight
 * unknown (the check cannot pass without an override), or heavier than the box may carry.
 */
export const WEIGHT_CHECK_FAILURES = ['above', 'below', 'missing-weight', 'over-box-limit'] as const;
export type WeightCheckFailure = (typeof WEIGHT_CHECK_FAILURES)[number];

export type CheckOutcome = { pass: true; differenceGrams: number } | { pass: false; differenceGrams: number; reason: WeightCheckFailure };

/** Measured against expected: within the tolerance (boundary included) passes. */
export function checkWeight(measuredGrams: number, expected: ExpectedWeight, box: BoxType): CheckOutcome {
  const differenceGrams = Math.round((measuredGrams - expected.expectedGrams) * 1000) / 1000;
  if (expected.missingWeights.length > 0) return { pass: false, differenceGrams, reason: 'missing-weight' };
  if (measuredGrams > box.maxGrams) return { pass: false, differenceGrams, reason: 'over-box-limit' };
  if (Math.abs(differenceGrams) <= expected.toleranceGrams) return { pass: true, differenceGrams };
  return { pass: false, differenceGrams, reason: differenceGrams > 0 ? 'above' : 'below' };
}
