import { z } from 'zod';
import { serialSettings } from './serial-settings.js';

const filter = z.strictObject({
  readings: z.number().int().min(1).default(3),
  toleranceMg: z.number().int().min(0).default(2),
  windowMs: z.number().int().min(0).default(300),
  zeroBandMg: z.number().int().min(0).default(2),
});

/** A station's devices, as written in the agent's configuration; unknown keys are refused. */
export const deviceConfig = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scanner'),
    id: z.string().min(1),
    serial: serialSettings,
    suffix: z.string().min(1).default('CR'),
    prefix: z.string().optional(),
    gsStandIn: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('scale'),
    id: z.string().min(1),
    protocol: z.enum(['mt-sics', 'toledo-8217', 'continuous']),
    serial: serialSettings,
    /** How often a polled scale (MT-SICS, Toledo) is asked for its weight. */
    pollMs: z.number().int().min(20).default(100),
    /** For continuous output in another maker's format: a pattern with groups value and unit. */
    pattern: z.string().optional(),
    filter: filter.default({ readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 }),
  }),
]);
export type DeviceConfig = z.output<typeof deviceConfig>;
export type ScannerConfig = Extract<DeviceConfig, { kind: 'scanner' }>;
export type ScaleConfig = Extract<DeviceConfig, { kind: 'scale' }>;

/** The usual serial settings of each scale protocol (shared/reference/devices.md §3.6). */
export const PROTOCOL_SERIAL_DEFAULTS: Record<ScaleConfig['protocol'], { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' }> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none' },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even' },
  continuous: { baudRate: 9600, dataBits: 8, parity: 'none' },
};
