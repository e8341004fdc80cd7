import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceConfig, type ScaleConfig, type ScannerConfig } from '../../../src/devices/device-config.js';
import type { PortFactory, SerialStream } from '../../../src/devices/managed-port.js';
import { ScaleDevice, type ScaleDeviceOptions } from '../../../src/devices/scale/scale-device.js';
import type { ScaleFrame } from '../../../src/devices/scale/scale-frame.js';
import type { WeighEvent } from '../../../src/devices/scale/stable-weight-filter.js';
import { ScannerDevice } from '../../../src/devices/scanner/scanner-device.js';
import { waitFor } from '../../helpers/wait-for.js';

type MockPort = SerialPortMock & { port: { emitData(data: string | Buffer): void; lastWrite: Buffer | null; recording: Buffer } };

/** Serial devices over node-serialport's mock binding; `opened` is the mock the device made. */
function mockFactory() {
  const made: { port?: MockPort } = {};
  const factory: PortFactory = (settings) => {
    made.port = new SerialPortMock({ path: settings.path, baudRate: settings.baudRate, dataBits: settings.dataBits, parity: settings.parity, autoOpen: false }) as MockPort;
    return made.port as unknown as SerialStream;
  };
  return { factory, made };
}

afterEach(() => SerialPortMock.binding.reset());

const scaleConfig = (protocol: ScaleConfig['protocol'], path: string): ScaleConfig =>
  deviceConfig.parse({ kind: 'scale', id: 'S1', protocol, pollMs: 20, serial: { path, baudRate: 9600 }, filter: { readings: 2, toleranceMg: 1, windowMs: 0, zeroBandMg: 0 } }) as ScaleConfig;

async function openScale(protocol: ScaleConfig['protocol'], options: ScaleDeviceOptions = {}) {
  const path = `/dev/MOCK-${protocol}`;
  SerialPortMock.binding.createPort(path, { record: true });
  const { factory, made } = mockFactory();
  const scale = new ScaleDevice(scaleConfig(protocol, path), { factory, ...options });
  const frames: ScaleFrame[] = [];
  const events: WeighEvent[] = [];
  scale.on('frame', (f) => frames.push(f));
  scale.on('weigh', (e) => events.push(e));
  scale.start();
  await waitFor(() => scale.port.isOnline, 'scale online');
  return { scale, port: made.port!, frames, events };
}

