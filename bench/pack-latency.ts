import type { RunningSimulator } from '../src/devices/simulators/device-simulator.js';
import { DEMO_DEFAULTS, generateDemoData } from '../src/hub/adapters/embedded/demo-data.js';
import type { TerminalClient } from '../test/helpers/terminal-client.js';
import { waitFor } from '../test/helpers/wait-for.js';

const PACKED_ORDERS = 12;
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Packing the orders the pick benchmark just picked, on the same station and TUI: every item
 * scan timed to its frame, and, for each parcel, the time from the scale's stable weight (the
 * agent pushes it at once) to the frame that shows pass or fail.
 */
export async function benchPacking(
  scanner: TerminalClient,
  scale: RunningSimulator,
  frames: { at: number; text: string }[],
  timedScan: (data: string, into: number[]) => Promise<void>,
): Promise<{ scans: number[]; weighs: number[] }> {
  const data = generateDemoData({ ...DEMO_DEFAULTS, products: Number(process.env.QUAI_BENCH_PRODUCTS ?? 100_000), orders: 60 });
  const ean = (code: string) => data.barcodes.find((b) => b.productCode === code && b.multiple === 1)!.code.slice(1);
  const weighable = data.orders.filter((o) => o.lines.every((l) => data.products.find((p) => p.code === l.productCode)!.weightGrams !== null)).slice(0, PACKED_ORDERS);
  const scans: number[] = [];
  const weighs: number[] = [];
  await scanner.act({ type: 'back' });
  await scanner.act({ type: 'menu', choice: 'pack' });
  for (const [index, order] of weighable.entries()) {
    await scanner.input(order.number);
    for (const line of order.lines) for (let i = 0; i < line.quantity; i++) await timedScan(ean(line.productCode), scans);
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
  return { scans, weighs };
}
