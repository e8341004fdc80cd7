import { percentile, type BenchRow } from '../percentiles.js';
import { commitFloorMs } from './commit-floor.js';
import { inkFrameFloorMs } from './ink-frame-floor.js';

/** The floor of a scan → screen row, ms: what the disk and Ink take at best, measured in this run. */
export interface ScanFloor {
  commitP99: number;
  inkFrameP99: number;
  /** commitP99 + inkFrameP99: one confirmed action committed, then one frame drawn. */
  p99: number;
  rows: BenchRow[];
}

/**
 * Measures the floors of the scan → screen rows in this process: one-row commits (knex + sqlite3,
 * WAL, synchronous=FULL) in a database under `dir` (the bench's stores' directory, so the same
 * filesystem), then bare Ink 20-row frames on the bench's fake terminal.
 */
export async function measureScanFloor(dir: string): Promise<ScanFloor> {
  const commits = await commitFloorMs(dir);
  const frames = await inkFrameFloorMs();
  const commitP99 = percentile(commits, 99);
  const inkFrameP99 = percentile(frames, 99);
  const p99 = commitP99 + inkFrameP99;
  return {
    commitP99,
    inkFrameP99,
    p99,
    rows: [
      { name: `floor: one-row commit p99 (knex+sqlite3, WAL, synchronous=FULL, ${commits.length} commits)`, value: `${commitP99.toFixed(1)} ms` },
      { name: `floor: bare Ink 20-row frame p99 (production React, maxFps 0, ${frames.length} frames)`, value: `${inkFrameP99.toFixed(1)} ms` },
      { name: 'floor: scan -> screen p99 (commit p99 + Ink frame p99)', value: `${p99.toFixed(1)} ms` },
    ],
  };
}

/** A latency row beside its floor: `samples`' p99 (ms) over `floor.p99`, goal at most `maxRatio` times. */
export function p99OverFloorRow(name: string, samples: number[], floor: ScanFloor, maxRatio: number): BenchRow {
  const p99 = percentile(samples, 99);
  const ratio = p99 / floor.p99;
  return { name, value: `${p99.toFixed(1)} ms`, floor: `${floor.p99.toFixed(1)} ms`, ratio: `${ratio.toFixed(2)}x`, goal: `<= ${maxRatio}x`, met: ratio <= maxRatio };
}
