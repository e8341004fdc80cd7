import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findSerialPorts } from '../../src/commands/devices-command.js';
import { deviceConfig, type ScaleConfig } from '../../src/devices/device-config.js';
import { ManagedPort } from '../../src/devices/managed-port.js';
import { ScaleDevice } from '../../src/devices/scale/scale-device.js';
import { SCALE_PROFILE_NAMES, SCALE_PROFILES, scaleProfile, type ScaleProfileName } from '../../src/devices/scale/scale-profiles.js';
import type { WeighEvent } from '../../src/devices/scale/stable-weight-filter.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { useCleanups } from '../helpers/cleanups.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { CLI } from '../helpers/quai-process.js';
import { startSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const execFileAsync = promisify(execFile);
const tempDir = useTempDirs();
const cleanups = useCleanups();

async function pair(dir = tempDir(), name?: string): Promise<PtyPair> {
  const pty = new PtyPair(dir, name);
  await pty.plug();
  cleanups.push(() => pty.unplug());
  return pty;
}

/**
 * The scale's end of the line, speaking a model's frames byte for byte (latin1, so CAS's lamp
 * byte goes as one byte): a polled scale answers each poll with `frame`, a streaming one sends
 * it every 40 ms. Opened with the profile's serial line.
 */
function scaleEnd(path: string, profileName: string, frame: string): ManagedPort {
  const profile = scaleProfile(profileName)!;
  const port = new ManagedPort(serialSettings.parse({ path, ...profile.serial }), { reconnectBaseMs: 50, reconnectCapMs: 300 });
  const bytes = Buffer.from(frame, 'latin1');
  if (profile.poll) {
    const poll = profile.poll;
    let heard = '';
    port.on('data', (data) => {
      heard += data.toString('latin1');
      let at: number;
      while ((at = heard.indexOf(poll)) >= 0) {
        heard = heard.slice(at + poll.length);
        void port.write(bytes).catch(() => undefined);
      }
    });
  } else {
    const timer = setInterval(() => port.isOnline && void port.write(bytes).catch(() => undefined), 40);
    cleanups.push(() => clearInterval(timer));
  }
  port.open();
  cleanups.push(() => port.close());
  return port;
}

function scaleWith(config: object): { scale: ScaleDevice; events: WeighEvent[] } {
  const parsed = deviceConfig.parse({ kind: 'scale', id: 'S1', pollMs: 50, filter: { readings: 3, toleranceMg: 2, windowMs: 100, zeroBandMg: 2 }, ...config }) as ScaleConfig;
  const scale = new ScaleDevice(parsed, { reconnectBaseMs: 50, reconnectCapMs: 300 });
  const events: WeighEvent[] = [];
  scale.on('weigh', (e) => events.push(e));
  scale.start();
  cleanups.push(() => scale.stop());
  return { scale, events };
}

const stable = (events: WeighEvent[]) => events.find((e) => e.kind === 'stable');

/** Each profile with a frame its scales send (shared/reference/devices.md) and what it weighs. */
const CASES: [ScaleProfileName, string, { value: string; unit: string }, boolean][] = [
  ['mettler-toledo-mt-sics', 'S S     12:07.50 lb:oz\r\n', { value: '12.46875', unit: 'lb' }, true],
  ['mettler-toledo-mt-sics-xonxoff', 'S S      1.250 t\r\n', { value: '1.250', unit: 't' }, true],
  ['toledo-8217', '\x0201.234\r', { value: '1.234', unit: 'kg' }, false],
  ['toledo-8217-grams', '\x0200150\r', { value: '150', unit: 'g' }, false],
  ['dibal-8217', '\x0200.316\r', { value: '0.316', unit: 'kg' }, false],
  ['bizerba-8217', '\x0202.50N\r', { value: '2.50', unit: 'lb' }, true],
  ['and-continuous', 'ST,+00123.45  g\r\n', { value: '123.45', unit: 'g' }, false],
  ['adam-continuous', 'ST,NT,-  0.500 kg\r\n', { value: '-0.500', unit: 'kg' }, true],
  ['cas-22-byte', 'ST,GS,1\xc0,000013.5 kg\r\n', { value: '13.5', unit: 'kg' }, false],
];

describe('scale profiles on real ptys (socat): each model’s frames read through its profile', () => {
  it('covers every profile', () => {
    expect(CASES.map(([name]) => name).sort()).toEqual(SCALE_PROFILES.map((p) => p.name).sort());
  });

  it.each(CASES)('%s: %j', async (profile, frame, weight, net) => {
    const pty = await pair();
    const far = scaleEnd(pty.a, profile, frame);
    const { scale, events } = scaleWith({ profile, serial: { path: pty.b } });
    expect(scale.port.settings).toMatchObject(scaleProfile(profile)!.serial);
    await waitFor(() => scale.port.isOnline && far.isOnline, 'both ends online');
    await waitFor(() => stable(events), `a stable weight from ${JSON.stringify(frame)}`, 5000);
    expect(stable(events)).toMatchObject({ weight });
    const frames: unknown[] = [];
    scale.on('frame', (f) => frames.push(f));
    await waitFor(() => frames.length > 0, 'another frame');
    expect(frames[0]).toMatchObject({ type: 'weight', weight, net });
  });

  it('a config field wins over the profile: decimals 1 on a grams Toledo reads 00150 as 15.0 g', async () => {
    const pty = await pair();
    scaleEnd(pty.a, 'toledo-8217-grams', '\x0200150\r');
    const { events } = scaleWith({ profile: 'toledo-8217-grams', decimals: 1, serial: { path: pty.b } });
    await waitFor(() => stable(events), 'stable', 5000);
    expect(stable(events)).toMatchObject({ weight: { value: '15.0', unit: 'g' } });
  });
});

describe('ports that survive a replug: a by-id style symlink re-pointed to a new pty', () => {
  it('the scale configured by its by-id name comes back on the new device, and the port is listed under that name', async () => {
    const byId = join(tempDir(), 'by-id');
    mkdirSync(byId);
    const link = join(byId, 'usb-Mettler_Toledo_USB_Interface_B207696838-if00-port0');
    const first = await pair();
    symlinkSync(realpathSync(first.b), link);
    scaleEnd(first.a, 'mettler-toledo-mt-sics', 'S S      1.000 kg\r\n');
    const { scale, events } = scaleWith({ profile: 'mettler-toledo-mt-sics', serial: { path: link } });
    await waitFor(() => stable(events), 'first weight', 5000);
    expect((await findSerialPorts(byId)).ports).toContainEqual({ path: realpathSync(first.b), byId: [link] });

    // plugged back, the adapter gets another tty (made before the unplug so the kernel cannot reuse
    // the number) and udev moves the link to it
    const second = await pair(tempDir(), 'replug');
    const firstTarget = realpathSync(first.b);
    expect(realpathSync(second.b)).not.toBe(firstTarget);
    // udev drops the link with the adapter: never left pointing at a /dev/pts number the kernel may hand to another terminal
    unlinkSync(link);
    await first.unplug();
    await waitFor(() => scale.port.current.state === 'offline', 'offline', 3000);
    symlinkSync(realpathSync(second.b), link);
    scaleEnd(second.a, 'mettler-toledo-mt-sics', 'S S      2.000 kg\r\n');
    const pluggedAt = Date.now();
    await waitFor(() => scale.port.isOnline, 'online through the re-pointed link', 3000);
    expect(Date.now() - pluggedAt).toBeLessThan(2000);
    await waitFor(() => events.some((e) => e.kind === 'stable' && e.weight.value === '2.000'), 'the new weight', 5000);

    const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'devices', 'list', '--json', '--by-id-dir', byId, '--data-dir', tempDir()], { encoding: 'utf8' }));
    expect(listed.ports).toContainEqual({ path: realpathSync(second.b), byId: [link] });
    const text = execFileSync(process.execPath, [CLI, 'devices', 'list', '--by-id-dir', byId, '--data-dir', tempDir()], { encoding: 'utf8' });
    expect(text).toContain(`  ${realpathSync(second.b)}\n    ${link}\n`);
  });
});

