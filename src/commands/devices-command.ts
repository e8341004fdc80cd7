import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { DeviceConfig } from '../devices/device-config.js';
import type { PortState } from '../devices/managed-port.js';
import { ScaleDevice } from '../devices/scale/scale-device.js';
import { ScannerDevice } from '../devices/scanner/scanner-device.js';

export interface FoundPort {
  path: string;
  /** Names of the port under /dev/serial/by-id/ (links udev makes from the adapter's maker, model and serial number): they stay the same across replugs and reboots. */
  byId: string[];
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

/** Where udev puts the stable names of serial adapters. */
export const SERIAL_BY_ID_DIR = '/dev/serial/by-id';

/**
 * Serial ports on this machine, each with its /dev/serial/by-id/ names. node-serialport asks
 * udev; where udevadm is missing (containers) the usual device names under /dev are listed
 * instead. A by-id link whose device neither lists is shown as a port of its own.
 */
export async function findSerialPorts(byIdDir = SERIAL_BY_ID_DIR): Promise<{ ports: FoundPort[]; via: 'udev' | '/dev' }> {
  const { ports, via } = await listPorts();
  const links = byIdLinks(byIdDir);
  const found: FoundPort[] = ports.map((port) => ({ ...port, byId: links.get(port.path) ?? [] }));
  for (const [target, names] of links) if (!found.some((port) => port.path === target)) found.push({ path: target, byId: names });
  return { ports: found, via };
}

async function listPorts(): Promise<{ ports: Omit<FoundPort, 'byId'>[]; via: 'udev' | '/dev' }> {
  try {
    const ports = await SerialPort.list();
    return { ports: ports.map(({ path, manufacturer, serialNumber, vendorId, productId }) => ({ path, manufacturer, serialNumber, vendorId, productId })), via: 'udev' };
  } catch {
    const names = readdirSync('/dev').filter((name) => /^tty(USB|ACM|AMA|S\d+|WCH|XRUSB)/.test(name));
    return { ports: names.sort().map((name) => ({ path: `/dev/${name}` })), via: '/dev' };
  }
}

/** The links in a by-id directory by the device each points to (a dangling link is left out). */
function byIdLinks(dir: string): Map<string, string[]> {
  const links = new Map<string, string[]>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return links; // no adapter plugged in, or no udev: the directory is absent
  }
  for (const name of names) {
    const link = join(dir, name);
    let target: string;
    try {
      target = realpathSync(link);
    } catch {
      continue;
    }
    links.set(target, [...(links.get(target) ?? []), link]);
  }
  return links;
}

const stateText = (state: PortState) => `${state.state}${'reason' in state ? ` (${state.reason})` : ''}`;

/** `quai devices watch`: one reading or scan per line, for checking a device on site. */
export function watchDevice(config: DeviceConfig, json: boolean, out: (line: string) => void, err: (line: string) => void): { stop(): Promise<void> } {
  const print = (record: Record<string, unknown>, text: string) => out(json ? JSON.stringify(record) : text);
  if (config.kind === 'scanner') {
    const scanner = new ScannerDevice(config);
    scanner.on('state', (state) => err(`${config.serial.path}: ${stateText(state)}`));
    scanner.on('scan', (scan) => print({ kind: 'scan', data: scan.data, symbology: scan.symbology ?? null, raw: scan.raw }, `scan ${scan.symbology ?? ''} ${JSON.stringify(scan.data)}`.replace('  ', ' ')));
    scanner.on('garbled', (g) => print({ kind: 'garbled', reason: g.reason, raw: g.raw }, `garbled (${g.reason}) ${JSON.stringify(g.raw)}`));
    scanner.start();
    return { stop: () => scanner.stop() };
  }
  const scale = new ScaleDevice(config);
  scale.on('state', (state) => err(`${config.serial.path}: ${stateText(state)}`));
  scale.on('frame', (frame) => {
    if (frame.type === 'garbled' || frame.type === 'refused') print({ kind: frame.type, ...frame }, `${frame.type} ${JSON.stringify(frame)}`);
  });
  scale.on('weigh', (event) => {
    const weight = 'weight' in event ? { weight: event.weight.value, unit: event.weight.unit } : {};
    print({ kind: event.kind, ...weight }, 'weight' in event ? `${event.kind} ${event.weight.value} ${event.weight.unit}` : event.kind);
  });
  scale.start();
  return { stop: () => scale.stop() };
}
