import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentPaths } from '../src/runtime/agent-paths.js';
import { deviceConfig, type ScaleConfig } from '../src/devices/device-config.js';
import { ScaleDevice } from '../src/devices/scale/scale-device.js';
import { serialSettings } from '../src/devices/serial-settings.js';
import { startSimulator } from '../src/devices/simulators/device-simulator.js';
import { hubPaths } from '../src/hub/start-hub.js';
import { readSecretFile } from '../src/runtime/secret-file.js';
import { PtyPair } from '../test/helpers/pty-pair.js';
import { killHard, spawnQuai } from '../test/helpers/quai-process.js';
import { TerminalClient } from '../test/helpers/terminal-client.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { percentile, type BenchRow } from './percentiles.js';

const SCANS = 300;
const LOADS = 10;

/**
 * Serial scan → session: bytes written by a simulated reader on one end of a socat pty pair
 * until the agent (its own process, the reader on the other end) has committed the intent and
 * pushed the station's new view to a terminal.
 */
async function scanToSession(dir: string): Promise<BenchRow[]> {
  const pty = new PtyPair(dir, 'scan');
  await pty.plug();
  const processes = [];
  try {
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const configFile = join(dir, 'agent.json');
    writeFileSync(configFile, JSON.stringify({ dataDir: join(dir, 'agent'), hub: { url: `ws://127.0.0.1:${hub.port}`, tokenFile: hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1') }, listen: { port: 0 }, logFile: join(dir, 'agent.log'), stations: { 'BENCH-1': { devices: [{ kind: 'scanner', id: 'gun', serial: { path: pty.b } }] } } }));
    const agent = await spawnQuai(['agent', '--config', configFile]);
    processes.push(agent);
    const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'BENCH-1');
    const gun = startSimulator({ kind: 'scanner', suffix: 'CR' }, serialSettings.parse({ path: pty.a }));
    await waitFor(() => gun.port.isOnline, 'reader online');
    const timedScan = async (data: string) => {
      const before = terminal.lastView?.feedback?.id ?? 0;
      const sentAt = performance.now();
      await gun.handle(`scan ${data}`);
      await waitFor(() => (terminal.lastView?.feedback?.id ?? 0) > before, `session answer to ${data}`, 5000, 0);
      return performance.now() - sentAt;
    };
    await waitFor(async () => (await timedScan('B1001').catch(() => 0)) > 0 && terminal.view.screen === 'menu', 'signed in by the reader', 10_000, 50);
    await terminal.act({ type: 'menu', choice: 'pick' });
    await timedScan('CMD-1001');
    const view = terminal.view;
    if (view.screen !== 'pick') throw new Error('benchmark order did not open');
    const samples: number[] = [];
    for (let i = 0; i < SCANS; i++) samples.push(await timedScan(view.line.location));
    terminal.close();
    await gun.stop();
    return [
      { name: `serial scan -> session p50 (pty, ${SCANS} scans)`, value: `${percentile(samples, 50).toFixed(1)} ms` },
      { name: `serial scan -> session p99 (pty, ${SCANS} scans)`, value: `${percentile(samples, 99).toFixed(1)} ms` },
    ];
  } finally {
    await Promise.all(processes.map(killHard));
    await pty.unplug();
  }
}

/** From the last reading flagged in motion to the `stable` event, MT-SICS polled every 50 ms. */
async function settleTime(dir: string): Promise<BenchRow[]> {
  const pty = new PtyPair(dir, 'scale');
  await pty.plug();
  const sim = startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: pty.a }));
  const config = deviceConfig.parse({ kind: 'scale', id: 's', protocol: 'mt-sics', serial: { path: pty.b }, pollMs: 50 }) as ScaleConfig;
  const scale = new ScaleDevice(config);
  let lastMoving = 0;
  const samples: number[] = [];
  scale.on('frame', (frame) => {
    if (frame.type === 'weight' && frame.motion) lastMoving = performance.now();
  });
  scale.on('weigh', (event) => {
    if (event.kind === 'stable') samples.push(performance.now() - lastMoving);
  });
  scale.start();
  try {
    await waitFor(() => scale.port.isOnline && sim.port.isOnline, 'scale online');
    for (let i = 1; i <= LOADS; i++) {
      const count = samples.length;
      await sim.handle(`place ${i}.${String(i * 7).padStart(3, '0')} kg`);
      await waitFor(() => samples.length > count, 'stable', 5000, 5);
    }
  } finally {
    await scale.stop();
    await sim.stop();
    await pty.unplug();
  }
  const f = config.filter;
  return [{ name: `last moving reading -> stable, p50 (${f.readings} readings, ${f.windowMs} ms window)`, value: `${percentile(samples, 50).toFixed(0)} ms`, goal: `max ${Math.max(...samples).toFixed(0)} ms` }];
}

export async function benchDevices(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-devices-'));
  try {
    return [...(await scanToSession(dir)), ...(await settleTime(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
