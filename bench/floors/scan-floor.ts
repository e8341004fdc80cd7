import { percentile, type BenchRow } from '../percentiles.js';
import { openCommitFloor, type CommitFloor } from './commit-floor.js';
import { mountInkFrameFloor, type InkFrameFloor } from './ink-frame-floor.js';

/** The floor of a scan → screen row, ms: what the disk and Ink take at best, measured in this run. */
export interface ScanFloor {
  commitP99: number;
  inkFrameP99: number;
  /** commitP99 + inkFrameP99: one confirmed action committed, then one frame drawn. */
  p99: number;
  rows: BenchRow[];
}

/**
 * The floors of the scan → screen rows, sampled in this process in rounds spread over the timed
 * scans (before, between and after them), so the machine's mood is the same for both: one-row
 * commits (knex + sqlite3, WAL, synchronous=FULL) in a database under the bench's stores'
 * directory (the same filesystem), and bare Ink 20-row frames on the bench's fake terminal.
 */
export class ScanFloorSampler {
  private readonly commits: number[] = [];
  private readonly frames: number[] = [];

  private constructor(
    private readonly disk: CommitFloor,
    private readonly ink: InkFrameFloor,
  ) {}

  static async open(dir: string): Promise<ScanFloorSampler> {
    return new ScanFloorSampler(await openCommitFloor(dir), await mountInkFrameFloor());
  }

  /** One round: `count` commits one after the other, then `count` frames. */
  async sample(count = 100): Promise<void> {
    for (let i = 0; i < count; i++) this.commits.push(await this.disk.commit());
    for (let i = 0; i < count; i++) this.frames.push(await this.ink.frame());
  }

  /** The p99s of every round so far, and their rows. */
  result(): ScanFloor {
    const commitP99 = percentile(this.commits, 99);
    const inkFrameP99 = percentile(this.frames, 99);
    const p99 = commitP99 + inkFrameP99;
    return {
      commitP99,
      inkFrameP99,
      p99,
      rows: [
        { name: `floor: one-row commit p99 (knex+sqlite3, WAL, synchronous=FULL, ${this.commits.length} commits)`, value: `${commitP99.toFixed(1)} ms` },
        { name: `floor: bare Ink 20-row frame p99 (production React, maxFps 0, ${this.frames.length} frames)`, value: `${inkFrameP99.toFixed(1)} ms` },
        { name: 'floor: scan -> screen p99 (commit p99 + Ink frame p99)', value: `${p99.toFixed(1)} ms` },
      ],
    };
  }

  async close(): Promise<void> {
    this.ink.unmount();
    await this.disk.close();
  }
}

/** A latency row beside its floor: `samples`' p99 (ms) over `floor.p99`, goal at most `maxRatio` times. */
export function p99OverFloorRow(name: string, samples: number[], floor: ScanFloor, maxRatio: number): BenchRow {
  const p99 = percentile(samples, 99);
  const ratio = p99 / floor.p99;
  return { name, value: `${p99.toFixed(1)} ms`, floor: `${floor.p99.toFixed(1)} ms`, ratio: `${ratio.toFixed(2)}x`, goal: `<= ${maxRatio}x`, met: ratio <= maxRatio };
}
