import { afterEach, describe, expect, it } from 'vitest';
import { deviceConfig, PROTOCOL_SERIAL_DEFAULTS, type ScaleConfig, type ScannerConfig } from '../../src/devices/device-config.js';
import { ScaleDevice } from '../../src/devices/scale/scale-device.js';
import type { WeighEvent } from '../../src/devices/scale/stable-weight-filter.js';
import { ScannerDevice } from '../../src/devices/scanner/scanner-device.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../../src/devices/simulators/device-simulator.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function pair(): Promise<PtyPair> {
  const pty = new PtyPair(tempDir());
  await pty.plug();
  cleanups.push(() => pty.unplug());
  return pty;
}

function scaleOn(path: string, protocol: ScaleConfig['protocol']): { scale: ScaleDevice; events: WeighEvent[] } {
  const serial = { path, ...PROTOCOL_SERIAL_DEFAULTS[protocol] };
  const scale = new ScaleDevice(deviceConfig.parse({ kind: 'scale', id: 'S1', protocol, serial, pollMs: 50 }) as ScaleConfig, { reconnectBaseMs: 50, reconnectCapMs: 300 });
  const events: WeighEvent[] = [];
  scale.on('weigh', (e) => events.push(e));
  scale.start();
  cleanups.push(() => scale.stop());
  return { scale, events };
}

function simulatorOn(path: string, spec: Parameters<typeof startSimulator>[0], protocol?: ScaleConfig['protocol']): RunningSimulator {
  const sim = startSimulator(spec, serialSettings.parse({ path, ...(protocol && PROTOCOL_SERIAL_DEFAULTS[protocol]) }), { reconnectBaseMs: 50, reconnectCapMs: 300 });
  cleanups.push(() => sim.stop());
  return sim;
}

const stableAt = (events: WeighEvent[], value: string) => events.find((e) => e.kind === 'stable' && e.weight.value === value);

describe('scales on real ptys (socat), simulator <-> driver', () => {
  it.each([
    ['mt-sics', '9600 8N1'],
    ['toledo-8217', '9600 7E1'],
    ['continuous', '9600 8N1'],
  ] as const)('%s at %s: a placed load is reported stable once', async (protocol, _settings) => {
    const pty = await pair();
    const sim = simulatorOn(pty.a, { kind: 'scale', protocol }, protocol);
    const { scale, events } = scaleOn(pty.b, protocol);
    expect(scale.port.settings).toMatchObject(PROTOCOL_SERIAL_DEFAULTS[protocol]);
    await waitFor(() => scale.port.isOnline && sim.port.isOnline, 'both ends online');
    expect(await sim.handle('place 1.234 kg')).toBe('placed 1.234 kg');
    await waitFor(() => stableAt(events, '1.234'), 'stable 1.234 kg', 5000);
    expect(await sim.handle('place 2.5 kg')).toBe('placed 2.5 kg');
    await waitFor(() => stableAt(events, '2.500'), 'stable 2.500 kg', 5000);
    expect(events.filter((e) => e.kind === 'stable').map((e) => 'weight' in e && e.weight.value)).toEqual(['1.234', '2.500']);
    expect(events.some((e) => e.kind === 'unstable')).toBe(true);
  });

  it('MT-SICS overload and a zero command through the simulator', async () => {
    const pty = await pair();
    const sim = simulatorOn(pty.a, { kind: 'scale', protocol: 'mt-sics' }, 'mt-sics');
    const { scale, events } = scaleOn(pty.b, 'mt-sics');
    await waitFor(() => scale.port.isOnline && sim.port.isOnline, 'both ends online');
    await sim.handle('overload');
    await waitFor(() => events.some((e) => e.kind === 'overload'), 'overload');
    await sim.handle('normal');
    await sim.handle('place 0.300 kg');
    await waitFor(() => stableAt(events, '0.300'), 'stable', 5000);
    scale.command('zero');
    await waitFor(() => events.some((e) => e.kind === 'zero'), 'zeroed', 5000);
  });

  it('unplugged (socat killed) then plugged back: online again within 2 s', async () => {
    const pty = await pair();
    const sim = simulatorOn(pty.a, { kind: 'scale', protocol: 'mt-sics' }, 'mt-sics');
    const { scale, events } = scaleOn(pty.b, 'mt-sics');
    await waitFor(() => scale.port.isOnline && sim.port.isOnline, 'both ends online');
    await pty.unplug();
    await waitFor(() => scale.port.current.state === 'offline', 'driver sees the unplug', 3000);
    await pty.plug();
    const pluggedAt = Date.now();
    await waitFor(() => scale.port.isOnline && sim.port.isOnline, 'both ends back', 2000);
    expect(Date.now() - pluggedAt).toBeLessThan(2000);
    await sim.handle('place 0.750 kg');
    await waitFor(() => stableAt(events, '0.750'), 'readings again after the replug', 5000);
  });
});

describe('scanner on a real pty', () => {
  it('receives scans byte for byte, GS included', async () => {
    const pty = await pair();
    const sim = simulatorOn(pty.a, { kind: 'scanner', suffix: 'CRLF' });
    const scanner = new ScannerDevice(deviceConfig.parse({ kind: 'scanner', id: 'R1', serial: { path: pty.b }, suffix: 'CR' }) as ScannerConfig);
    const scans: { data: string; symbology?: string }[] = [];
    scanner.on('scan', (s) => scans.push({ data: s.data, ...(s.symbology && { symbology: s.symbology }) }));
    scanner.start();
    cleanups.push(() => scanner.stop());
    await waitFor(() => scanner.port.isOnline && sim.port.isOnline, 'both ends online');
    await sim.handle('scan ]C10109521234543213<GS>10LOT 7');
    await sim.handle('scan 3761000000019');
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans).toEqual([{ data: '0109521234543213\x1d10LOT 7', symbology: ']C1' }, { data: '3761000000019' }]);
  });
});
