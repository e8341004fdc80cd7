/**
 * Tells a keyboard-wedge scanner from a person: a scanner "types" a whole code in a burst
 * (keys a few ms apart) ending in Enter; a person is slower. Thresholds from the field reports in
 * shared/reference/devices.md §4.4, configurable per site.
 */
export interface WedgeSettings {
  /** Largest gap between two keys of a scan, in ms. */
  maxGapMs: number;
  /** Fewest characters a scan has. */
  minLength: number;
}

/** 5 characters: a badge (`B1001`) is the first thing a wedge reads at a station. */
export const DEFAULT_WEDGE: WedgeSettings = { maxGapMs: 30, minLength: 5 };

export class WedgeDetector {
  private lastAt: number | undefined;
  private count = 0;
  private maxGap = 0;

  constructor(private readonly settings: WedgeSettings = DEFAULT_WEDGE) {}

  /** `count` characters arrived at `at` (a chunk of several arrives at once). */
  typed(count: number, at: number): void {
    if (count <= 0) return;
    if (this.lastAt !== undefined && this.count > 0) this.maxGap = Math.max(this.maxGap, at - this.lastAt);
    this.lastAt = at;
    this.count += count;
  }

  /** Enter was pressed at `at`: was what came before it a scan? Resets for the next entry. */
  submitted(at: number): 'wedge' | 'keyboard' {
    const gapToEnter = this.lastAt === undefined ? Infinity : at - this.lastAt;
    const wedge = this.count >= this.settings.minLength && this.maxGap <= this.settings.maxGapMs && gapToEnter <= this.settings.maxGapMs;
    this.reset();
    return wedge ? 'wedge' : 'keyboard';
  }

  reset(): void {
    this.lastAt = undefined;
    this.count = 0;
    this.maxGap = 0;
  }
}
