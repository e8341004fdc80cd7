import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_SERIAL_DEFAULTS, type ScaleConfig } from '../../src/devices/device-config.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../../src/devices/simulators/device-simulator.js';
import type { FeedbackView } from '../../src/protocol/local-api.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

type Protocol = ScaleConfig['protocol'];

/** A site whose stations each have one scale on a socat pty pair, its simulator on the other end. */
async function scaleSite(stations: Record<string, Protocol>) {
  const dir = tempDir();
  const benches: Record<string, { pty: PtyPair; sim: RunningSimulator; terminal: TerminalClient }> = {};
  const devices: Record<string, { devices: unknown[] }> = {};
  const ptys: Record<string, PtyPair> = {};
  for (const [station, protocol] of Object.entries(stations)) {
    const pty = new PtyPair(dir, station);
    await pty.plug();
    cleanups.push(() => pty.unplug());
    ptys[station] = pty;
    devices[station] = { devices: [{ kind: 'scale', id: 'scale', protocol, serial: { path: pty.b, ...PROTOCOL_SERIAL_DEFAULTS[protocol] }, pollMs: 50 }] };
  }
  const site: TestSite = await startSite(dir, { products: 10, orders: 2, stations: devices });
  cleanups.push(() => site.stop());
  for (const [station, protocol] of Object.entries(stations)) {
    const sim = startSimulator({ kind: 'scale', protocol }, serialSettings.parse({ path: ptys[station]!.a, ...PROTOCOL_SERIAL_DEFAULTS[protocol] }));
    cleanups.push(() => sim.stop());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, station);
    cleanups.push(async () => terminal.close());
    benches[station] = { pty: ptys[station]!, sim, terminal };
  }
  await waitFor(async () => (await site.agent.status()).devices.every((d) => d.state === 'online') && Object.values(benches).every((b) => b.sim.port.isOnline), 'scales online');
  return benches;
}

let asked = 0;
/** Sends a terminal's `scale` message and returns the feedback of its result. */
async function ask(terminal: TerminalClient, command: 'zero' | 'tare' | 'clear-tare'): Promise<FeedbackView | null> {
  const id = `${command}-${++asked}`;
  const seen = terminal.messages.length;
  terminal.sendRaw(JSON.stringify({ type: 'scale', id, command }));
  const result = await waitFor(() => terminal.messages.slice(seen).find((m) => m.type === 'result' && m.id === id), `the answer to ${command}`, 6000);
  return result.type === 'result' ? result.feedback : null;
}

const scaleOf = (terminal: TerminalClient) => terminal.lastView?.status.scale;

describe('zero, tare and clear-tare answered with what the scale said', () => {
  it('MT-SICS: zeroed, tared with its value, tare cleared; a zero out of range refused; a silent scale times out; an unplugged one is unavailable', async () => {
    const { 'PACK-1': bench } = await scaleSite({ 'PACK-1': 'mt-sics' });
    const { terminal, sim, pty } = bench!;

    // an empty box on the scale, zeroed while it still swings: the balance waits for it to settle
    await sim.handle('place 0.300 kg');
    expect(await ask(terminal, 'zero')).toMatchObject({ level: 'ok', code: 'SCALE_ZEROED' });
    await waitFor(() => scaleOf(terminal)?.condition === 'zero', 'the scale reads zero', 5000);

    await sim.handle('place 1.534 kg');
    await waitFor(() => scaleOf(terminal)?.weight === '1.234', 'the load settled', 5000);
    expect(await ask(terminal, 'tare')).toMatchObject({ level: 'ok', code: 'SCALE_TARED', params: { weight: '1.234', unit: 'kg' } });
    await waitFor(() => scaleOf(terminal)?.condition === 'zero', 'net zero once tared', 5000);
    expect(await ask(terminal, 'clear-tare')).toMatchObject({ level: 'ok', code: 'SCALE_TARE_CLEARED' });
    await waitFor(() => scaleOf(terminal)?.weight === '1.234', 'the gross again', 5000);

    // 5 kg is past the zero range of the simulated 60 kg scale: it answers `Z +`
    await sim.handle('place 5 kg');
    await waitFor(() => scaleOf(terminal)?.weight === '4.700', 'the heavy load settled', 5000);
    expect(await ask(terminal, 'zero')).toMatchObject({ level: 'error', code: 'SCALE_REFUSED', params: { command: 'zero', reason: 'above-range' } });
    expect(scaleOf(terminal)).toMatchObject({ condition: 'stable', weight: '4.700' });

    // a scale that says nothing: the terminal is told so after the bounded wait, and polling goes on
    await sim.handle('mute');
    const started = Date.now();
    expect(await ask(terminal, 'tare')).toMatchObject({ level: 'error', code: 'SCALE_REFUSED', params: { command: 'tare', reason: 'timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    await sim.handle('unmute');
    await sim.handle('remove');
    await waitFor(() => scaleOf(terminal)?.weight === '-0.300', 'readings again once it answers', 5000);

    await pty.unplug();
    await waitFor(() => terminal.lastView?.status.devicesOffline.includes('scale'), 'scale shown offline', 5000);
    expect(await ask(terminal, 'zero')).toMatchObject({ level: 'error', code: 'SCALE_UNAVAILABLE', params: { command: 'zero' } });
  });

  it('Toledo 8217 answers with its status (no tare value); a continuous-output scale takes no commands', async () => {
    const benches = await scaleSite({ 'PACK-T': 'toledo-8217', 'PACK-C': 'continuous' });
    const toledo = benches['PACK-T']!;
    await waitFor(() => scaleOf(toledo.terminal)?.condition === 'zero', 'empty Toledo scale at zero', 5000);
    expect(await ask(toledo.terminal, 'zero')).toMatchObject({ level: 'ok', code: 'SCALE_ZEROED' });
    await toledo.sim.handle('place 0.800 kg');
    await waitFor(() => scaleOf(toledo.terminal)?.weight === '0.800', 'the box settled', 5000);
    expect(await ask(toledo.terminal, 'tare')).toMatchObject({ level: 'ok', code: 'SCALE_TARED_NO_VALUE' });
    // a Toledo scale does not zero with a tare on
    expect(await ask(toledo.terminal, 'zero')).toMatchObject({ level: 'error', code: 'SCALE_REFUSED', params: { command: 'zero', reason: 'tare-active' } });
    expect(await ask(toledo.terminal, 'clear-tare')).toMatchObject({ level: 'ok', code: 'SCALE_TARE_CLEARED' });

    const continuous = benches['PACK-C']!;
    await continuous.sim.handle('place 0.500 kg');
    await waitFor(() => scaleOf(continuous.terminal)?.weight === '0.500', 'continuous readings', 5000);
    expect(await ask(continuous.terminal, 'zero')).toMatchObject({ level: 'error', code: 'SCALE_NO_COMMANDS', params: { command: 'zero' } });
    expect(await ask(continuous.terminal, 'tare')).toMatchObject({ level: 'error', code: 'SCALE_NO_COMMANDS', params: { command: 'tare' } });
  });
});
