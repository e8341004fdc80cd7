import { realpathSync } from 'node:fs';
import type { DeviceConfig } from '../devices/device-config.js';
import type { PortState } from '../devices/managed-port.js';
import { ScaleDevice, type ScaleCommand } from '../devices/scale/scale-device.js';
import type { ScaleAnswer } from '../devices/scale/scale-frame.js';
import type { WeighEvent } from '../devices/scale/stable-weight-filter.js';
import { ScannerDevice } from '../devices/scanner/scanner-device.js';
import type { Feedback } from '../domain/feedback.js';
import type { DeviceStatus, ScaleView } from '../protocol/local-api.js';
import type { Logger } from '../runtime/logger.js';
import type { ScaleEvent } from '../domain/scale-reading.js';

export interface StationDevicesHooks {
  /** A scan from a serial reader: handled like a terminal's input, with the frame kept for the audit. */
  onScan(station: string, data: string, raw: string): Promise<void>;
  /** A device changed state or the scale's reading changed: terminals should be told. */
  onChange(station: string): void;
  /** What a station's scale reports (a load settled, the scale emptied, moving) and its port going offline or online. */
  onScaleEvent(station: string, event: ScaleEvent): void;
}

interface Running {
  station: string;
  config: DeviceConfig;
  device: ScannerDevice | ScaleDevice;
  state: PortState;
  lastReading: string | null;
  scale?: ScaleView;
}

/**
 * The devices of every station, started from the agent's configuration. Scans are queued per
 * station behind the session, so a burst of scans is handled in order and none is dropped.
 */
export class StationDevices {
  private readonly running: Running[] = [];

  constructor(
    stations: Record<string, { devices: DeviceConfig[] }>,
    private readonly hooks: StationDevicesHooks,
    private readonly logger: Logger,
  ) {
    for (const [station, { devices }] of Object.entries(stations)) {
      for (const config of devices) this.running.push(this.create(station, config));
    }
  }

  private create(station: string, config: DeviceConfig): Running {
    const device = config.kind === 'scanner' ? new ScannerDevice(config) : new ScaleDevice(config);
    const entry: Running = { station, config, device, state: { state: 'closed' }, lastReading: null };
    device.on('state', (state: PortState) => {
      entry.state = state;
      if (entry.scale) {
        entry.scale = { ...entry.scale, condition: state.state === 'online' ? entry.scale.condition : 'offline' };
        this.hooks.onScaleEvent(station, { kind: state.state === 'online' ? 'online' : 'offline' });
      }
      this.logger.info({ station, device: config.id, path: config.serial.path, ...state }, 'device state');
      this.hooks.onChange(station);
    });
    if (device instanceof ScannerDevice) {
      device.on('scan', (scan) => {
        entry.lastReading = scan.data;
        // the symbology identifier stays in front of the data: it says "this is GS1"
        void this.hooks.onScan(station, `${scan.symbology ?? ''}${scan.data}`, scan.raw).catch((error: Error) => this.logger.error({ err: error.message, station }, 'scan not handled'));
      });
      device.on('garbled', ({ raw, reason }) => this.logger.warn({ station, device: config.id, reason, raw: JSON.stringify(raw) }, 'garbled frame from a scanner'));
    } else {
      entry.scale = { condition: 'offline', weight: null, unit: null };
      device.on('weigh', (event: WeighEvent) => {
        entry.scale = scaleView(event);
        this.hooks.onScaleEvent(station, scaleEvent(event));
        entry.lastReading = 'weight' in event ? `${event.weight.value} ${event.weight.unit}` : event.kind;
        this.hooks.onChange(station);
      });
      device.on('frame', (frame) => {
        if (frame.type === 'garbled') this.logger.warn({ station, device: config.id, raw: JSON.stringify(frame.raw) }, 'garbled frame from a scale');
      });
    }
    return entry;
  }

