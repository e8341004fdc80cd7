import { describe, expect, it } from 'vitest';
import { parseSimCommand } from '../../../src/devices/simulators/sim-commands.js';
import { kgText } from '../../../src/devices/simulators/simulated-scale.js';
import { parseWeight, toMilligrams } from '../../../src/domain/weight.js';
import { WedgeDetector } from '../../../src/tui/wedge-detector.js';

describe('weights as exact decimals', () => {
  it('reads, normalises and converts without float drift', () => {
    expect(parseWeight(' 0001.230 ', 'KG')).toEqual({ value: '1.230', unit: 'kg' });
    expect(parseWeight('-0.000', 'g')).toEqual({ value: '0.000', unit: 'g' });
    expect(parseWeight('1,2', 'kg')).toBeUndefined();
    expect(parseWeight('1.2', 'ct')).toBeUndefined();
    expect(toMilligrams({ value: '0.1', unit: 'kg' }) + toMilligrams({ value: '0.2', unit: 'kg' })).toBe(300_000n);
    expect(toMilligrams({ value: '1', unit: 'lb' })).toBe(453_592n);
    expect(toMilligrams({ value: '1', unit: 'oz' })).toBe(28_350n);
    expect(toMilligrams({ value: '-2.5', unit: 'g' })).toBe(-2500n);
    expect(kgText(1_234_567n)).toBe('1.235');
    expect(kgText(-20_000n)).toBe('-0.020');
  });
});

describe('simulator control lines', () => {
  it('parses what support staff type', () => {
    expect(parseSimCommand('place 1.234 kg')).toEqual({ kind: 'place', weight: { value: '1.234', unit: 'kg' } });
    expect(parseSimCommand('place 250 g')).toEqual({ kind: 'place', weight: { value: '250', unit: 'g' } });
    expect(parseSimCommand('scan ]C10109521234543213<GS>10AB C')).toEqual({ kind: 'scan', data: ']C10109521234543213\x1d10AB C' });
    expect(parseSimCommand('shake 500')).toEqual({ kind: 'shake', ms: 500 });
    expect(parseSimCommand('unplug')).toEqual({ kind: 'unplug', ms: 1000 });
    expect(parseSimCommand('mute')).toEqual({ kind: 'mute' });
    expect(parseSimCommand('unmute')).toEqual({ kind: 'unmute' });
  });

  it('explains what it cannot parse', () => {
    expect(parseSimCommand('place heavy')).toMatchObject({ error: expect.stringContaining('place 1.234 kg') });
    expect(parseSimCommand('dance')).toMatchObject({ error: expect.stringContaining('unknown command') });
    expect(parseSimCommand('scan')).toMatchObject({ error: expect.stringContaining('scan needs') });
  });
});

describe('keyboard-wedge detection', () => {
  it('takes a fast burst ending in Enter for a scan, and a person for a person', () => {
    const detector = new WedgeDetector({ maxGapMs: 30, minLength: 6 });
    detector.typed(13, 0);
    expect(detector.submitted(5)).toBe('wedge');
    for (let i = 0; i < 13; i++) detector.typed(1, i * 8);
    expect(detector.submitted(110)).toBe('wedge');
    for (let i = 0; i < 13; i++) detector.typed(1, i * 120);
    expect(detector.submitted(1600)).toBe('keyboard');
    detector.typed(3, 0);
    expect(detector.submitted(2)).toBe('keyboard'); // too short to be a scan
    detector.typed(13, 0);
    expect(detector.submitted(400)).toBe('keyboard'); // Enter pressed by hand afterwards
  });
});