describe('scales over the serialport mock binding', () => {
  it('a configured poll replaces the protocol\'s: an MT-SICS terminal without SI polled with S', async () => {
    const path = '/dev/MOCK-poll';
    SerialPortMock.binding.createPort(path, { record: true });
    const { factory, made } = mockFactory();
    const config = deviceConfig.parse({ kind: 'scale', id: 'S1', profile: 'mettler-toledo-mt-sics', poll: 'S\r\n', pollMs: 20, serial: { path } }) as ScaleConfig;
    const scale = new ScaleDevice(config, { factory });
    const frames: ScaleFrame[] = [];
    scale.on('frame', (f) => frames.push(f));
    scale.start();
    try {
      await waitFor(() => made.port?.port.lastWrite?.toString() === 'S\r\n', 'S poll');
      made.port!.port.emitData('S S     12:07.50 lb:oz\r\n');
      await waitFor(() => frames.length > 0, 'a frame');
      expect(frames[0]).toEqual({ type: 'weight', weight: { value: '12.46875', unit: 'lb' }, motion: false, net: true });
      expect(made.port!.port.recording.toString()).not.toContain('SI');
    } finally {
      await scale.stop();
    }
  });

  it('MT-SICS: polls SI one question at a time, reads motion then a settled weight, zeroes with its answer', async () => {
    const { scale, port, frames, events } = await openScale('mt-sics');
    await waitFor(() => port.port.lastWrite?.toString() === 'SI\r\n', 'SI poll');
    port.port.emitData('S D     0.800 kg\r\n');
    await waitFor(() => port.port.recording.toString().split('SI\r\n').length > 2, 'next poll');
    port.port.emitData('S S     1.234 kg\r\nS S     1.234 kg\r\n');
    await waitFor(() => events.some((e) => e.kind === 'stable'), 'stable');
    expect(events).toEqual([expect.objectContaining({ kind: 'unstable' }), expect.objectContaining({ kind: 'stable', weight: { value: '1.234', unit: 'kg' } })]);
    const zeroed = scale.command('zero');
    await waitFor(() => port.port.recording.toString().includes('Z\r\n'), 'zero sent');
    // the poll's late answer first: a reading, not the zero's answer
    port.port.emitData('S S     1.234 kg\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(port.port.recording.toString().endsWith('Z\r\n')).toBe(true); // nothing asked while the zero is outstanding
    port.port.emitData('Z A\r\nES\r\n');
    expect(await zeroed).toEqual({ outcome: 'done' });
    await waitFor(() => frames.some((f) => f.type === 'refused'), 'ES read');
    expect(frames).toContainEqual({ type: 'done', command: 'Z' });
    await scale.stop();
    expect(scale.port.current).toEqual({ state: 'closed' });
  });

  it('Toledo 8217: W polls with no terminator, STX frames and status bytes', async () => {
    const { scale, port, events } = await openScale('toledo-8217');
    await waitFor(() => port.port.lastWrite?.toString() === 'W', 'W poll');
    port.port.emitData('\x02?A\r');
    port.port.emitData('\x0202.500\r\x0202.500\r');
    await waitFor(() => events.some((e) => e.kind === 'stable'), 'stable');
    port.port.emitData('\x02?B\r');
    await waitFor(() => events.some((e) => e.kind === 'overload'), 'overload');
    expect(events.map((e) => e.kind)).toEqual(['unstable', 'stable', 'overload']);
    const tared = scale.command('tare');
    await waitFor(() => port.port.recording.toString().includes('T'), 'tare sent');
    port.port.emitData('\x02?`\r'); // net mode after it: tared
    expect(await tared).toEqual({ outcome: 'done' });
    const zeroed = scale.command('zero');
    await waitFor(() => port.port.recording.toString().includes('Z'), 'zero sent');
    port.port.emitData('\x02?`\r'); // still tared: no zero
    expect(await zeroed).toEqual({ outcome: 'refused', reason: 'tare-active' });
    await scale.stop();
  });

  it('continuous: listens without polling and reports garbled lines', async () => {
    const { scale, port, frames, events } = await openScale('continuous');
    port.port.emitData('US,+0000.900 kg\r\nST,+0001.000 kg\r\nST,+0001.000 kg\r\n#$%\r\n');
    await waitFor(() => frames.length === 4, 'four frames');
    expect(events.map((e) => e.kind)).toEqual(['unstable', 'stable']);
    expect(frames[3]).toEqual({ type: 'garbled', raw: '#$%' });
    expect(port.port.recording.length).toBe(0);
    expect(await scale.command('zero')).toEqual({ outcome: 'no-commands' });
    expect(await scale.command('clear-tare')).toEqual({ outcome: 'no-commands' });
    expect(port.port.recording.length).toBe(0);
    await scale.stop();
  });

  it('a command the scale leaves unanswered times out, and polling goes on', async () => {
    const { scale, port } = await openScale('mt-sics', { commandAnswerMs: 600 });
    await waitFor(() => port.port.lastWrite?.toString() === 'SI\r\n', 'SI poll');
    // the unanswered poll is given up after 300 ms, then the tare is asked, and nothing answers
    const started = Date.now();
    expect(await scale.command('tare')).toEqual({ outcome: 'refused', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(port.port.recording.toString()).toContain('T\r\n');
    const asked = port.port.recording.length;
    await waitFor(() => port.port.recording.length > asked && port.port.lastWrite?.toString() === 'SI\r\n', 'polling again');
    await scale.stop();
  });

  it('commands answer in turn; an unplug answers what is outstanding as unavailable', async () => {
    const { scale, port } = await openScale('mt-sics');
    await waitFor(() => port.port.lastWrite?.toString() === 'SI\r\n', 'SI poll');
    port.port.emitData('S S     1.000 kg\r\n');
    const tared = scale.command('tare');
    const cleared = scale.command('clear-tare');
    await waitFor(() => port.port.lastWrite?.toString() === 'T\r\n', 'tare asked first');
    port.port.emitData('T S     1.000 kg\r\n');
    expect(await tared).toEqual({ outcome: 'done', tare: { value: '1.000', unit: 'kg' } });
    await waitFor(() => port.port.lastWrite?.toString() === 'TAC\r\n', 'then the clear');
    port.port.emitData('TAC I\r\n');
    expect(await cleared).toEqual({ outcome: 'refused', reason: 'busy' });
    const zeroed = scale.command('zero');
    await waitFor(() => port.port.lastWrite?.toString() === 'Z\r\n', 'zero asked');
    await scale.stop();
    expect(await zeroed).toEqual({ outcome: 'unavailable' });
    expect(await scale.command('zero')).toEqual({ outcome: 'unavailable' });
  });
});

describe('scanner over the serialport mock binding', () => {
  it('frames scans as they arrive', async () => {
    SerialPortMock.binding.createPort('/dev/MOCK-SCAN', {});
    const { factory, made } = mockFactory();
    const scanner = new ScannerDevice(deviceConfig.parse({ kind: 'scanner', id: 'R1', serial: { path: '/dev/MOCK-SCAN' } }) as ScannerConfig, { factory });
    const scans: string[] = [];
    scanner.on('scan', (s) => scans.push(`${s.symbology ?? ''}${s.data}`));
    scanner.start();
    await waitFor(() => scanner.port.isOnline, 'online');
    made.port!.port.emitData(']E03761000000019\r]C1010952');
    made.port!.port.emitData('1234543213\x1d10L1\r');
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans).toEqual([']E03761000000019', ']C10109521234543213\x1d10L1']);
    await scanner.stop();
  });

  it('keeps retrying a port that does not exist yet, saying why', async () => {
    const { factory } = mockFactory();
    const scanner = new ScannerDevice(deviceConfig.parse({ kind: 'scanner', id: 'R1', serial: { path: '/dev/NOT-YET' } }) as ScannerConfig, { factory, reconnectBaseMs: 10, reconnectCapMs: 20 });
    const states: string[] = [];
    scanner.on('state', (s) => states.push(s.state));
    scanner.start();
    await waitFor(() => states.filter((s) => s === 'offline').length >= 2, 'two failed attempts');
    expect(scanner.port.current).toMatchObject({ state: 'offline', reason: expect.stringContaining('Port does not exist') });
    SerialPortMock.binding.createPort('/dev/NOT-YET', {});
    await waitFor(() => scanner.port.isOnline, 'online once plugged in');
    await scanner.stop();
  });
});
