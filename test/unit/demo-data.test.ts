import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';

describe('the demo\'s weighed goods come in an order of their own', () => {
  it('after the generated orders, with the next number: no generated order holds the cheese', () => {
    for (const options of [DEMO_DEFAULTS, { products: 20, orders: 1, seed: 7 }]) {
      const data = generateDemoData(options);
      const cheese = data.products.at(-1)!;
      expect(cheese).toMatchObject({ name: 'Comté AOP 18 mois à la coupe', unit: 'pce', weightGrams: 320 });
      expect(data.orders).toHaveLength(options.orders + 1);
      const next = 1001 + options.orders;
      expect(data.orders.at(-1)).toEqual({ id: `SO${next}`, number: `CMD-${next}`, customer: 'Épicerie Fine Sud', address: expect.any(String), lines: [{ lineId: '1', productCode: cheese.code, locationCode: cheese.homeLocation, quantity: 2 }] });
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
