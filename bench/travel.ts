import { chooseBatch, type BatchCandidate } from '../src/domain/batch-choice.js';
import { DEMO_DEFAULTS, generateDemoData } from '../src/hub/adapters/embedded/demo-data.js';
import type { BenchRow } from './percentiles.js';
import { routeLengthM, type FloorLayout } from './walking-distance.js';

/** Positions of the demo's cart (agent config `picking.carts` default, `CHR-`). */
const CART_POSITIONS = 8;

/**
 * Travel: the distance walked to pick the demo's open orders (`generateDemoData(DEMO_DEFAULTS)`)
 * one by one, against picking them in batches of 8 on a cart.
 *
 * Layout model (docs/operations.md, "Batch picking: the travel model"): the demo's zones A, B, C
 * of 4 aisles of 10 bays stand side by side as 12 parallel aisles, 3 m apart centre to centre
 * (two runs of 0.6 m deep shelving and a 1.8 m aisle), bays 1 m wide, so an aisle is 10 m long
 * and open at both ends onto a cross-aisle. The depot is at the front of aisle A-01. A route goes
 * from the depot through its bins in the walking order (`compareWalkingOrder`) and back, leaving
 * each aisle by whichever end is shorter; levels are reached, not walked.
 *
 * One by one: a route per order. Batched: `chooseBatch` (cart of 8, station BENCH, no order
 * held, each order with the demo's priority, cut-off and carrier) over the orders left, until
 * none is; a route per batch with one stop per distinct bin.
 */
export function benchTravel(): BenchRow[] {
  const demo = generateDemoData(DEMO_DEFAULTS);
  const bins = new Map(demo.locations.map((location) => [location.code, location]));
  const layout: FloorLayout = {
    zones: [...new Set(demo.locations.map((l) => l.zone))].sort(),
    aislesPerZone: Math.max(...demo.locations.map((l) => l.aisle)),
    bays: Math.max(...demo.locations.map((l) => l.bay)),
    aislePitchM: 3,
    bayWidthM: 1,
  };
  const orders: BatchCandidate[] = demo.orders.map((order) => ({
    id: order.id,
    number: order.number,
    priority: order.priority,
    shipBy: order.shipBy,
    carrier: order.carrier,
    heldBy: null,
    locations: order.lines.map((line) => bins.get(line.locationCode)!),
  }));

  const oneByOne = orders.reduce((metres, order) => metres + routeLengthM(layout, order.locations), 0);
  let batched = 0;
  let batches = 0;
  for (let left = orders; left.length > 0; ) {
    const batch = chooseBatch(left, CART_POSITIONS, 'BENCH');
    batched += routeLengthM(layout, batch.flatMap((order) => order.locations));
    batches++;
    left = left.filter((order) => !batch.includes(order));
  }
  return [
    { name: `travel: demo orders one by one, ${orders.length} routes (m)`, value: `${Math.round(oneByOne)}` },
    { name: `travel: demo orders in batches of ${CART_POSITIONS}, ${batches} routes (m)`, value: `${Math.round(batched)}` },
    { name: 'travel: batched / one by one', value: `${Math.round((100 * batched) / oneByOne)} %`, goal: '≤ 50 %', met: batched <= oneByOne / 2 },
  ];
}
