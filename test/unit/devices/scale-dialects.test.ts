import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceConfig, type ScaleConfig } from '../../../src/devices/device-config.js';
import { parseContinuousLine } from '../../../src/devices/scale/continuous.js';
import { parseMtSicsLine } from '../../../src/devices/scale/mt-sics.js';
import { SCALE_PROFILES, scaleProfile } from '../../../src/devices/scale/scale-profiles.js';
import { parseToledoFrame } from '../../../src/devices/scale/toledo-8217.js';
import { continuousLine, mtSicsWeight, respondToledo } from '../../../src/devices/simulators/scale-responders.js';
import { SimulatedScale } from '../../../src/devices/simulators/simulated-scale.js';
import { fromMilligrams, parseWeight, toMilligrams, withImpliedDecimals } from '../../../src/domain/weight.js';

const grams = (frame: ReturnType<typeof parseMtSicsLine>) => (frame.type === 'weight' ? Number(toMilligrams(frame.weight)) / 1000 : undefined);

describe('MT-SICS units, converted exactly (1 lb = 453.59237 g, 1 oz = 1/16 lb = 28.349523125 g)', () => {
  it.each([
    ['S S     100.00 g', { value: '100.00', unit: 'g' }, 100],
    ['S S      1.234 kg', { value: '1.234', unit: 'kg' }, 1234],
    ['S S      1.250 t', { value: '1.250', unit: 't' }, 1_250_000],
    ['S S      2.50 lb', { value: '2.50', unit: 'lb' }, 1133.981],
    ['S S     40.00 oz', { value: '40.00', unit: 'oz' }, 1133.981],
    // 12 lb 7.50 oz = 199.5 oz = 12.46875 lb = 5655.7298634… g
    ['S S     12:07.50 lb:oz', { value: '12.46875', unit: 'lb' }, 5655.73],
    ['S D      0:15.9 lb:oz', { value: '0.99375', unit: 'lb' }, 450.757],
    ['S S     -1:08 lb:oz', { value: '-1.5', unit: 'lb' }, -680.389],
    ['S S      3:00.00 lb:oz', { value: '3', unit: 'lb' }, 1360.777],
  ])('%j', (line, weight, g) => {
    const frame = parseMtSicsLine(line);
    expect(frame).toMatchObject({ type: 'weight', weight });
    expect(grams(frame)).toBe(g);
  });

  it('12:07.50 lb:oz is 5655.73 g to the hundredth (5 655 729.86 mg)', () => {
    expect(toMilligrams(parseWeight('12:07.50', 'lb:oz')!)).toBe(5_655_730n);
  });

  it.each(['S S     12:16.00 lb:oz', 'S S     12:7:1 lb:oz', 'S S     12.5 lb:oz', 'S S     1.0 st'])('garbled, not guessed: %j', (line) => {
    expect(parseMtSicsLine(line)).toEqual({ type: 'garbled', raw: line });
  });

  it('any pounds and ounces read as lb give the same milligrams as the ounces counted alone', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(15), fc.nat(99), (lb, oz, hundredths) => {
        const ounces = `${oz}.${String(hundredths).padStart(2, '0')}`;
        const asLb = parseWeight(`${lb}:${ounces}`, 'lb:oz')!;
        const totalOz = parseWeight(`${lb * 16 + oz}.${String(hundredths).padStart(2, '0')}`, 'oz')!;
        expect(asLb.unit).toBe('lb');
        expect(toMilligrams(asLb)).toBe(toMilligrams(totalOz));
      }),
    );
  });
});

describe('numbers sent without a decimal point', () => {
  it.each([
    ['00150', 0, '00150'],
    ['00150', 3, '00.150'],
    ['5', 2, '0.05'],
    ['-1234', 1, '-123.4'],
    ['1.5', 2, '1.5'],
  ])('%s with %i decimals → %s', (value, decimals, text) => {
    expect(withImpliedDecimals(value, decimals)).toBe(text);
  });

  it('Toledo 8217: STX 00150 CR is 150 g with decimals 0 (unit g by default), garbled without decimals', () => {
    expect(parseToledoFrame('\x0200150', { decimals: 0 })).toEqual({ type: 'weight', weight: { value: '150', unit: 'g' }, motion: false, net: false });
    expect(parseToledoFrame('\x0200150N\r', { decimals: 3, unit: 'kg' })).toEqual({ type: 'weight', weight: { value: '0.150', unit: 'kg' }, motion: false, net: true });
    expect(parseToledoFrame('\x0200150')).toEqual({ type: 'garbled', raw: '\x0200150' });
    // a frame with its point keeps the 8217 rule whatever the setting: 3 decimals kg, 2 lb
    expect(parseToledoFrame('\x0201.234', { decimals: 0 })).toMatchObject({ weight: { value: '1.234', unit: 'kg' } });
    expect(parseToledoFrame('\x0201.23', { decimals: 0 })).toMatchObject({ weight: { value: '1.23', unit: 'lb' } });
  });

  it('continuous: decimals for a number without a point; the device unit where the pattern has none', () => {
    expect(parseContinuousLine('ST,+0001234  g', undefined, { decimals: 1 })).toMatchObject({ weight: { value: '123.4', unit: 'g' } });
    const tenByte = /^(?<sign>[+-])?(?<value>\d{8})$/;
    expect(parseContinuousLine('00001350', tenByte, { decimals: 1, unit: 'kg' })).toMatchObject({ type: 'weight', weight: { value: '135.0', unit: 'kg' } });
    expect(parseContinuousLine('00001350', tenByte)).toEqual({ type: 'garbled', raw: '00001350' });
  });
});

