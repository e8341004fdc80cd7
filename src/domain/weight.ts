/** Weights as exact decimals with their unit, as scales send them: never a float. */
export const WEIGHT_UNITS = ['g', 'kg', 't', 'lb', 'oz'] as const;
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
  t: [1_000_000_000n, 1n], // the metric tonne
  lb: [45_359_237n, 100n], // 453.59237 g, the international pound
  oz: [45_359_237n, 1600n], // 1/16 lb
};

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
/** MT-SICS compound pound-ounce field: `12:07.50` (12 lb 7.50 oz). */
const POUNDS_OUNCES = /^([+-])?(\d+):(\d+(?:\.\d+)?)$/;

export function isWeightUnit(unit: string): unit is WeightUnit {
  return (WEIGHT_UNITS as readonly string[]).includes(unit);
}

/**
 * Reads a decimal number and a unit ("1.234", "kg"); undefined when either is not one. The
 * compound unit `lb:oz` of MT-SICS scales (`12:07.50`, 12 lb 7.50 oz; MT-SICS reference
 * manual, units of the weight commands) is read as pounds, exactly: 12.46875 lb. Its ounces
 * must be under 16.
 */
export function parseWeight(value: string, unit: string): Weight | undefined {
  const normalizedUnit = unit.trim().toLowerCase();
  if (normalizedUnit === 'lb:oz') return parsePoundsOunces(value.trim());
  const match = DECIMAL.exec(value.trim());
  if (!match || !isWeightUnit(normalizedUnit)) return undefined;
  const [, sign, whole, fraction] = match;
  return { value: decimalText(sign === '-', whole!, fraction ?? ''), unit: normalizedUnit };
}

/** `12:07.50` lb:oz → 12.46875 lb. An ounce is 1/16 lb = 0.0625 lb, so the sum is a finite decimal. */
function parsePoundsOunces(text: string): Weight | undefined {
  const match = POUNDS_OUNCES.exec(text);
  if (!match) return undefined;
  const [, sign, pounds, ounces] = match;
  const [ozWhole, ozFraction = ''] = ounces!.split('.');
  const ozScaled = BigInt(`${ozWhole}${ozFraction}`);
  const scale = 10n ** BigInt(ozFraction.length);
  if (ozScaled >= 16n * scale) return undefined;
  // ounces / 16 = ounces × 0.0625: four more decimal places
  const places = ozFraction.length + 4;
  const scaled = BigInt(pounds!) * scale * 10_000n + ozScaled * 625n;
  const digits = scaled.toString().padStart(places + 1, '0');
  const fraction = digits.slice(-places).replace(/0+$/, '');
  return { value: decimalText(sign === '-', digits.slice(0, -places), fraction), unit: 'lb' };
}

/** Leading zeros dropped, and no minus sign on a zero. */
function decimalText(negative: boolean, whole: string, fraction: string): string {
  const digits = `${whole.replace(/^0+(?=\d)/, '')}${fraction ? `.${fraction}` : ''}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/**
 * Puts the decimal point back into a number sent without one by a scale set to omit it:
 * `00150` with 0 decimals is 150, with 3 decimals 0.150. A number that has a point, or is not a
 * number, is given back unchanged.
 */
export function withImpliedDecimals(value: string, decimals: number): string {
  const match = /^([+-]?)(\d+)$/.exec(value.trim());
  if (!match || decimals === 0) return value;
  const digits = match[2]!.padStart(decimals + 1, '0');
  return `${match[1]}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
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

/**
 * Milligrams as a decimal in a unit with a set number of decimal places, rounded half away from
 * zero: what a scale of that resolution shows (1 133 981 mg in lb with 2 decimals: "2.50").
 */
export function fromMilligrams(mg: bigint, unit: WeightUnit, decimals: number): string {
  const [numerator, denominator] = MG_PER_UNIT[unit];
  const scaled = mg * denominator * 10n ** BigInt(decimals);
  const magnitude = ((scaled < 0n ? -scaled : scaled) + numerator / 2n) / numerator;
  const digits = magnitude.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return scaled < 0n && magnitude !== 0n ? `-${text}` : text;
}
