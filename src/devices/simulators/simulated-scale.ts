import { toMilligrams, type Weight } from '../../domain/weight.js';

/** How long a placed load swings before it settles. */
const SETTLE_MS = 600;
/** A packing-bench scale: 60 kg. */
export const SIM_CAPACITY_MG = 60_000_000n;
/** Zero is taken within ±2 % of capacity of the power-on zero, as on most trade scales. */
export const SIM_ZERO_RANGE_MG = SIM_CAPACITY_MG / 50n;

/** What a zero or a tare came to on the simulated scale. */
export type SimOutcome = 'done' | 'moving' | 'overload' | 'underload' | 'above-range' | 'below-range';

/**
 * A scale's physics, simplified: a load, a zero offset and a tare, motion for a while after
 * anything changes, a capacity, a zero range, overload and underload. The protocol responders
 * read it.
 */
export class SimulatedScale {
  private loadMg = 0n;
  private zeroMg = 0n;
  tareMg = 0n;
  private motionUntil = 0;
  overload = false;
  underload = false;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  place(weight: Weight): void {
    this.loadMg = toMilligrams(weight);
    this.shake(SETTLE_MS);
  }

  remove(): void {
    this.loadMg = 0n;
    this.shake(SETTLE_MS);
  }

  shake(ms: number): void {
    this.motionUntil = this.clock() + ms;
  }

  inMotion(): boolean {
    return this.clock() < this.motionUntil;
  }

  /** How long the load still swings (0 when still). */
  motionLeftMs(): number {
    return Math.max(0, this.motionUntil - this.clock());
  }

  /** Over capacity, or told to act so. */
  isOverloaded(): boolean {
    return this.overload || this.loadMg - this.zeroMg > SIM_CAPACITY_MG;
  }

  /** Outside the zero range around the power-on zero. */
  outsideZeroRange(): boolean {
    return this.loadMg > SIM_ZERO_RANGE_MG || this.loadMg < -SIM_ZERO_RANGE_MG;
  }

  /** Net milligrams now; while moving it swings around the true value. */
  netMg(): bigint {
    const net = this.loadMg - this.zeroMg - this.tareMg;
    if (!this.inMotion()) return net;
    const swing = BigInt(Math.round(Math.sin(this.clock() / 37) * 40_000)); // ±40 g
    return net + swing;
  }

  /** Zero on the load now, which clears the tare; refused while moving or outside the zero range. */
  zero(): SimOutcome {
    const refusal = this.refusal();
    if (refusal) return refusal;
    if (this.loadMg > SIM_ZERO_RANGE_MG) return 'above-range';
    if (this.loadMg < -SIM_ZERO_RANGE_MG) return 'below-range';
    this.zeroMg = this.loadMg;
    this.tareMg = 0n;
    return 'done';
  }

  /** Tare the load now (up to capacity); refused while moving, or on a load under zero. */
  tare(): SimOutcome {
    const refusal = this.refusal();
    if (refusal) return refusal;
    const gross = this.loadMg - this.zeroMg;
    if (gross < 0n) return 'below-range';
    this.tareMg = gross;
    return 'done';
  }

  clearTare(): void {
    this.tareMg = 0n;
  }

  private refusal(): SimOutcome | undefined {
    if (this.inMotion()) return 'moving';
    if (this.isOverloaded()) return 'overload';
    if (this.underload) return 'underload';
    return undefined;
  }
}

/** Milligrams as kilograms with three decimals (gram resolution), e.g. 1234567n → "1.235". */
export function kgText(mg: bigint): string {
  const negative = mg < 0n;
  const grams = ((negative ? -mg : mg) + 500n) / 1000n;
  const text = `${grams / 1000n}.${String(grams % 1000n).padStart(3, '0')}`;
  return negative && grams !== 0n ? `-${text}` : text;
}
