import { describe, expect, it } from 'vitest';
import { continuousPattern, parseContinuousLine } from '../../../src/devices/scale/continuous.js';
import { mtSicsCommandAnswer, parseMtSicsLine } from '../../../src/devices/scale/mt-sics.js';
import { parseToledoFrame, toledoCommandAnswer, toledoStatusFlags } from '../../../src/devices/scale/toledo-8217.js';

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
    ['Z +', { type: 'refused', command: 'Z', reason: 'above-range' }],
    ['Z -', { type: 'refused', command: 'Z', reason: 'below-range' }],
    ['T +', { type: 'refused', command: 'T', reason: 'above-range' }],
    ['ZI D', { type: 'done', command: 'ZI' }],
    ['T S      12.50 g', { type: 'done', command: 'T', tare: { value: '12.50', unit: 'g' } }],
    ['TA A      12.50 g', { type: 'done', command: 'TA', tare: { value: '12.50', unit: 'g' } }],
    ['TI L', { type: 'refused', command: 'TI', reason: 'not-executable' }],
    ['TAC A', { type: 'done', command: 'TAC' }],
    ['I4 A "B207696838"', { type: 'identity', serial: 'B207696838' }],
    ['ES', { type: 'refused', command: '?', reason: 'unknown-command' }],
    ['ET', { type: 'refused', command: '?', reason: 'transmission' }],
    ['EL', { type: 'refused', command: '?', reason: 'not-executable' }],
    ['EI', { type: 'refused', command: '?', reason: 'busy' }],
    ['S S Error 10b', { type: 'garbled', raw: 'S S Error 10b' }],
    ['S S 12.3 carats', { type: 'garbled', raw: 'S S 12.3 carats' }],
    ['\x00\xff', { type: 'garbled', raw: '\x00\xff' }],
  ])('%j', (line, frame) => {
    expect(parseMtSicsLine(line)).toEqual(frame);
  });

  it.each([
    ['Z', 'Z A', { outcome: 'done' }],
    ['T', 'T S      12.50 g', { outcome: 'done', tare: { value: '12.50', unit: 'g' } }],
    ['TAC', 'TAC A', { outcome: 'done' }],
    ['Z', 'Z I', { outcome: 'refused', reason: 'busy' }],
    ['Z', 'Z +', { outcome: 'refused', reason: 'above-range' }],
    ['T', 'T -', { outcome: 'refused', reason: 'below-range' }],
    ['TAC', 'TAC I', { outcome: 'refused', reason: 'busy' }],
    ['Z', 'ES', { outcome: 'refused', reason: 'unknown-command' }],
    ['T', 'EL', { outcome: 'refused', reason: 'not-executable' }],
    ['Z', 'ET', { outcome: 'refused', reason: 'transmission' }],
    // a poll's late answer, or another command's, is not this command's answer
    ['Z', 'S S     1.234 kg', undefined],
    ['Z', 'S I', undefined],
    ['T', 'Z A', undefined],
  ])('%s answered %j', (sent, line, answer) => {
    expect(mtSicsCommandAnswer(parseMtSicsLine(line), sent)).toEqual(answer);
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
    ['\x02?A', { type: 'motion' }],
    ['\x02?B', { type: 'overload' }],
    ['\x02?D', { type: 'underload' }],
    ['\x02?H', { type: 'status', flags: ['outside-zero-range'] }],
    ['\x02?P', { type: 'status', flags: ['centre-of-zero'] }],
    ['\x02?Q', { type: 'motion' }],
    ['\x02hello', { type: 'garbled', raw: '\x02hello' }],
  ])('%j', (frame, expected) => {
    expect(parseToledoFrame(frame)).toEqual(expected);
  });

  it.each([
    // zero: only stable, within the zero capture range, with no tare on
    ['Z', '\x02?P\r', { outcome: 'done' }],
    ['Z', '\x02?@', { outcome: 'done' }],
    ['Z', '\x02?Q', { outcome: 'refused', reason: 'moving' }],
    ['Z', '\x02?H', { outcome: 'refused', reason: 'out-of-range' }],
    ['Z', '\x02?L', { outcome: 'refused', reason: 'out-of-range' }],
    ['Z', '\x02?`', { outcome: 'refused', reason: 'tare-active' }],
    ['Z', '\x02?B', { outcome: 'refused', reason: 'overload' }],
    // tare: done when the scale is in net mode after it
    ['T', '\x02?p', { outcome: 'done' }],
    ['T', '\x02?@', { outcome: 'refused', reason: 'not-executable' }],
    ['T', '\x02?A', { outcome: 'refused', reason: 'moving' }],
    ['T', '\x02?D', { outcome: 'refused', reason: 'underload' }],
    // clear tare: done when it is back in gross mode; ignored while moving
    ['C', '\x02?P', { outcome: 'done' }],
    ['C', '\x02?a', { outcome: 'refused', reason: 'moving' }],
    ['C', '\x02?`', { outcome: 'refused', reason: 'not-executable' }],
    // a weight is a poll's late answer; an empty frame is no status
    ['Z', '\x0201.234', undefined],
    ['C', '\x02', undefined],
  ])('%s answered %j', (sent, frame, answer) => {
    expect(toledoCommandAnswer(frame, sent)).toEqual(answer);
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
    expect(() => continuousPattern('^(?<weight>\\d+)$')).toThrow(/named group value/);
  });
});
