import { toMilligrams, type Weight } from '../../domain/weight.js';

/** How long a placed load swings before it settles. */
const SETTLE_MS = 600;

/**
 * A scale's physics, simplified: a load, a zero offset and a tare, motion for a while after
 * anything changes, overload and underload. The protocol responders read it.
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

  /** Net milligrams now; while moving it swings around the true value. */
  netMg(): bigint {
    const net = this.loadMg - this.zeroMg - this.tareMg;
    if (!this.inMotion()) return net;
    const swing = BigInt(Math.round(Math.sin(this.clock() / 37) * 40_000)); // ±40 g
    return net + swing;
  }

  zero(): boolean {
    if (this.inMotion()) return false;
    this.zeroMg = this.loadMg;
    this.tareMg = 0n;
    return true;
  }

  tare(): boolean {
    if (this.inMotion()) return false;
    this.tareMg = this.loadMg - this.zeroMg;
    return true;
  }

  clearTare(): void {
    this.tareMg = 0n;
  }
}

/** Milligrams as kilograms with three decimals (gram resolution), e.g. 1234567n → "1.235". */
export function kgText(mg: bigint): string {
  const negative = mg < 0n;
  const grams = ((negative ? -mg : mg) + 500n) / 1000n;
  const text = `${grams / 1000n}.${String(grams % 1000n).padStart(3, '0')}`;
  return negative && grams !== 0n ? `-${text}` : text;
}
