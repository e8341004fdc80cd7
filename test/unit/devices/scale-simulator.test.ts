import { describe, expect, it } from 'vitest';
import { mtSicsCommandAnswer, parseMtSicsLine } from '../../../src/devices/scale/mt-sics.js';
import { toledoCommandAnswer } from '../../../src/devices/scale/toledo-8217.js';
import { answerMtSics, respondMtSics, respondToledo } from '../../../src/devices/simulators/scale-responders.js';
import { SimulatedScale } from '../../../src/devices/simulators/simulated-scale.js';

/** A simulated scale on a clock the test moves. */
function bench() {
  let now = 0;
  const scale = new SimulatedScale(() => now);
  return { scale, later: (ms: number) => (now += ms) };
}

describe('the simulated scale answers zero and tare as a real one does', () => {
  it('MT-SICS: Z within the zero range, T with the tare value, TAC; + and - outside the range', () => {
    const { scale, later } = bench();
    scale.place({ value: '300', unit: 'g' });
    expect(respondMtSics('Z', scale)).toBe('Z I\r\n'); // still swinging
    later(1000);
    expect(respondMtSics('Z', scale)).toBe('Z A\r\n');
    scale.place({ value: '1.534', unit: 'kg' });
    later(1000);
    expect(respondMtSics('T', scale)).toBe('T S      1.234 kg\r\n');
    expect(respondMtSics('SI', scale)).toBe('S S      0.000 kg\r\n');
    expect(respondMtSics('TAC', scale)).toBe('TAC A\r\n');
    expect(respondMtSics('SI', scale)).toBe('S S      1.234 kg\r\n');
    // 5 kg on a 60 kg scale is past its ±2 % zero range: refused, as `Z +`
    scale.place({ value: '5', unit: 'kg' });
    later(1000);
    expect(respondMtSics('Z', scale)).toBe('Z +\r\n');
    scale.underload = true;
    expect(respondMtSics('Z', scale)).toBe('Z -\r\n');
    expect(respondMtSics('T', scale)).toBe('T -\r\n');
    scale.underload = false;
    scale.place({ value: '70', unit: 'kg' });
    later(1000);
    expect(respondMtSics('SI', scale)).toBe('S +\r\n');
    expect(respondMtSics('T', scale)).toBe('T +\r\n');
    expect(respondMtSics('XYZ', scale)).toBe('ES\r\n');
  });

  it('MT-SICS: Z waits for a swinging load to settle, up to the stability timeout, then says I', async () => {
    const scale = new SimulatedScale();
    scale.place({ value: '100', unit: 'g' });
    scale.shake(40);
    expect(await answerMtSics('Z', scale, 500)).toBe('Z A\r\n');
    scale.shake(2000);
    const started = performance.now();
    expect(await answerMtSics('Z', scale, 60)).toBe('Z I\r\n');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(await answerMtSics('SI', scale, 60)).toMatch(/^S D /); // an immediate command does not wait
  });

  it('what the simulator says is what the driver reads', () => {
    const { scale, later } = bench();
    later(1000);
    expect(mtSicsCommandAnswer(parseMtSicsLine(respondMtSics('Z', scale)), 'Z')).toEqual({ outcome: 'done' });
    scale.place({ value: '5', unit: 'kg' });
    later(1000);
    expect(mtSicsCommandAnswer(parseMtSicsLine(respondMtSics('Z', scale)), 'Z')).toEqual({ outcome: 'refused', reason: 'above-range' });
    expect(mtSicsCommandAnswer(parseMtSicsLine(respondMtSics('T', scale)), 'T')).toEqual({ outcome: 'done', tare: { value: '5.000', unit: 'kg' } });
  });

  it('Toledo 8217: Z, T and C answered with the status after them, read as the driver reads it', () => {
    const { scale, later } = bench();
    const answer = (command: 'Z' | 'T' | 'C') => toledoCommandAnswer(respondToledo(command, scale), command);
    scale.place({ value: '0.2', unit: 'kg' });
    expect(answer('Z')).toEqual({ outcome: 'refused', reason: 'moving' });
    later(1000);
    expect(answer('Z')).toEqual({ outcome: 'done' });
    expect(answer('T')).toEqual({ outcome: 'refused', reason: 'not-executable' }); // nothing to tare on an empty platter
    scale.place({ value: '1.5', unit: 'kg' });
    later(1000);
    expect(answer('Z')).toEqual({ outcome: 'refused', reason: 'out-of-range' });
    expect(answer('T')).toEqual({ outcome: 'done' });
    expect(respondToledo('W', scale)).toBe('\x0200.000N\r');
    scale.place({ value: '1.2', unit: 'kg' });
    expect(answer('C')).toEqual({ outcome: 'refused', reason: 'moving' });
    later(1000);
    expect(answer('C')).toEqual({ outcome: 'done' });
    scale.place({ value: '0.1', unit: 'kg' }); // under the zero taken at 0.2 kg
    later(1000);
    expect(answer('T')).toEqual({ outcome: 'refused', reason: 'underload' });
    scale.place({ value: '0.5', unit: 'kg' });
    later(1000);
    expect(answer('T')).toEqual({ outcome: 'done' });
    expect(answer('Z')).toEqual({ outcome: 'refused', reason: 'tare-active' });
  });
});
