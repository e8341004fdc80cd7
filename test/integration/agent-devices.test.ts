import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/quai-process.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../../src/devices/simulators/device-simulator.js';
import { freePort } from '../helpers/free-port.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const execFileAsync = promisify(execFile);
const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe("a station's serial devices in the agent", () => {
  it('serial scans drive the session like typed ones (audited with their frame); the scale shows settled weights only', async () => {
    const dir = tempDir();
    const scannerPty = new PtyPair(dir, 'scan');
    const scalePty = new PtyPair(dir, 'scale');
    await scannerPty.plug();
    await scalePty.plug();
    cleanups.push(() => scannerPty.unplug(), () => scalePty.unplug());
    const metricsPort = await freePort();
    const site: TestSite = await startSite(dir, {
      metrics: { port: metricsPort },
      stations: {
        'PICK-1': {
          devices: [
            { kind: 'scanner', id: 'gun', serial: { path: scannerPty.b }, suffix: 'CR' },
            { kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: scalePty.b }, pollMs: 50 },
          ],
        },
      },
    });
    cleanups.push(() => site.stop());
    const gun: RunningSimulator = startSimulator({ kind: 'scanner', suffix: 'CR' }, serialSettings.parse({ path: scannerPty.a }));
    const scale: RunningSimulator = startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: scalePty.a }));
    cleanups.push(() => gun.stop(), () => scale.stop());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await waitFor(async () => (await site.agent.status()).devices.every((d) => d.state === 'online') && gun.port.isOnline && scale.port.isOnline, 'devices online');

    await gun.handle('scan B1001');
    await waitFor(() => terminal.view.screen === 'menu', 'signed in by badge');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await gun.handle('scan CMD-1001');
    await waitFor(() => terminal.view.screen === 'pick', 'order opened by scan');
    const view = terminal.view;
    if (view.screen !== 'pick') throw new Error('not picking');
    await gun.handle(`scan ${view.line.location}`);
    await waitFor(() => terminal.view.screen === 'pick' && terminal.view.phase === 'product', 'location confirmed');
    // the product as a GS1-128 with a lot, as a serial reader sends it
    await gun.handle(`scan ]C101${view.line.barcode}10LOT-9`);
    await waitFor(() => terminal.view.screen !== 'pick' || terminal.view.line.picked === 1 || terminal.view.line.lineId !== view.line.lineId, 'unit picked');

    // the serial scans are timed from the frame read to the view pushed; the devices' state is scraped (hub and agent in this one process, each its own registry)
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^quai_agent_intent_answer_seconds_count\{intent="input",source="serial"\} 4$/m);
    expect(metrics).toMatch(/^quai_agent_device_state\{station="PICK-1",device="gun",kind="scanner",state="online"\} 1$/m);

    const audit = await site.agent.store.audit.recent('PICK-1', 10);
    const serialRows = audit.filter((a) => a.source === 'serial');
    expect(serialRows.map((a) => a.outcomeCode)).toEqual(expect.arrayContaining(['SIGNED_IN', 'PICK_STARTED', 'PICK_LOCATION_OK']));
    expect(serialRows.find((a) => a.raw?.includes('LOT-9'))?.raw).toBe(JSON.stringify(`]C101${view.line.barcode}10LOT-9`));

    // the empty scale settles at zero first: only then is a load's motion a change
    await waitFor(() => terminal.lastView?.status.scale?.condition === 'zero', 'empty scale at zero', 5000);
    await scale.handle('place 1.234 kg');
    await waitFor(() => terminal.lastView?.status.scale?.condition === 'moving', 'moving shown, with no weight');
    expect(terminal.lastView?.status.scale?.weight).toBeNull();
    await waitFor(() => terminal.lastView?.status.scale?.weight === '1.234', 'settled weight shown', 5000);
    expect(terminal.lastView?.status.scale).toEqual({ condition: 'stable', weight: '1.234', unit: 'kg' });
    expect((await site.agent.status()).devices.map((d) => [d.id, d.state])).toEqual([
      ['gun', 'online'],
      ['scale', 'online'],
    ]);
    // tare from a terminal reaches the scale, which says it tared, and how much; the load now reads zero
    const seen = terminal.messages.length;
    terminal.sendRaw(JSON.stringify({ type: 'scale', id: 't1', command: 'tare' }));
    const answer = await waitFor(() => terminal.messages.slice(seen).find((m) => m.type === 'result' && m.id === 't1'), 'scale command answer');
    expect(answer).toMatchObject({ feedback: { level: 'ok', code: 'SCALE_TARED', params: { weight: '1.234', unit: 'kg' } } });
    await waitFor(() => terminal.lastView?.status.scale?.condition === 'zero', 'tared', 5000);

    // `quai devices list` asks the running agent
    const { stdout } = await execFileAsync(process.execPath, [CLI, 'devices', 'list', '--data-dir', dir, '--json']);
    expect(JSON.parse(stdout).devices).toEqual([
      expect.objectContaining({ station: 'PICK-1', id: 'gun', kind: 'scanner', state: 'online', lastReading: expect.stringContaining('LOT-9') }),
      expect.objectContaining({ station: 'PICK-1', id: 'scale', kind: 'scale', state: 'online', lastReading: '0.000 kg' }),
    ]);
    // an unplugged reader is shown to the station's terminals
    await scannerPty.unplug();
    await waitFor(() => terminal.lastView?.status.devicesOffline.includes('gun'), 'reader shown offline', 5000);
    terminal.close();
  });
});
