import type { DemoData } from '../../src/hub/adapters/embedded/demo-data.js';

/**
 * The demo's bin holding two lots of one lot-tracked product, and the one-line order that picks
 * it: the line, and the bin's lots as FEFO orders them (the first to expire first).
 */
export function demoTwoLots(data: DemoData) {
  const lotTracked = new Set(data.products.filter((p) => p.lotTracked).map((p) => p.code));
  const twoLots = data.stock.filter((s, _, all) => lotTracked.has(s.productCode) && all.filter((o) => o.productCode === s.productCode && o.locationCode === s.locationCode).length === 2);
  const order = data.orders.find((o) => o.lines.length === 1 && o.lines[0]!.productCode === twoLots[0]!.productCode)!;
  const [fefo, later] = [...twoLots].sort((a, b) => a.expiry!.localeCompare(b.expiry!));
  return { order, line: order.lines[0]!, fefo: fefo!, later: later! };
}
