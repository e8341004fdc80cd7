import { describe, expect, it } from 'vitest';
import type { Location } from '../../../src/domain/catalog.js';
import { doubtsRaisedBy, doubtsSettledBy, otherBin } from '../../../src/domain/stock-doubt.js';

const bin = (code: string): Location => {
  const [zone, aisle, bay, level] = code.split('-');
  return { code, zone: zone!, aisle: Number(aisle), bay: Number(bay), level: Number(level) };
};

describe('ghost stock rules', () => {
  it('an empty bin or a product not found doubts the bin; damaged or too few do not; a count settles it', () => {
    const short = (reason: 'empty-location' | 'not-found' | 'damaged' | 'insufficient') => ({ type: 'pick.short' as const, payload: { orderId: 'SO1', lineId: '1', productCode: 'P1', location: 'A-01-01-1', picked: 0, short: 2, reason, lots: [] } });
    expect(doubtsRaisedBy([short('empty-location'), short('not-found'), short('damaged'), short('insufficient')]).map((d) => d.reason)).toEqual(['empty-location', 'not-found']);
    const counted = { type: 'count.line.counted' as const, payload: { taskId: null, location: 'A-01-01-1', productCode: 'P1', lot: null, counted: 0, expected: 23, recounted: false, firstCount: null } };
    expect(doubtsSettledBy([short('empty-location'), counted])).toEqual([{ productCode: 'P1', location: 'A-01-01-1' }]);
  });

  it('routes to the first bin on the walk holding the whole line, else to the fullest, else nowhere', () => {
    const bins = [
      { location: bin('B-01-01-1'), quantity: 9 },
      { location: bin('A-02-01-1'), quantity: 5 },
      { location: bin('A-01-03-1'), quantity: 0 },
      { location: bin('A-01-05-1'), quantity: 2 },
    ];
    expect(otherBin(4, bins)?.location.code).toBe('A-02-01-1');
    expect(otherBin(6, bins)?.location.code).toBe('B-01-01-1');
    expect(otherBin(20, bins)?.location.code).toBe('B-01-01-1');
    expect(otherBin(1, [{ location: bin('A-01-03-1'), quantity: 0 }])).toBeNull();
  });
});
