import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceConfig } from '../devices/device-config.js';
import { serialSettings } from '../devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../devices/simulators/device-simulator.js';

export interface DemoDevices {
  /** The devices to give the demo station, in the agent's configuration format. */
  devices: DeviceConfig[];
  stop(): Promise<void>;
}

/** Parcels the demo scale weighs, one after another, as a packing bench would. */
const DEMO_LOADS = ['0.412 kg', '1.250 kg', '0.087 kg', '2.730 kg'];

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
 * The demo's simulated bench: an MT-SICS scale and a serial scanner on socat pty pairs, the scale
 * weighing a parcel now and then so the station shows live, settled weights. Without socat the
 * demo runs without devices (undefined).
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
  let step = 0;
  const bench = setInterval(() => void sims[0]!.handle(step % 2 === 0 ? `place ${DEMO_LOADS[(step / 2) % DEMO_LOADS.length]}` : 'remove').then(() => step++), 6000);
  return {
    devices: [
      { kind: 'scale', id: 'demo-scale', protocol: 'mt-sics', serial: serialSettings.parse({ path: scalePair.b }), pollMs: 100, filter: { readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 } },
      { kind: 'scanner', id: 'demo-scanner', serial: serialSettings.parse({ path: scannerPair.b }), suffix: 'CR' },
    ],
    async stop() {
      clearInterval(bench);
      await Promise.all(sims.map((s) => s.stop()));
      for (const pair of [scalePair, scannerPair]) pair.socat.kill();
    },
  };
}
