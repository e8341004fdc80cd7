import { describe, expect, it } from 'vitest';
import type { Location } from '../../../src/domain/catalog.js';
import { compareWalkingOrder, locationCode } from '../../../src/domain/location-walk.js';

const at = (zone: string, aisle: number, bay: number, level: number): Location => ({ code: locationCode(zone, aisle, bay, level), zone, aisle, bay, level });

describe('walking order', () => {
  it('goes zone by zone, up odd aisles and down even ones, low level first', () => {
    const shuffled = [at('B', 1, 1, 1), at('A', 2, 9, 1), at('A', 1, 5, 2), at('A', 2, 1, 1), at('A', 1, 5, 1), at('A', 1, 2, 3)];
    const codes = [...shuffled].sort(compareWalkingOrder).map((l) => l.code);
    expect(codes).toEqual(['A-01-02-3', 'A-01-05-1', 'A-01-05-2', 'A-02-09-1', 'A-02-01-1', 'B-01-01-1']);
  });
});