describe('profiles: continuous formats', () => {
  const patternOf = (name: string) => new RegExp(scaleProfile(name)!.pattern!);
  it.each([
    // CAS 22-byte: header, gross/net, device id 1, lamp byte (b7 set, b6 stable), 8 data bytes, unit
    ['cas-22-byte', 'ST,GS,1\xc0,000013.5 kg', { type: 'weight', weight: { value: '13.5', unit: 'kg' }, motion: false, net: false }],
    ['cas-22-byte', 'US,NT,1\x80,-00002.5 kg', { type: 'weight', weight: { value: '-2.5', unit: 'kg' }, motion: true, net: true }],
    ['cas-22-byte', 'ST,GS,1\xc0,0001.250  t', { type: 'weight', weight: { value: '1.250', unit: 't' }, motion: false, net: false }],
    ['cas-22-byte', 'OL,GS,1\x80,999999.9 kg', { type: 'overload' }],
    ['adam-continuous', 'ST,GS,   1.234 kg', { type: 'weight', weight: { value: '1.234', unit: 'kg' }, motion: false, net: false }],
    ['adam-continuous', 'US NT -  0.500 kg', { type: 'weight', weight: { value: '-0.500', unit: 'kg' }, motion: true, net: true }],
    ['adam-continuous', 'ST,GS,  12.50 lb', { type: 'weight', weight: { value: '12.50', unit: 'lb' }, motion: false, net: false }],
  ])('%s: %j', (name, line, frame) => {
    expect(parseContinuousLine(line, patternOf(name))).toEqual(frame);
  });

  it('A&D keeps the A&D standard format (default pattern)', () => {
    expect(scaleProfile('and-continuous')!.pattern).toBeUndefined();
    expect(parseContinuousLine('ST,+00123.45  g')).toMatchObject({ weight: { value: '123.45', unit: 'g' } });
  });
});

describe('scale config with a profile', () => {
  const parse = (input: object) => deviceConfig.parse({ kind: 'scale', id: 'S', serial: { path: '/dev/serial/by-id/usb-FTDI_FT232R-if00-port0' }, ...input }) as ScaleConfig;

  it('every profile makes a valid config on its own', () => {
    for (const profile of SCALE_PROFILES) {
      const config = parse({ profile: profile.name });
      expect(config).toMatchObject({ protocol: profile.protocol, serial: profile.serial });
    }
  });

  it('fills the protocol, line and reading of the profile', () => {
    expect(parse({ profile: 'toledo-8217-grams' })).toMatchObject({
      profile: 'toledo-8217-grams',
      protocol: 'toledo-8217',
      poll: 'W',
      decimals: 0,
      unit: 'g',
      serial: { path: '/dev/serial/by-id/usb-FTDI_FT232R-if00-port0', baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
    });
    expect(parse({ profile: 'mettler-toledo-mt-sics-xonxoff' }).serial).toMatchObject({ xon: true, xoff: true, dataBits: 8 });
  });

  it('fields given in the config win, one by one', () => {
    const config = parse({ profile: 'toledo-8217-grams', decimals: 1, serial: { path: '/dev/ttyUSB3', baudRate: 4800 }, pollMs: 250 });
    expect(config).toMatchObject({ decimals: 1, unit: 'g', pollMs: 250, serial: { path: '/dev/ttyUSB3', baudRate: 4800, dataBits: 7, parity: 'even' } });
  });

  it('without a profile: as before (protocol required, 9600 8N1)', () => {
    expect(parse({ protocol: 'mt-sics' })).toMatchObject({ serial: { baudRate: 9600, dataBits: 8, parity: 'none' } });
    expect(deviceConfig.safeParse({ kind: 'scale', id: 'S', serial: { path: '/dev/x' } }).success).toBe(false);
  });

  it('an unknown profile, a bad unit or a pattern without value is refused, naming the field', () => {
    const issues = (input: object) => deviceConfig.safeParse({ kind: 'scale', id: 'S', serial: { path: '/dev/x' }, protocol: 'continuous', ...input }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ profile: 'mettler-toledo-sics' })).toEqual(['profile']);
    expect(issues({ unit: 'st' })).toEqual(['unit']);
    expect(issues({ pattern: '^(?<weight>\\d+)$' })).toEqual(['pattern']);
    expect(issues({ pattern: '^(?<value>\\d+)$' })).toEqual(['pattern']);
    expect(issues({ pattern: '^(?<value>\\d+)$', unit: 'kg' })).toBeUndefined();
    // a setting the protocol would not use
    expect(issues({ protocol: 'mt-sics', decimals: 0, unit: 'g' })).toEqual(['decimals', 'unit']);
    expect(issues({ protocol: 'toledo-8217', pattern: '^(?<value>\\d+)$' })).toEqual(['pattern']);
    expect(issues({ poll: 'P\r\n' })).toEqual(['poll']);
  });
});

