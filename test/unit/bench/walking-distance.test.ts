import { describe, expect, it } from 'vitest';
import { routeLengthM, type FloorLayout } from '../../../bench/walking-distance.js';
import type { Location } from '../../../src/domain/catalog.js';
import { locationCode } from '../../../src/domain/location-walk.js';

const bin = (zone: string, aisle: number, bay: number, level = 1): Location => ({ code: locationCode(zone, aisle, bay, level), zone, aisle, bay, level });

/** Two zones of two aisles, 10 m long (10 bays of 1 m), 3 m apart: aisle A-01 is at 0 m, B-01 at 6 m. */
const layout: FloorLayout = { zones: ['A', 'B'], aislesPerZone: 2, bays: 10, aislePitchM: 3, bayWidthM: 1 };

describe('walking distance of a route (travel benchmark)', () => {
  it('walks from the depot into aisle A-01 and back', () => {
    expect(routeLengthM(layout, [bin('A', 1, 3)])).toBe(2 * 2.5);
  });

  it('leaves an aisle by whichever end is shorter, in walking order whatever the order given', () => {
    // depot → A-01 bay 9 (8.5), out at the back and into A-02 bay 9 (1.5 + 3 + 1.5), out at the front and across home (8.5 + 3)
    expect(routeLengthM(layout, [bin('A', 2, 9), bin('A', 1, 9)])).toBe(8.5 + 6 + 11.5);
  });

  it('walks to the next zone across the front, one stop per bin whatever its level', () => {
    expect(routeLengthM(layout, [bin('B', 1, 1, 1), bin('B', 1, 1, 2), bin('B', 1, 1, 1)])).toBe(2 * (6 + 0.5));
  });

  it('walks nothing for no bins and refuses a bin off the plan', () => {
    expect(routeLengthM(layout, [])).toBe(0);
    expect(() => routeLengthM(layout, [bin('C', 1, 1)])).toThrow(/C-01-01-1 is not on the floor plan/);
    expect(() => routeLengthM(layout, [bin('A', 1, 11)])).toThrow(RangeError);
  });
});
