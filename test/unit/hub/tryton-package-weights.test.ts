import { describe, expect, it } from 'vitest';
import { packageWeights } from '../../../src/hub/adapters/tryton/tryton-picking.js';

describe("a parcel's weights as Tryton's package reads them", () => {
  it('the tare in whole grams, the surplus over goods and tare as kg to the gram: the total is the scale’s', () => {
    // three widgets of 0.75 kg in a 185 g box, 2.437 kg on the scale
    expect(packageWeights(2437, 2.25, 185)).toEqual({ packagingGrams: 185, additionalKg: 0.002, lighterByGrams: 0 });
    // Tryton's float sums (0.1 + 0.2) do not leave a stray fraction of a gram
    expect(packageWeights(500, 0.1 + 0.2, 200)).toEqual({ packagingGrams: 200, additionalKg: 0, lighterByGrams: 0 });
  });

  it('a parcel lighter than goods and tare: no additional weight, never a negative one, and by how much it is lighter', () => {
    expect(packageWeights(2400, 2.25, 200)).toEqual({ packagingGrams: 200, additionalKg: 0, lighterByGrams: 50 });
    expect(packageWeights(1700, 2.25, 200)).toEqual({ packagingGrams: 200, additionalKg: 0, lighterByGrams: 750 });
  });
});
