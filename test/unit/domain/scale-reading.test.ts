import { describe, expect, it } from 'vitest';
import { afterIntent, isEmptyLoad, loadAtWeighStart, noteScaleEvent, takesSettledLoad, UNKNOWN_SCALE, weighed, type ScaleEvent, type StationScale } from '../../../src/domain/scale-reading.js';
import type { Weight } from '../../../src/domain/weight.js';

const g = (value: string): Weight => ({ value, unit: 'g' });
const stable = (value: string): ScaleEvent => ({ kind: 'stable', weight: g(value) });
const zero = (value = '0'): ScaleEvent => ({ kind: 'zero', weight: g(value) });
const EMPTY_G = 5;
const after = (scale: StationScale, ...events: ScaleEvent[]) => events.reduce((s, e) => noteScaleEvent(s, e, EMPTY_G), scale);

describe('the scale as the pack screen sees it', () => {
  it('counts a settled reading at or under the threshold as empty, in any unit', () => {
    expect(isEmptyLoad(g('5'), EMPTY_G)).toBe(true);
    expect(isEmptyLoad(g('5.001'), EMPTY_G)).toBe(false);
    expect(isEmptyLoad({ value: '0.004', unit: 'kg' }, EMPTY_G)).toBe(true);
    expect(isEmptyLoad(g('-0.5'), EMPTY_G)).toBe(true);
  });

  it('knows a settled load, forgets it while the scale moves, and remembers an emptying until a weight is taken', () => {
    const online = after(UNKNOWN_SCALE, { kind: 'online' });
    expect(online).toEqual({ kind: 'online', load: null, emptiedSinceWeighed: false });
    expect(after(online, stable('1200'))).toEqual({ kind: 'online', load: g('1200'), emptiedSinceWeighed: false });
    // a reading under the threshold, even reported as stable (not zero), empties the scale
    const emptied = after(online, stable('1200'), { kind: 'moving' }, stable('3'));
    expect(emptied).toEqual({ kind: 'online', load: null, emptiedSinceWeighed: true });
    const loaded = after(emptied, { kind: 'moving' }, stable('850'));
    expect(loaded).toEqual({ kind: 'online', load: g('850'), emptiedSinceWeighed: true });
    // beyond the range: it answers, but cannot weigh this load, moving or not, until a reading settles
    expect(after(loaded, { kind: 'overload' })).toEqual({ kind: 'online', load: null, emptiedSinceWeighed: true, outOfRange: true });
    expect(after(loaded, { kind: 'underload' }, { kind: 'moving' })).toEqual({ kind: 'online', load: null, emptiedSinceWeighed: true, outOfRange: true });
    expect(after(loaded, { kind: 'overload' }, stable('850'))).toEqual({ kind: 'online', load: g('850'), emptiedSinceWeighed: true });
    expect(weighed(loaded)).toEqual({ kind: 'online', load: g('850'), emptiedSinceWeighed: false });
    // nobody saw what happened while it was offline
    expect(after(loaded, { kind: 'offline' }, { kind: 'online' }, stable('850'))).toEqual({ kind: 'online', load: g('850'), emptiedSinceWeighed: false });
    expect(after({ kind: 'none' }, stable('850'), zero())).toEqual({ kind: 'none' });
  });
});

describe('which load is a parcel', () => {
  it('takes a load that settles while the parcel waits; after a failure, only a different one', () => {
    expect(takesSettledLoad({ phase: 'weigh', measured: null }, g('850'), EMPTY_G)).toBe(true);
    expect(takesSettledLoad({ phase: 'weigh', measured: null }, g('4'), EMPTY_G)).toBe(false);
    expect(takesSettledLoad({ phase: 'failed', measured: { value: '0.850', unit: 'kg' } }, g('850'), EMPTY_G)).toBe(false);
    expect(takesSettledLoad({ phase: 'failed', measured: { value: '0.850', unit: 'kg' } }, g('852'), EMPTY_G)).toBe(true);
  });

  it('at the start of the weigh step: takes a load put on the emptied scale, asks to lift and replace the last parcel, takes any load on "reweigh"', () => {
    const lastParcel: StationScale = { kind: 'online', load: g('1435'), emptiedSinceWeighed: false };
    const newParcel: StationScale = { kind: 'online', load: g('980'), emptiedSinceWeighed: true };
    expect(loadAtWeighStart(newParcel, 'box')).toEqual({ take: g('980') });
    expect(loadAtWeighStart(lastParcel, 'box')).toEqual({ lift: g('1435') });
    expect(loadAtWeighStart(lastParcel, 'reweigh')).toEqual({ take: g('1435') });
    expect(loadAtWeighStart({ kind: 'online', load: null, emptiedSinceWeighed: true }, 'box')).toBeNull();
    expect(loadAtWeighStart({ kind: 'offline' }, 'reweigh')).toBeNull();
    expect(loadAtWeighStart({ kind: 'none' }, 'box')).toBeNull();
  });

  it('an intent that read a weight from the scale for a parcel leaves it no longer emptied; a typed weight or no new weight leaves it as it was', () => {
    const emptied: StationScale = { kind: 'online', load: g('980'), emptiedSinceWeighed: true };
    const measured = g('980');
    expect(afterIntent(emptied, { measured: null }, { measured, weightSource: 'scale' })).toEqual({ ...emptied, emptiedSinceWeighed: false });
    expect(afterIntent(emptied, { measured, weightSource: 'scale' }, { measured, weightSource: 'scale' })).toBe(emptied);
    expect(afterIntent(emptied, { measured: null }, { measured, weightSource: 'manual' })).toBe(emptied);
    expect(afterIntent(emptied, null, null)).toBe(emptied);
  });
});
