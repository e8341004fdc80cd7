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
/** The kinds issue 15 added: a UPC-E, an 8-digit code read both ways, ISBN-10 and ISSN as printed, plain Code 128 and Data Matrix. */
const NEW_KIND_SAMPLES = ['07838604', '00079198', '0-306-40615-2', 'ISSN 0317-8471', ']C00109521234543213', `]d1010952123454321310ABC${GS}21X`];

/** Classifications per second, single core, over `samples` (each must be read, not refused). */
function throughput(samples: string[]): number {
  const now = new Date();
  let parses = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const sample of samples) {
      if (classifyScan(sample, now).kind === 'invalid') throw new Error(`benchmark sample refused: ${sample}`);
      parses++;
    }
  }
  return parses / ((performance.now() - started) / 1000);
}

/** GS1 parses per second over a mix of real-world codes; and the same for the newer kinds of code. */
export function benchGs1(): BenchRow[] {
  return [
    { name: 'GS1 scans parsed per second (mixed GS1-128, DL, EAN-13)', value: `${Math.round(throughput(SAMPLES) / 1000)}k/s` },
    { name: 'Scans classified per second (UPC-E, EAN-8/UPC-E, ISBN, ISSN, plain ]C0/]d1)', value: `${Math.round(throughput(NEW_KIND_SAMPLES) / 1000)}k/s` },
  ];
}
