export { percentile } from '../src/runtime/percentile.js';

export interface BenchRow {
  name: string;
  value: string;
  goal?: string;
}