describe('in the agent: a scale configured by profile and by-id name', () => {
  it("a shipping scale in lb:oz shows its exact weight at the station; status names the profile and where the link leads", async () => {
    const dir = tempDir();
    const pty = await pair(dir, 'scale');
    const link = join(dir, 'usb-Mettler_Toledo_PS60-if00-port0');
    symlinkSync(realpathSync(pty.b), link);
    scaleEnd(pty.a, 'mettler-toledo-mt-sics', 'S S     12:07.50 lb:oz\r\n');
    const site = await startSite(dir, { stations: { 'PACK-1': { devices: [{ kind: 'scale', id: 'scale', profile: 'mettler-toledo-mt-sics', serial: { path: link }, pollMs: 50 }] } } });
    cleanups.push(() => site.stop());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PACK-1');
    cleanups.push(() => terminal.close());
    await waitFor(() => terminal.lastView?.status.scale?.condition === 'stable', 'settled weight shown', 8000);
    expect(terminal.lastView?.status.scale).toEqual({ condition: 'stable', weight: '12.46875', unit: 'lb' });
    // the agent runs in this process: the CLI is waited for without blocking it
    const status = JSON.parse((await execFileAsync(process.execPath, [CLI, 'status', '--json', '--data-dir', dir])).stdout);
    expect(status.devices).toEqual([expect.objectContaining({ id: 'scale', path: link, resolvedPath: realpathSync(pty.b), profile: 'mettler-toledo-mt-sics', state: 'online', lastReading: '12.46875 lb' })]);
  });
});

