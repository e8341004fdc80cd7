import { classifyScan } from '../src/domain/barcode/classify-scan.js';
import type { BenchRow } from './percentiles.js';

const GS = '\x1d';
/** What a receiving dock scans: GS1-128 with GTIN, weight, expiry and lot; a Digital Link; an EAN-13. */
const SAMPLES = [
  `]C10109521234543213` + `3103000750` + `17270600` + `10LOT-2026-11${GS}21SN000123`,
  ']Q1https://id.gs1.org/01/09521234543213/10/ABC123?17=271231',
  '5901234123457',
  `]C100106141411234567897${GS}`,
];

/** GS1 parses per second, single core, over a mix of real-world codes. */
export function benchGs1(): BenchRow[] {
  const now = new Date();
  let parses = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const sample of SAMPLES) {
      if (classifyScan(sample, now).kind === 'invalid') throw new Error(`benchmark sample refused: ${sample}`);
      parses++;
    }
  }
  const perSecond = parses / ((performance.now() - started) / 1000);
  return [{ name: 'GS1 scans parsed per second (mixed GS1-128, DL, EAN-13)', value: `${Math.round(perSecond / 1000)}k/s` }];
}
