import { describe, expect, it } from 'vitest';
import { continuousPattern, parseContinuousLine } from '../../../src/devices/scale/continuous.js';
import { parseMtSicsLine } from '../../../src/devices/scale/mt-sics.js';
import { parseToledoFrame, toledoStatusFlags } from '../../../src/devices/scale/toledo-8217.js';

describe('MT-SICS responses', () => {
  it.each([
    ['S S     100.00 g', { type: 'weight', weight: { value: '100.00', unit: 'g' }, motion: false, net: true }],
    ['S D     129.07 g', { type: 'weight', weight: { value: '129.07', unit: 'g' }, motion: true, net: true }],
    ['S S      -0.02 g', { type: 'weight', weight: { value: '-0.02', unit: 'g' }, motion: false, net: true }],
    ['S S   1.234 kg\r\n', { type: 'weight', weight: { value: '1.234', unit: 'kg' }, motion: false, net: true }],
    ['S +', { type: 'overload' }],
    ['S -', { type: 'underload' }],
    ['S I', { type: 'refused', command: 'S', reason: 'busy' }],
    ['Z A', { type: 'done', command: 'Z' }],
    ['Z I', { type: 'refused', command: 'Z', reason: 'busy' }],
    ['Z +', { type: 'refused', command: 'Z', reason: 'not-allowed' }],
    ['ZI D', { type: 'done', command: 'ZI' }],
    ['T S      12.50 g', { type: 'done', command: 'T', tare: { value: '12.50', unit: 'g' } }],
    ['TA A      12.50 g', { type: 'done', command: 'TA', tare: { value: '12.50', unit: 'g' } }],
    ['TI L', { type: 'refused', command: 'TI', reason: 'not-allowed' }],
    ['TAC A', { type: 'done', command: 'TAC' }],
    ['I4 A "B207696838"', { type: 'identity', serial: 'B207696838' }],
    ['ES', { type: 'refused', command: '?', reason: 'unknown-command' }],
    ['ET', { type: 'refused', command: '?', reason: 'transmission' }],
    ['EL', { type: 'refused', command: '?', reason: 'not-allowed' }],
    ['S S Error 10b', { type: 'garbled', raw: 'S S Error 10b' }],
    ['S S 12.3 carats', { type: 'garbled', raw: 'S S 12.3 carats' }],
    ['\x00\xff', { type: 'garbled', raw: '\x00\xff' }],
  ])('%j', (line, frame) => {
    expect(parseMtSicsLine(line)).toEqual(frame);
  });
});

describe('Toledo 8217 frames', () => {
  it('reads kg and lb weights, gross and net', () => {
    expect(parseToledoFrame('\x0201.234')).toEqual({ type: 'weight', weight: { value: '1.234', unit: 'kg' }, motion: false, net: false });
    expect(parseToledoFrame('\x0201.234N\r')).toEqual({ type: 'weight', weight: { value: '1.234', unit: 'kg' }, motion: false, net: true });
    expect(parseToledoFrame('\x0212.50')).toEqual({ type: 'weight', weight: { value: '12.50', unit: 'lb' }, motion: false, net: false });
  });

  it('reads every status bit (bits 0-5; bit 6 always set)', () => {
    expect(toledoStatusFlags('A')).toEqual(['motion']);
    expect(toledoStatusFlags('B')).toEqual(['over-capacity']);
    expect(toledoStatusFlags('D')).toEqual(['under-zero']);
    expect(toledoStatusFlags('H')).toEqual(['outside-zero-range']);
    expect(toledoStatusFlags('P')).toEqual(['centre-of-zero']);
    expect(toledoStatusFlags('Q')).toEqual(['motion', 'centre-of-zero']);
    expect(toledoStatusFlags('`')).toEqual(['net-mode']);
  });

  it.each([
    ['\x02?A', 'W', { type: 'motion' }],
    ['\x02?B', 'W', { type: 'overload' }],
    ['\x02?D', 'W', { type: 'underload' }],
    ['\x02?H', 'W', { type: 'status', flags: ['outside-zero-range'] }],
    ['\x02?P', 'Z', { type: 'done', command: 'Z' }],
    ['\x02?@', 'T', { type: 'done', command: 'T' }],
    ['\x02?Q', 'Z', { type: 'motion' }],
    ['\x02', 'C', { type: 'done', command: 'C' }],
    ['\x02hello', 'W', { type: 'garbled', raw: '\x02hello' }],
  ])('%j after %s', (frame, command, expected) => {
    expect(parseToledoFrame(frame, command)).toEqual(expected);
  });
});

describe('continuous output', () => {
  it.each([
    ['ST,+00123.45  g', { type: 'weight', weight: { value: '123.45', unit: 'g' }, motion: false, net: false }],
    ['US,+00123.40  g\r\n', { type: 'weight', weight: { value: '123.40', unit: 'g' }, motion: true, net: false }],
    ['ST,GS,+  4.876kg', { type: 'weight', weight: { value: '4.876', unit: 'kg' }, motion: false, net: false }],
    ['ST,NT,-0001.20 lb', { type: 'weight', weight: { value: '-1.20', unit: 'lb' }, motion: false, net: true }],
    ['ST,GS,  20.7g', { type: 'weight', weight: { value: '20.7', unit: 'g' }, motion: false, net: false }],
    ['OL,+999999.9  g', { type: 'overload' }],
    ['QT,+00000012 PC', { type: 'garbled', raw: 'QT,+00000012 PC' }],
    ['hello', { type: 'garbled', raw: 'hello' }],
  ])('%j', (line, frame) => {
    expect(parseContinuousLine(line)).toEqual(frame);
  });

  it("takes another maker's format as a pattern with named groups", () => {
    const pattern = continuousPattern('^(?<status>ST|US)\\s+(?<sign>[+-])(?<value>[\\d.]+)\\s*(?<unit>kg)$');
    expect(parseContinuousLine('US +2.5 kg', pattern)).toMatchObject({ type: 'weight', weight: { value: '2.5', unit: 'kg' }, motion: true });
    expect(() => continuousPattern('^(?<weight>\\d+)$')).toThrow(/named groups value and unit/);
  });
});
