import { describe, expect, it } from 'vitest';
import type { ScaleFrame } from '../../../src/devices/scale/scale-frame.js';
import { StableWeightFilter } from '../../../src/devices/scale/stable-weight-filter.js';

const kg = (value: string, motion = false): ScaleFrame => ({ type: 'weight', weight: { value, unit: 'kg' }, motion, net: true });

/** Feeds frames 100 ms apart; returns the events with their times. */
function feed(filter: StableWeightFilter, frames: ScaleFrame[], start = 0) {
  return frames.flatMap((frame, i) => filter.push(frame, start + i * 100).map((e) => ({ ...e, at: start + i * 100 })));
}

describe('stable-weight filter', () => {
  it('emits stable once per settled load, after N agreeing readings over T ms', () => {
    const filter = new StableWeightFilter({ readings: 3, toleranceMg: 2000, windowMs: 300, zeroBandMg: 2 });
    const events = feed(filter, [kg('0.500', true), kg('1.180', true), kg('1.233'), kg('1.234'), kg('1.234'), kg('1.235'), kg('1.234'), kg('1.234')]);
    expect(events).toEqual([
      { kind: 'unstable', at: 0 },
      { kind: 'stable', weight: { value: '1.235', unit: 'kg' }, at: 500 },
    ]);
  });

  it('never reports a weight while a motion flag is up, and reports unstable when it goes up', () => {
    const filter = new StableWeightFilter({ readings: 2, toleranceMg: 0, windowMs: 100, zeroBandMg: 0 });
    const events = feed(filter, [kg('2.000'), kg('2.000'), kg('2.000', true), kg('2.000', true), { type: 'motion' }, kg('2.100'), kg('2.100')]);
    expect(events.map((e) => e.kind)).toEqual(['stable', 'unstable', 'stable']);
    expect(events[2]).toMatchObject({ weight: { value: '2.100' } });
  });

  it('sees a load change even from a scale that never flags motion', () => {
    const filter = new StableWeightFilter({ readings: 2, toleranceMg: 1000, windowMs: 100, zeroBandMg: 0 });
    const events = feed(filter, [kg('1.000'), kg('1.000'), kg('3.000'), kg('3.000')]);
    expect(events.map((e) => e.kind)).toEqual(['stable', 'unstable', 'stable']);
  });

  it('reports zero, overload and underload as they happen, once each', () => {
    const filter = new StableWeightFilter({ readings: 2, toleranceMg: 1, windowMs: 100, zeroBandMg: 2 });
    const events = feed(filter, [kg('0.000'), kg('0.000'), { type: 'overload' }, { type: 'overload' }, { type: 'underload' }, kg('0.500'), kg('0.500')]);
    expect(events.map((e) => e.kind)).toEqual(['zero', 'overload', 'underload', 'stable']);
  });

  it('ignores frames that say nothing about the weight', () => {
    const filter = new StableWeightFilter();
    expect(filter.push({ type: 'done', command: 'Z' }, 0)).toEqual([]);
    expect(filter.push({ type: 'garbled', raw: 'x' }, 0)).toEqual([]);
  });
});
