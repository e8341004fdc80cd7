import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseBatch, type BatchCandidate } from '../../../src/domain/batch-choice.js';
import type { Location } from '../../../src/domain/catalog.js';
import { locationCode } from '../../../src/domain/location-walk.js';

const bin = (zone: string, aisle: number, bay: number, level = 1): Location => ({ code: locationCode(zone, aisle, bay, level), zone, aisle, bay, level });

const order = (number: string, locations: Location[], more: Partial<BatchCandidate> = {}): BatchCandidate => ({
  id: `SO-${number}`,
  number,
  priority: 0,
  shipBy: null,
  carrier: null,
  heldBy: null,
  locations,
  ...more,
});

const numbers = (batch: BatchCandidate[]) => batch.map((o) => o.number);

describe('batch choice', () => {
  it('takes the orders whose bins overlap the batch before the others, all else equal', () => {
    const seed = order('CMD-1001', [bin('A', 1, 2), bin('A', 3, 5)]);
    const far = order('CMD-1002', [bin('C', 4, 9)]);
    const sameAisle = order('CMD-1003', [bin('A', 3, 8)]);
    const sameBin = order('CMD-1004', [bin('A', 3, 5)]);
    expect(numbers(chooseBatch([seed, far, sameAisle, sameBin], 4, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1004', 'CMD-1003', 'CMD-1002']);
  });

  it('counts the overlap with every order chosen so far, not only the seed', () => {
    const seed = order('CMD-1001', [bin('A', 1, 1)]);
    const second = order('CMD-1002', [bin('A', 1, 1), bin('B', 2, 4)]);
    const nearSecond = order('CMD-1004', [bin('B', 2, 4)]);
    const elsewhere = order('CMD-1003', [bin('C', 1, 1)]);
    expect(numbers(chooseBatch([elsewhere, seed, second, nearSecond], 3, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1002', 'CMD-1004']);
  });

  it('seeds with the highest priority, and a priority order comes before any overlap', () => {
    const urgent = order('CMD-1009', [bin('A', 1, 1)], { priority: 5 });
    const alsoUrgent = order('CMD-1010', [bin('C', 4, 10)], { priority: 2 });
    const overlapping = order('CMD-1001', [bin('A', 1, 1)]);
    expect(numbers(chooseBatch([overlapping, alsoUrgent, urgent], 2, 'ST-1'))).toEqual(['CMD-1009', 'CMD-1010']);
  });

  it('takes the earliest cut-off before any overlap, orders without one last', () => {
    const seed = order('CMD-1001', [bin('A', 1, 1)], { shipBy: '2026-11-30T12:00:00Z' });
    const none = order('CMD-1002', [bin('A', 1, 1)]);
    // compared as instants, not as text: 13:00Z comes before 14:30Z
    const later = order('CMD-1003', [bin('C', 4, 10)], { shipBy: '2026-11-30T14:30:00Z' });
    const sooner = order('CMD-1004', [bin('B', 2, 2)], { shipBy: '2026-11-30T15:00:00+02:00' });
    expect(numbers(chooseBatch([none, later, sooner, seed], 4, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1004', 'CMD-1003', 'CMD-1002']);
  });

  it("takes the seed's carrier before overlap, and no carrier is no preference", () => {
    const seed = order('CMD-1001', [bin('A', 1, 1)], { carrier: 'colissimo' });
    const overlapping = order('CMD-1002', [bin('A', 1, 1)], { carrier: 'dpd' });
    const sameCarrier = order('CMD-1003', [bin('C', 4, 10)], { carrier: 'colissimo' });
    expect(numbers(chooseBatch([seed, overlapping, sameCarrier], 3, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1003', 'CMD-1002']);
    const noCarrier = order('CMD-1001', [bin('A', 1, 1)]);
    const alsoNone = order('CMD-1004', [bin('C', 4, 10)]);
    expect(numbers(chooseBatch([noCarrier, alsoNone, overlapping], 3, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1002', 'CMD-1004']);
  });

  it('never takes an order another station holds, and keeps one this station holds', () => {
    const heldElsewhere = order('CMD-1001', [bin('A', 1, 1)], { priority: 9, heldBy: 'ST-2' });
    const heldHere = order('CMD-1002', [bin('A', 1, 1)], { heldBy: 'ST-1' });
    const free = order('CMD-1003', [bin('A', 1, 2)]);
    expect(numbers(chooseBatch([heldElsewhere, heldHere, free], 8, 'ST-1'))).toEqual(['CMD-1002', 'CMD-1003']);
    expect(chooseBatch([heldElsewhere], 8, 'ST-1')).toEqual([]);
  });

  it('takes every order when the cart has more positions than there are orders', () => {
    const orders = [order('CMD-1002', [bin('B', 1, 1)]), order('CMD-1001', [bin('A', 1, 1)]), order('CMD-1003', [])];
    expect(numbers(chooseBatch(orders, 8, 'ST-1'))).toEqual(['CMD-1001', 'CMD-1002', 'CMD-1003']);
  });

  it('takes only the most urgent order on a cart of one, in numeric order of number', () => {
    const orders = [order('CMD-1000', [bin('A', 1, 1)]), order('CMD-999', [bin('C', 1, 1)])];
    expect(numbers(chooseBatch(orders, 1, 'ST-1'))).toEqual(['CMD-999']);
  });

  it('chooses nothing from no orders or for a cart of no positions', () => {
    expect(chooseBatch([], 8, 'ST-1')).toEqual([]);
    expect(chooseBatch([order('CMD-1001', [bin('A', 1, 1)])], 0, 'ST-1')).toEqual([]);
  });

  it('never more than the size, never an order held elsewhere, never one twice', () => {
    const stations = fc.constantFrom(null, 'ST-1', 'ST-2');
    const location = fc.record({ zone: fc.constantFrom('A', 'B'), aisle: fc.integer({ min: 1, max: 3 }), bay: fc.integer({ min: 1, max: 4 }) }).map(({ zone, aisle, bay }) => bin(zone, aisle, bay));
    const candidate = fc.record({
      id: fc.constantFrom('SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6'),
      number: fc.constantFrom('CMD-1', 'CMD-2', 'CMD-10'),
      priority: fc.integer({ min: -2, max: 2 }),
      shipBy: fc.option(fc.constantFrom('2026-11-30T10:00:00Z', '2026-11-30T12:00:00+01:00', 'not a date')),
      carrier: fc.option(fc.constantFrom('dpd', 'ups')),
      heldBy: stations,
      locations: fc.array(location, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), fc.integer({ min: 0, max: 8 }), (candidates, size) => {
        const batch = chooseBatch(candidates, size, 'ST-1');
        expect(batch.length).toBeLessThanOrEqual(size);
        expect(batch.every((c) => c.heldBy === null || c.heldBy === 'ST-1')).toBe(true);
        expect(new Set(batch.map((c) => c.id)).size).toBe(batch.length);
        const eligible = new Set(candidates.filter((c) => c.heldBy !== 'ST-2').map((c) => c.id));
        expect(batch.length).toBe(Math.min(size, eligible.size));
      }),
    );
  });
});
