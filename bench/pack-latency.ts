import type { RunningSimulator } from '../src/devices/simulators/device-simulator.js';
import { DEMO_DEFAULTS, generateDemoData } from '../src/hub/adapters/embedded/demo-data.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { benchSize } from './bench-size.js';
import type { BenchStation } from './bench-station.js';
import { p99OverFloorRow, type ScanFloor } from './floors/scan-floor.js';
import { percentile, type BenchRow } from './percentiles.js';
import { PICKED_ORDERS, pickOrders } from './pick-latency.js';

const PACKED_ORDERS = 12;
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Packing orders the pick benchmark picked (with `pickFirst`, when it did not run, they are picked
 * here first, untimed), on the same station and TUI, starting from the menu: every item scan timed
 * to its frame, and, for each parcel, the time from the scale's stable weight (the agent pushes it
 * at once) to the frame that shows pass or fail, ms. Ends at the menu.
 */
export async function benchPacking(station: BenchStation, scale: RunningSimulator, pickFirst: boolean): Promise<PackSamples> {
  const { scanner, frames } = station;
  if (pickFirst) await pickOrders(station, PICKED_ORDERS, []);
  const data = generateDemoData({ ...DEMO_DEFAULTS, products: benchSize.products, orders: PICKED_ORDERS });
  const ean = (code: string) => data.barcodes.find((b) => b.productCode === code && b.multiple === 1)!.code.slice(1);
  const weighable = data.orders.filter((o) => o.lines.every((l) => data.products.find((p) => p.code === l.productCode)!.weightGrams !== null)).slice(0, PACKED_ORDERS);
  const scans: number[] = [];
  const weighs: number[] = [];
  await scanner.act({ type: 'menu', choice: 'pack' });
  for (const [index, order] of weighable.entries()) {
    await scanner.input(order.number);
    for (const line of order.lines) for (let i = 0; i < line.quantity; i++) await station.timedScan(ean(line.productCode), scans);
    await scanner.act({ type: 'close-box' });
    const boxed = await scanner.act({ type: 'box', code: 'BOX-L' });
    if (boxed.view.screen !== 'pack' || !boxed.view.expected) throw new Error(`no expected weight for ${order.number}`);
    const seen = scanner.messages.length;
    const framesBefore = frames.length;
    await scale.handle(`place ${boxed.view.expected.grams} g`);
    const stableIndex = await waitFor(() => {
      const i = scanner.messages.findIndex((m, k) => k >= seen && m.type === 'view' && m.status.scale?.condition === 'stable');
      return i >= 0 ? i + 1 : 0;
    }, 'stable weight pushed', 5000, 1);
    const frame = await waitFor(() => frames.slice(framesBefore).find((f) => /CONFORME/.test(stripAnsi(f.text))), 'pass or fail on screen', 5000, 1);
    weighs.push(frame.at - scanner.arrivals[stableIndex - 1]!);
    await scanner.act({ type: 'carrier', carrier: 'colissimo' });
    await scanner.input(`6A${String(100000000000 + index)}`);
    await scanner.act({ type: 'finish' });
    await scale.handle('remove');
  }
  await scanner.act({ type: 'back' });
  return { scans, weighs };
}

/** Item scan → screen and stable weight → pass/fail, ms. */
export interface PackSamples {
  scans: number[];
  weighs: number[];
}

/** The pack rows: p50, `pack item scan -> screen p99 / floor` (goal <= 1.5x), the weighing's p50 and p99. */
export function packRows({ scans, weighs }: PackSamples, floor: ScanFloor): BenchRow[] {
  return [
    { name: `pack item scan -> screen p50 (${scans.length} scans)`, value: `${percentile(scans, 50).toFixed(1)} ms` },
    p99OverFloorRow('pack item scan -> screen p99 / floor', scans, floor, 1.5),
    { name: `stable weight -> pass/fail on screen p50 (${weighs.length} parcels)`, value: `${percentile(weighs, 50).toFixed(1)} ms` },
    { name: `stable weight -> pass/fail on screen p99 (${weighs.length} parcels)`, value: `${percentile(weighs, 99).toFixed(1)} ms` },
  ];
}
