/** Weights as exact decimals with their unit, as scales send them: never a float. */
export const WEIGHT_UNITS = ['g', 'kg', 'lb', 'oz'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export interface Weight {
  /** Exact decimal as read, e.g. "1.234" or "-0.02". */
  value: string;
  unit: WeightUnit;
}

/** Milligrams per unit, as fractions (numerator / denominator) so conversions stay exact. */
const MG_PER_UNIT: Record<WeightUnit, [bigint, bigint]> = {
  g: [1000n, 1n],
  kg: [1_000_000n, 1n],
  lb: [45_359_237n, 100n], // 453.59237 g, the international pound
  oz: [45_359_237n, 1600n], // 1/16 lb
};

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

export function isWeightUnit(unit: string): unit is WeightUnit {
  return (WEIGHT_UNITS as readonly string[]).includes(unit);
}

/** Reads a decimal number and a unit ("1.234", "kg"); undefined when either is not one. */
export function parseWeight(value: string, unit: string): Weight | undefined {
  const match = DECIMAL.exec(value.trim());
  const normalizedUnit = unit.trim().toLowerCase();
  if (!match || !isWeightUnit(normalizedUnit)) return undefined;
  const [, sign, whole, fraction] = match;
  const digits = `${whole!.replace(/^0+(?=\d)/, '')}${fraction ? `.${fraction}` : ''}`;
  return { value: sign === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits, unit: normalizedUnit };
}

/** The weight in whole milligrams (rounded half away from zero for lb and oz). */
export function toMilligrams(weight: Weight): bigint {
  const match = DECIMAL.exec(weight.value)!;
  const fraction = match[3] ?? '';
  const scaled = BigInt(`${match[2]}${fraction}`) * (match[1] === '-' ? -1n : 1n);
  const [numerator, denominator] = MG_PER_UNIT[weight.unit];
  const divisor = denominator * 10n ** BigInt(fraction.length);
  const product = scaled * numerator;
  const half = divisor / 2n;
  return product >= 0n ? (product + half) / divisor : -((-product + half) / divisor);
}
