import { startBenchSite } from './bench-site.js';
import { openBenchStation } from './bench-station.js';
import { measureScanFloor } from './floors/scan-floor.js';
import { benchPacking } from './pack-latency.js';
import type { BenchRow } from './percentiles.js';
import { BATCH_ORDERS, benchPicking, PICKED_ORDERS } from './pick-latency.js';
import { agentPeakRssRow, catalogSyncRows } from './site-rows.js';

/**
 * The benchmarks that share one site (hub and agent from dist/, the catalog synced, the same
 * orders whichever parts run): the catalog sync always; with `pick` or `pack`, the scan → screen
 * floors then the timed scans at station BENCH-1 and the agent's peak RSS after them.
 */
export async function benchSiteParts(parts: { pick: boolean; pack: boolean }): Promise<BenchRow[]> {
  const site = await startBenchSite(PICKED_ORDERS + BATCH_ORDERS);
  try {
    const rows = catalogSyncRows(site);
    if (parts.pick || parts.pack) {
      const floor = await measureScanFloor(site.dir);
      rows.push(...floor.rows);
      const station = await openBenchStation(site);
      let scans = 0;
      try {
        if (parts.pick) {
          const pick = await benchPicking(station, floor);
          rows.push(...pick.rows);
          scans += pick.scans;
        }
        if (parts.pack) {
          const pack = await benchPacking(station, site.scale, floor, !parts.pick);
          rows.push(...pack.rows);
          scans += pack.scans;
        }
      } finally {
        station.close();
      }
      rows.push(agentPeakRssRow(site, scans));
    }
    return rows;
  } finally {
    await site.stop();
  }
}
