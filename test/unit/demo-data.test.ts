import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { DEMO_CARRIERS } from '../../src/hub/adapters/embedded/demo-dispatch.js';

describe('the demo\'s weighed goods come in an order of their own', () => {
  it('after the generated orders, with the next number: no generated order holds the cheese', () => {
    for (const options of [DEMO_DEFAULTS, { products: 20, orders: 1, seed: 7 }]) {
      const data = generateDemoData(options);
      const cheese = data.products.at(-1)!;
      expect(cheese).toMatchObject({ name: 'Comté AOP 18 mois à la coupe', unit: 'pce', weightGrams: 320 });
      expect(data.orders).toHaveLength(options.orders + 1);
      const next = 1001 + options.orders;
      expect(data.orders.at(-1)).toEqual({ id: `SO${next}`, number: `CMD-${next}`, customer: 'Épicerie Fine Sud', address: expect.any(String), priority: expect.any(Number), shipBy: expect.any(String), carrier: expect.any(String), lines: [{ lineId: '1', productCode: cheese.code, locationCode: cheese.homeLocation, quantity: 2 }] });
      expect(data.orders.slice(0, -1).filter((o) => o.lines.some((l) => l.productCode === cheese.code))).toEqual([]);
    }
  });

  it('CMD-1023 is the generated order it always was: its three lines, none of the cheese', () => {
    expect(generateDemoData(DEMO_DEFAULTS).orders.find((o) => o.number === 'CMD-1023')!.lines).toEqual([
      { lineId: '1', productCode: 'P000176', locationCode: 'B-01-09-2', quantity: 2 },
      { lineId: '2', productCode: 'P000075', locationCode: 'B-02-03-3', quantity: 3 },
      { lineId: '3', productCode: 'P000202', locationCode: 'C-03-10-1', quantity: 1 },
    ]);
  });
});

describe('the demo\'s orders leave by priority, cut-off and carrier, given by rank', () => {
  const orders = generateDemoData(DEMO_DEFAULTS).orders;

  it('a few urgent orders, three cut-offs of one day with many ties, three carriers, a few orders the ERP says nothing of', () => {
    expect(orders.filter((o) => o.priority === 1).map((o) => o.number)).toEqual(['CMD-1002', 'CMD-1008', 'CMD-1014', 'CMD-1020']);
    expect(orders.every((o) => o.priority === 0 || o.priority === 1)).toBe(true);
    const cutOffs = new Map<string | null, number>();
    for (const o of orders) cutOffs.set(o.shipBy, (cutOffs.get(o.shipBy) ?? 0) + 1);
    expect([...cutOffs.keys()].sort()).toEqual(['2026-12-01T11:00:00Z', '2026-12-01T14:00:00Z', '2026-12-01T16:30:00Z', null]);
    expect(Math.min(...[...cutOffs.values()])).toBeGreaterThanOrEqual(3);
    expect(new Set(orders.map((o) => o.carrier))).toEqual(new Set([...DEMO_CARRIERS, null]));
    expect(orders.filter((o) => o.shipBy === null).map((o) => o.number)).toEqual(['CMD-1008', 'CMD-1016', 'CMD-1024']);
    expect(orders.filter((o) => o.carrier === null).map((o) => o.number)).toEqual(['CMD-1007', 'CMD-1014', 'CMD-1021']);
  });

  it('the same for every seed and size: the dispatch draws nothing, so the orders, lines and stock are the ones they were', () => {
    const small = generateDemoData({ products: 20, orders: 3, seed: 7 }).orders;
    expect(small.map(({ priority, shipBy, carrier }) => ({ priority, shipBy, carrier }))).toEqual(orders.slice(0, 4).map(({ priority, shipBy, carrier }) => ({ priority, shipBy, carrier })));
  });
});
