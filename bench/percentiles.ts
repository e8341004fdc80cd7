export { percentile } from '../src/runtime/percentile.js';

/** One line of `npm run bench`'s table. */
export interface BenchRow {
  name: string;
  /** The figure, with its unit ("12.3 ms", "45 %"). */
  value: string;
  /** The raw floor the figure is compared with, measured in the same run ("8.1 ms"). */
  floor?: string;
  /** value / floor ("1.42x", "63 %"). */
  ratio?: string;
  /** The goal, said as a reader checks it ("<= 1.5x", "<= 150 MB"). */
  goal?: string;
  /** Whether the goal is met (✔/✘ in the table); absent when the row has no goal or the run cannot judge it (a catalog other than 100k). */
  met?: boolean;
}
