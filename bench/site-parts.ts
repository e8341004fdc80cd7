import { startBenchSite } from './bench-site.js';
import { openBenchStation } from './bench-station.js';
import { ScanFloorSampler } from './floors/scan-floor.js';
import { benchPacking, packRows, type PackSamples } from './pack-latency.js';
import type { BenchRow } from './percentiles.js';
import { BATCH_ORDERS, benchPicking, PICKED_ORDERS, pickRows, type PickSamples } from './pick-latency.js';
import { agentPeakRssRow, catalogSyncRows } from './site-rows.js';

/**
 * The benchmarks that share one site (hub and agent from dist/, the catalog synced, the same
 * orders whichever parts run): the catalog sync always; with `pick` or `pack`, the timed scans at
 * station BENCH-1 with the scan → screen floors sampled around them, and the agent's peak RSS after.
 */
export async function benchSiteParts(parts: { pick: boolean; pack: boolean }): Promise<BenchRow[]> {
  const site = await startBenchSite(PICKED_ORDERS + BATCH_ORDERS);
  try {
    const rows = catalogSyncRows(site);
    if (!parts.pick && !parts.pack) return rows;
    // the floors in three rounds: before the scans, between pick and pack, after them
    const floors = await ScanFloorSampler.open(site.dir);
    const station = await openBenchStation(site);
    let pick: PickSamples | undefined;
    let pack: PackSamples | undefined;
    try {
      await floors.sample();
      if (parts.pick) pick = await benchPicking(station);
      await floors.sample();
      if (parts.pack) pack = await benchPacking(station, site.scale, !parts.pick);
      await floors.sample();
    } finally {
      station.close();
      await floors.close();
    }
    const floor = floors.result();
    const scans = (pick ? pick.discrete.length + pick.batch.length : 0) + (pack?.scans.length ?? 0);
    return [...rows, ...floor.rows, ...(pick ? pickRows(pick, floor) : []), ...(pack ? packRows(pack, floor) : []), agentPeakRssRow(site, scans)];
  } finally {
    await site.stop();
  }
}
