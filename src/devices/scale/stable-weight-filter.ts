import { toMilligrams, type Weight } from '../../domain/weight.js';
import type { ScaleFrame } from './scale-frame.js';

export interface StableFilterSettings {
  /** Readings that must agree. */
  readings: number;
  /** How far apart (in mg) the agreeing readings may be. */
  toleranceMg: number;
  /** How long (ms) they must span. */
  windowMs: number;
  /** A settled weight this close to zero (mg) is reported as `zero`. */
  zeroBandMg: number;
}

export const DEFAULT_STABLE_FILTER: StableFilterSettings = { readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 };

export type WeighEvent =
  | { kind: 'stable'; weight: Weight; at: number }
  | { kind: 'zero'; weight: Weight; at: number }
  | { kind: 'unstable'; at: number }
  | { kind: 'overload'; at: number }
  | { kind: 'underload'; at: number };

type Phase = 'unknown' | 'moving' | 'settled' | 'overload' | 'underload';

/**
 * Turns a scale's frames into what a packing station needs: `stable` once per settled load
 * (N readings within ±d over T ms, none flagged in motion), `zero` when it settles empty, and
 * `unstable`, `overload`, `underload` as they happen. Nothing is ever read from a moving scale.
 */
export class StableWeightFilter {
  private window: { mg: bigint; weight: Weight; at: number }[] = [];
  private phase: Phase = 'unknown';
  private settledMg: bigint | undefined;

  constructor(private readonly settings: StableFilterSettings = DEFAULT_STABLE_FILTER) {}

  push(frame: ScaleFrame, at: number): WeighEvent[] {
    switch (frame.type) {
      case 'overload':
      case 'underload':
        return this.enter(frame.type, at);
      case 'motion':
        return this.moving(at);
      case 'weight':
        return frame.motion ? this.moving(at) : this.still(frame.weight, at);
      default:
        return [];
    }
  }

  private enter(phase: 'overload' | 'underload', at: number): WeighEvent[] {
    this.window = [];
    this.settledMg = undefined;
    if (this.phase === phase) return [];
    this.phase = phase;
    return [{ kind: phase, at }];
  }

  private moving(at: number): WeighEvent[] {
    this.window = [];
    const wasStill = this.phase !== 'moving';
    this.phase = 'moving';
    this.settledMg = undefined;
    return wasStill ? [{ kind: 'unstable', at }] : [];
  }

  private still(weight: Weight, at: number): WeighEvent[] {
    const mg = toMilligrams(weight);
    const tolerance = BigInt(this.settings.toleranceMg);
    const events: WeighEvent[] = [];
    if (this.phase === 'settled' && this.settledMg !== undefined && abs(mg - this.settledMg) > tolerance) {
      // the load changed without a motion flag (some scales never send one)
      events.push(...this.moving(at));
    }
    if (this.phase === 'overload' || this.phase === 'underload') this.phase = 'unknown';
    // a reading that disagrees with the run so far starts a new run
    if (this.window.length > 0 && abs(this.window[0]!.mg - mg) > tolerance) this.window = [];
    this.window.push({ mg, weight, at });
    if (this.window.length > this.settings.readings * 4) this.window.splice(1, 1);
    if (this.phase === 'settled') return events;
    const first = this.window[0]!;
    if (this.window.length >= this.settings.readings && at - first.at >= this.settings.windowMs) {
      this.phase = 'settled';
      this.settledMg = mg;
      const kind = abs(mg) <= BigInt(this.settings.zeroBandMg) ? 'zero' : 'stable';
      events.push({ kind, weight, at });
    } else if (this.phase === 'unknown') {
      this.phase = 'moving';
    }
    return events;
  }
}

const abs = (n: bigint) => (n < 0n ? -n : n);