describe('quai devices profiles and watch --profile, from outside', () => {
  it('lists every profile in text and JSON', () => {
    const json = JSON.parse(execFileSync(process.execPath, [CLI, 'devices', 'profiles', '--json'], { encoding: 'utf8' }));
    expect(json.profiles.map((p: { name: string }) => p.name)).toEqual(SCALE_PROFILES.map((p) => p.name));
    expect(json.profiles.find((p: { name: string }) => p.name === 'toledo-8217-grams')).toMatchObject({ protocol: 'toledo-8217', line: '9600 7E1', poll: 'W', decimals: 0, unit: 'g' });
    const text = execFileSync(process.execPath, [CLI, 'devices', 'profiles'], { encoding: 'utf8' });
    for (const p of SCALE_PROFILES) expect(text).toContain(`${p.name}\n  ${p.protocol}, `);
  });

  it('watch --profile toledo-8217-grams prints 150 g for STX 00150 CR', async () => {
    const pty = await pair();
    scaleEnd(pty.a, 'toledo-8217-grams', '\x0200150\r');
    const watch = spawn(process.execPath, [CLI, 'devices', 'watch', '--kind', 'scale', '--profile', 'toledo-8217-grams', '--port', pty.b, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => watch.kill('SIGKILL'));
    let out = '';
    watch.stdout.on('data', (chunk) => (out += chunk));
    await waitFor(() => out.includes('\n'), 'a line from watch', 8000);
    expect(JSON.parse(out.split('\n')[0]!)).toEqual({ kind: 'stable', weight: '150', unit: 'g' });
  });

  it.each([
    [['--profile', 'cas-22-byte'], ['--profile', 'cas-22-byte'], { weight: '5.656', unit: 'kg' }],
    [['--profile', 'toledo-8217-grams'], ['--profile', 'toledo-8217-grams'], { weight: '5656', unit: 'g' }],
    [['--profile', 'mettler-toledo-mt-sics', '--unit', 'lb:oz'], ['--profile', 'mettler-toledo-mt-sics'], { weight: '12.46875', unit: 'lb' }],
  ])('quai sim scale %j speaks what quai devices watch %j reads: 5655.73 g placed', async (simArgs, watchArgs, reading) => {
    const pty = await pair();
    const sim = spawn(process.execPath, [CLI, 'sim', 'scale', ...simArgs, '--port', pty.a], { stdio: ['pipe', 'pipe', 'pipe'] });
    const watch = spawn(process.execPath, [CLI, 'devices', 'watch', '--kind', 'scale', ...watchArgs, '--port', pty.b, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => sim.kill('SIGKILL'), () => watch.kill('SIGKILL'));
    let simErr = '';
    let watchErr = '';
    let out = '';
    sim.stderr.on('data', (chunk) => (simErr += chunk));
    watch.stderr.on('data', (chunk) => (watchErr += chunk));
    watch.stdout.on('data', (chunk) => (out += chunk));
    await waitFor(() => /online/.test(simErr) && /online/.test(watchErr), 'both online', 8000);
    sim.stdin.write('place 5655.73 g\n');
    await waitFor(() => out.includes('"stable"'), () => `a stable line, got ${out}`, 8000);
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.kind === 'stable')).toEqual({ kind: 'stable', ...reading });
  });

  it('watch refuses an unknown profile with a usage error naming it', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [CLI, 'devices', 'watch', '--kind', 'scale', '--profile', 'toledo', '--port', '/dev/null'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = (error as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toBe(`error: unknown profile toledo: one of ${SCALE_PROFILE_NAMES.join(', ')}\n`);
  });
});