  start(): void {
    for (const entry of this.running) entry.device.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((entry) => entry.device.stop()));
  }

  /** The scale of a station as its terminals show it. */
  scaleOf(station: string): ScaleView | null {
    return this.running.find((entry) => entry.station === station && entry.scale)?.scale ?? null;
  }

  /** Ids of a station's devices that are not online, for a warning on its terminals. */
  offlineOf(station: string): string[] {
    return this.running.filter((entry) => entry.station === station && entry.state.state !== 'online').map((entry) => entry.config.id);
  }

  /** Sends zero, tare or clear-tare to a station's scale and resolves with what the scale answered. */
  async command(station: string, command: ScaleCommand): Promise<ScaleAnswer> {
    const entry = this.running.find((e) => e.station === station && e.device instanceof ScaleDevice);
    if (!entry || entry.state.state !== 'online') return { outcome: 'unavailable' };
    const answer = await (entry.device as ScaleDevice).command(command);
    const level = answer.outcome === 'done' ? 'info' : 'warn';
    this.logger[level]({ station, device: entry.config.id, command, outcome: answer.outcome, ...(answer.outcome === 'refused' && { reason: answer.reason }) }, 'scale command');
    return answer;
  }

  statuses(): DeviceStatus[] {
    return this.running.map((entry) => ({
      station: entry.station,
      id: entry.config.id,
      kind: entry.config.kind,
      path: entry.config.serial.path,
      resolvedPath: linkTarget(entry.config.serial.path),
      profile: entry.config.kind === 'scale' ? (entry.config.profile ?? null) : null,
      state: entry.state.state,
      reason: 'reason' in entry.state ? entry.state.reason : null,
      lastReading: entry.lastReading,
    }));
  }
}

/**
 * A terminal's answer to a scale command, as the scale gave it: SCALE_ZEROED, SCALE_TARED
 * {weight, unit} (SCALE_TARED_NO_VALUE when the protocol does not report the tare),
 * SCALE_TARE_CLEARED; SCALE_REFUSED {command, reason}; SCALE_NO_COMMANDS {command};
 * SCALE_UNAVAILABLE {command}. Params are codes and numbers: the terminal words them.
 */
export function scaleFeedback(command: ScaleCommand, answer: ScaleAnswer): Feedback {
  switch (answer.outcome) {
    case 'done':
      if (command === 'zero') return { level: 'ok', code: 'SCALE_ZEROED' };
      if (command === 'clear-tare') return { level: 'ok', code: 'SCALE_TARE_CLEARED' };
      return answer.tare ? { level: 'ok', code: 'SCALE_TARED', params: { weight: answer.tare.value, unit: answer.tare.unit } } : { level: 'ok', code: 'SCALE_TARED_NO_VALUE' };
    case 'refused':
      return { level: 'error', code: 'SCALE_REFUSED', params: { command, reason: answer.reason } };
    case 'no-commands':
      return { level: 'error', code: 'SCALE_NO_COMMANDS', params: { command } };
    case 'unavailable':
      return { level: 'error', code: 'SCALE_UNAVAILABLE', params: { command } };
  }
}

function scaleEvent(event: WeighEvent): ScaleEvent {
  switch (event.kind) {
    case 'stable':
    case 'zero':
      return { kind: event.kind, weight: event.weight };
    case 'unstable':
      return { kind: 'moving' };
    case 'overload':
    case 'underload':
      return { kind: event.kind };
  }
}

function scaleView(event: WeighEvent): ScaleView {
  switch (event.kind) {
    case 'stable':
    case 'zero':
      return { condition: event.kind, weight: event.weight.value, unit: event.weight.unit };
    case 'unstable':
      return { condition: 'moving', weight: null, unit: null };
    case 'overload':
    case 'underload':
      return { condition: event.kind, weight: null, unit: null };
  }
}

/** Where a device path that is a link (a /dev/serial/by-id/ name) leads now; null for a plain path or a dangling link. */
function linkTarget(path: string): string | null {
  try {
    const target = realpathSync(path);
    return target === path ? null : target;
  } catch {
    return null;
  }
}