describe('the simulator speaks the dialects the driver reads', () => {
  it('fromMilligrams: a weight at a resolution, rounded half away from zero', () => {
    expect(fromMilligrams(1_133_981n, 'lb', 2)).toBe('2.50');
    expect(fromMilligrams(5_655_730n, 'oz', 2)).toBe('199.50');
    expect(fromMilligrams(150_000n, 'g', 0)).toBe('150');
    expect(fromMilligrams(-1_234_567n, 'kg', 3)).toBe('-1.235');
    expect(fromMilligrams(-400n, 'g', 0)).toBe('0');
    expect(fromMilligrams(1_250_000_000n, 't', 3)).toBe('1.250');
  });

  it('MT-SICS in lb:oz: 5655.73 g is `S S   12:07.50 lb:oz`, read back as 12.46875 lb', () => {
    expect(mtSicsWeight(5_655_730n, 'lb:oz')).toBe('  12:07.50 lb:oz');
    expect(parseMtSicsLine(`S S ${mtSicsWeight(5_655_730n, 'lb:oz')}`)).toMatchObject({ weight: { value: '12.46875', unit: 'lb' } });
    expect(mtSicsWeight(-680_389n, 'lb:oz')).toBe('  -1:08.00 lb:oz');
  });

  it('any weight in any MT-SICS unit reads back within half a display step', () => {
    const step: Record<string, bigint> = { g: 10n, kg: 1000n, t: 1_000_000n, lb: 4536n, oz: 284n, 'lb:oz': 284n };
    fc.assert(
      fc.property(fc.bigInt({ min: -50_000_000n, max: 500_000_000n }), fc.constantFrom('g', 'kg', 't', 'lb', 'oz', 'lb:oz' as const), (mg, unit) => {
        const frame = parseMtSicsLine(`S S ${mtSicsWeight(mg, unit)}`);
        if (frame.type !== 'weight') throw new Error(`not read: ${mtSicsWeight(mg, unit)}`);
        const back = toMilligrams(frame.weight);
        expect(back - mg <= step[unit]! / 2n + 1n && mg - back <= step[unit]! / 2n + 1n).toBe(true);
      }),
    );
  });

  it('Toledo without a point and the CAS / Adam lines', () => {
    let now = 0;
    const scale = new SimulatedScale(() => now);
    scale.place({ value: '150', unit: 'g' });
    const still = new SimulatedScale(() => now);
    still.place({ value: '13.5', unit: 'kg' });
    now = 1000; // both settled
    expect(respondToledo('W', scale, { decimals: 0 })).toBe('\x0200150\r');
    expect(parseToledoFrame(respondToledo('W', scale, { decimals: 0 }).slice(0, -1), { decimals: 0 })).toMatchObject({ weight: { value: '150', unit: 'g' } });
    const cas = continuousLine(still, 'cas-22');
    expect(cas).toBe('ST,GS,1\xc4,0013.500 kg\r\n');
    expect(cas.length).toBe(22);
    expect(parseContinuousLine(cas, new RegExp(scaleProfile('cas-22-byte')!.pattern!))).toMatchObject({ weight: { value: '13.500', unit: 'kg' }, motion: false });
    expect(parseContinuousLine(continuousLine(still, 'adam'), new RegExp(scaleProfile('adam-continuous')!.pattern!))).toMatchObject({ weight: { value: '13.500', unit: 'kg' } });
  });
});
