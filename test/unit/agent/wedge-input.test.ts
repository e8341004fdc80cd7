import { describe, expect, it } from 'vitest';
import { allotSscc, type ResolvedIntent } from '../../../src/agent/intent-resolver.js';
import { matchesNothing, resolveWedgeAware } from '../../../src/agent/wedge-input.js';
import type { StationState } from '../../../src/domain/workflows/station.js';

const box = { code: 'BOX-S', name: 'Carton S', tareGrams: 120, maxGrams: 5000, tolerance: null };

describe('which resolved inputs found nothing for their text', () => {
  const inBin = [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }];
  it.each<[string, ResolvedIntent, boolean]>([
    ['no operator', { type: 'sign-in', entered: 'X', operator: null }, true],
    ['an operator', { type: 'sign-in', entered: 'B1001', operator: { code: 'OP01', name: 'Marie' } }, false],
    ['an unknown scan', { type: 'scan', meaning: { kind: 'unknown', data: 'X' } }, true],
    ['an invalid scan', { type: 'count-scan', meaning: { kind: 'invalid', data: 'X', error: { code: 'BARCODE_BAD_CHECK_DIGIT', message: '' } as never }, expected: 0 }, true],
    ['a location', { type: 'receive-scan', meaning: { kind: 'location', code: 'A-01-01-1' }, lotTracked: false, suggested: null }, false],
    ['an order not found', { type: 'open-order', ref: 'X', order: null, refusal: 'unknown' }, true],
    ['an order taken elsewhere', { type: 'open-pack-order', ref: 'CMD-1001', order: null, refusal: 'not-available' }, false],
    ['a receipt not found', { type: 'open-receipt', ref: 'X', doc: null }, true],
    ['a count task not found', { type: 'open-count', taskId: 'X', label: 'X', found: false }, true],
    ['an unknown box', { type: 'box', box: null, ref: 'X' }, true],
    ['a box', { type: 'box', box, ref: 'BOX-S' }, false],
    ['a look-up without target', { type: 'lookup', ref: 'X', target: null }, true],
    ['a tracking number', { type: 'tracking', tracking: '6A12345678901' }, false],
    ['a tracking number that cannot be one (AZERTY-shifted 6A12345678901)', { type: 'tracking', tracking: '-Q&é"\'(-è_çà&' }, true],
    ['a lot the bin holds', { type: 'lot', lot: ' L26140 ', lots: inBin }, false],
    ['a lot the bin is not known to hold', { type: 'lot', lot: 'L"(&(à', lots: inBin }, true],
    ['a lot for a line that is not lot-tracked', { type: 'lot', lot: 'L26140', lots: null }, true],
  ])('%s', (_, intent, nothing) => {
    expect(matchesNothing(intent)).toBe(nothing);
  });
});

describe('resolveWedgeAware', () => {
  const resolveBox = async (data: string): Promise<ResolvedIntent> => ({ type: 'box', box: data === 'BOX-S' ? box : null, ref: data });

  it('reads a box code again through AZERTY (BOX)S is BOX-S)', async () => {
    const tried: string[] = [];
    const result = await resolveWedgeAware({ data: 'BOX)S', source: 'wedge' }, { keyboard: 'fr' }, (d) => (tried.push(d), resolveBox(d)));
    expect(result).toEqual({ intent: { type: 'box', box, ref: 'BOX-S' }, remapped: { layout: 'fr', text: 'BOX-S' } });
    expect(tried).toEqual(['BOX)S', 'BOX-S']);
  });

  it('resolves a keyboard input once, as typed', async () => {
    const tried: string[] = [];
    const result = await resolveWedgeAware({ data: 'BOX)S', source: 'keyboard', keyboard: 'fr' }, {}, (d) => (tried.push(d), resolveBox(d)));
    expect(result.remapped).toBeNull();
    expect(tried).toEqual(['BOX)S']);
  });
});

describe('the SSCC of a tracking number', () => {
  // not at a parcel waiting for its tracking number: the pack reducer will refuse it
  const menu = { screen: 'menu' } as StationState;

  it('is allotted after the choice: the readings tried allot nothing; none for a tracking number that cannot close a parcel', async () => {
    const tried: string[] = [];
    const resolveTracking = async (data: string): Promise<ResolvedIntent> => (tried.push(data), { type: 'tracking', tracking: data });
    const { intent } = await resolveWedgeAware({ data: '-Q&é"\'(-è_çà&', source: 'wedge', keyboard: 'fr' }, {}, resolveTracking);
    expect(tried).toEqual(['-Q&é"\'(-è_çà&', '6A12345678901']);
    expect(await allotSscc(intent, menu, () => Promise.reject(new Error('no SSCC for a refused tracking number')))).toEqual({ type: 'tracking', tracking: '6A12345678901', sscc: '' });
  });

  it('is not allotted for any other intent', async () => {
    const box = { type: 'box', box: null, ref: 'X' } as const;
    expect(await allotSscc(box, menu, () => Promise.reject(new Error('no SSCC for a box')))).toBe(box);
  });
});
