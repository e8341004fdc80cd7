import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceConfig } from '../devices/device-config.js';
import { serialSettings } from '../devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../devices/simulators/device-simulator.js';
import WebSocket from 'ws';
import { decodeFrame } from '../protocol/common.js';
import { LOCAL_SUBPROTOCOL, agentMessage, type StationView } from '../protocol/local-api.js';

export interface DemoDevices {
  /** The devices to give the demo station, in the agent's configuration format. */
  devices: DeviceConfig[];
  /** Plays the packer's hands on the scale for the demo station's terminal. */
  attach(agentUrl: string, token: string, station: string): void;
  stop(): Promise<void>;
}

/** How long the simulated packer takes to put a parcel on the scale. */
const PLACE_AFTER_MS = 1500;

function ptyPair(dir: string, name: string): Promise<{ socat: ChildProcess; a: string; b: string }> {
  const a = join(dir, `${name}-sim`);
  const b = join(dir, `${name}`);
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    socat.stderr!.on('data', (chunk) => {
      log += chunk;
      if (log.includes('starting data transfer loop')) resolve({ socat, a, b });
    });
    socat.once('error', reject);
    socat.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
}

/**
 * The demo's simulated bench: an MT-SICS scale and a serial scanner on socat pty pairs. Watching
 * the station like a second terminal, it puts each parcel on the scale once its box is chosen
 * (at the expected weight, give or take a few grams) and lifts it off once it is closed, so a
 * demo user sees the weight check work. Without socat the demo runs without devices (undefined).
 */
export async function startDemoDevices(dataDir: string): Promise<DemoDevices | undefined> {
  if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).status !== 0) return undefined;
  const dir = join(dataDir, 'devices');
  mkdirSync(dir, { recursive: true });
  const scalePair = await ptyPair(dir, 'scale');
  const scannerPair = await ptyPair(dir, 'scanner');
  const sims: RunningSimulator[] = [
    startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: scalePair.a })),
    startSimulator({ kind: 'scanner', suffix: 'CR' }, serialSettings.parse({ path: scannerPair.a })),
  ];
  const scale = sims[0]!;
  let watcher: WebSocket | undefined;
  let placedFor: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const onView = (view: StationView) => {
    const weighing = view.screen === 'pack' && view.phase === 'weigh' && view.expected ? `${view.order.id}/${view.parcelNo}` : null;
    if (weighing && view.screen === 'pack' && placedFor !== weighing) {
      placedFor = weighing;
      const grams = view.expected!.grams + Math.round(Math.random() * 8 - 4);
      timer = setTimeout(() => void scale.handle(`place ${grams} g`), PLACE_AFTER_MS);
    } else if (placedFor && !weighing && (view.screen !== 'pack' || view.phase === 'verify')) {
      placedFor = null;
      void scale.handle('remove');
    }
  };
  return {
    attach(agentUrl, token, station) {
      watcher = new WebSocket(agentUrl, LOCAL_SUBPROTOCOL);
      watcher.on('open', () => watcher!.send(JSON.stringify({ type: 'hello', token, station })));
      watcher.on('message', (data) => {
        const decoded = decodeFrame(agentMessage, data);
        if (decoded.ok && decoded.value.type === 'view') onView(decoded.value.view);
      });
      watcher.on('error', () => undefined);
    },
    devices: [
      { kind: 'scale', id: 'demo-scale', protocol: 'mt-sics', serial: serialSettings.parse({ path: scalePair.b }), pollMs: 100, filter: { readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 } },
      { kind: 'scanner', id: 'demo-scanner', serial: serialSettings.parse({ path: scannerPair.b }), suffix: 'CR' },
    ],
    async stop() {
      clearTimeout(timer);
      watcher?.close();
      await Promise.all(sims.map((s) => s.stop()));
      for (const pair of [scalePair, scannerPair]) pair.socat.kill();
    },
  };
}
