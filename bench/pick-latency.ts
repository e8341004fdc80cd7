import { benchBatchPicking } from './batch-latency.js';
import type { BenchStation } from './bench-station.js';
import { p99OverFloorRow, type ScanFloor } from './floors/scan-floor.js';
import { percentile, type BenchRow } from './percentiles.js';

/** The orders picked one by one: CMD-1001 … CMD-1060 (the pack benchmark packs some of them). */
export const PICKED_ORDERS = 60;
/** Carts of 8 open orders the agent chooses, picked after the discrete picks. */
export const BATCH_CARTS = 2;
export const BATCH_ORDERS = 8 * BATCH_CARTS;

/**
 * Picks orders CMD-1001 … CMD-(1000 + `orders`) one by one at `station`, every bin and product
 * scan timed to its frame into `into` (a lot typed, a line picked short: not timed, not scans).
 */
export async function pickOrders(station: BenchStation, orders: number, into: number[]): Promise<void> {
  const { scanner } = station;
  await scanner.act({ type: 'menu', choice: 'pick' });
  for (let o = 0; o < orders; o++) {
    await scanner.input(`CMD-${1001 + o}`);
    for (let guard = 0; guard < 100 && scanner.view.screen === 'pick'; guard++) {
      const view = scanner.view;
      if (view.screen !== 'pick') break;
      // a lot-tracked line takes its FEFO lot, typed, before its items (not timed: not a scan)
      const fefo = view.phase === 'product' && view.lots && !view.lots.current ? (view.lots.inBin[0]?.lot ?? null) : undefined;
      if (fefo === null) await scanner.act({ type: 'short', reason: 'not-found' });
      else if (fefo !== undefined) await scanner.act({ type: 'lot', lot: fefo });
      else await station.timedScan(view.phase === 'location' ? view.line.location : view.line.barcode!, into);
    }
    await scanner.act({ type: 'finish' });
  }
  await scanner.act({ type: 'back' });
}

/** Scan → screen while picking, ms: discrete picking's scans and batch picking's. */
export interface PickSamples {
  discrete: number[];
  batch: number[];
}

/**
 * Scan → screen while picking: a scan written to the agent's local API (as a serial reader's
 * would be) until the TUI frame that shows its outcome, the agent in its own process with the
 * bench's catalog. Discrete picks of `PICKED_ORDERS` orders, then `BATCH_CARTS` carts of batch
 * picking (batch-latency.ts); ends at the menu.
 */
export async function benchPicking(station: BenchStation): Promise<PickSamples> {
  const discrete: number[] = [];
  await pickOrders(station, PICKED_ORDERS, discrete);
  const batch = await benchBatchPicking(station.scanner, BATCH_CARTS, station.timedScan);
  await station.scanner.act({ type: 'back' });
  return { discrete, batch };
}

/** The pick rows: p50, `pick scan -> screen p99 / floor` (goal <= 1.5x), and batch picking against discrete picking in the same run (issue 16: within 10 %). */
export function pickRows({ discrete, batch }: PickSamples, floor: ScanFloor): BenchRow[] {
  const ratio = (p: number) => Math.round((100 * percentile(batch, p)) / percentile(discrete, p));
  return [
    { name: `pick scan -> screen p50 (${discrete.length} scans)`, value: `${percentile(discrete, 50).toFixed(1)} ms` },
    p99OverFloorRow('pick scan -> screen p99 / floor', discrete, floor, 1.5),
    { name: `batch pick: scan -> screen p50 (${batch.length} scans)`, value: `${percentile(batch, 50).toFixed(1)} ms` },
    { name: `batch pick: scan -> screen p99 (${batch.length} scans)`, value: `${percentile(batch, 99).toFixed(1)} ms` },
    { name: 'batch pick: p50 / discrete pick p50', value: `${ratio(50)} %`, goal: '<= 110 %', met: ratio(50) <= 110 },
    { name: 'batch pick: p99 / discrete pick p99', value: `${ratio(99)} %`, goal: '<= 110 %', met: ratio(99) <= 110 },
  ];
}
