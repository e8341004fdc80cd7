import { z } from 'zod';
import { WEIGHT_UNITS } from '../domain/weight.js';
import { continuousPattern } from './scale/continuous.js';
import { SCALE_PROFILE_NAMES, scaleProfile } from './scale/scale-profiles.js';
import { serialSettings } from './serial-settings.js';

const filter = z.strictObject({
  readings: z.number().int().min(1).default(3),
  toleranceMg: z.number().int().min(0).default(2),
  windowMs: z.number().int().min(0).default(300),
  zeroBandMg: z.number().int().min(0).default(2),
});

const scale = z
  .strictObject({
    kind: z.literal('scale'),
    id: z.string().min(1),
    /** A model's settings by name (scale-profiles.ts); the fields given here win over it. */
    profile: z.enum(SCALE_PROFILE_NAMES).optional(),
    protocol: z.enum(['mt-sics', 'toledo-8217', 'continuous']),
    serial: serialSettings,
    /** How often a polled scale (MT-SICS, Toledo) is asked for its weight. */
    pollMs: z.number().int().min(20).default(100),
    /** The bytes of the poll (MT-SICS `SI\r\n`, Toledo `W` unless set). */
    poll: z.string().min(1).max(16).optional(),
    /** For continuous output in another maker's format: a pattern with groups value and unit. */
    pattern: z.string().optional(),
    /** Decimal places of a number sent without a point (Toledo 8217, continuous). */
    decimals: z.number().int().min(0).max(6).optional(),
    /** The unit of a number whose frame names none (g unless set). */
    unit: z.enum(WEIGHT_UNITS).optional(),
    filter: filter.default({ readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 }),
  })
  .superRefine((config, ctx) => {
    // a setting the protocol would not use is refused rather than left to do nothing
    if (config.protocol === 'mt-sics') {
      for (const key of ['decimals', 'unit'] as const) if (config[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'MT-SICS frames carry their decimal point and unit: for Toledo 8217 and continuous output only' });
    }
    if (config.protocol === 'continuous' && config.poll !== undefined) ctx.addIssue({ code: 'custom', path: ['poll'], message: 'continuous output is not polled: for MT-SICS and Toledo 8217 only' });
    if (config.pattern === undefined) return;
    if (config.protocol !== 'continuous') {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a pattern is for continuous output only' });
      return;
    }
    try {
      continuousPattern(config.pattern, config.unit !== undefined);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: (error as Error).message });
    }
  });

/**
 * A scale's config with its profile's settings under it: what the config gives wins, field by
 * field (serial settings one by one). An unknown profile is left for the schema to refuse.
 */
function withProfile(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || (input as { kind?: unknown }).kind !== 'scale') return input;
  const given = input as Record<string, unknown>;
  const profile = typeof given.profile === 'string' ? scaleProfile(given.profile) : undefined;
  if (!profile) return input;
  const { protocol, poll, pattern, decimals, unit } = profile;
  const fromProfile = { protocol, ...(poll && { poll }), ...(pattern && { pattern }), ...(decimals !== undefined && { decimals }), ...(unit && { unit }) };
  const serial = typeof given.serial === 'object' && given.serial !== null ? { ...profile.serial, ...given.serial } : given.serial;
  return { ...fromProfile, ...given, serial };
}

/** A station's devices, as written in the agent's configuration; unknown keys are refused. */
export const deviceConfig = z.preprocess(
  withProfile,
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('scanner'),
      id: z.string().min(1),
      serial: serialSettings,
      suffix: z.string().min(1).default('CR'),
      prefix: z.string().optional(),
      gsStandIn: z.string().min(1).optional(),
    }),
    scale,
  ]),
);
export type DeviceConfig = z.output<typeof deviceConfig>;
export type ScannerConfig = Extract<DeviceConfig, { kind: 'scanner' }>;
export type ScaleConfig = Extract<DeviceConfig, { kind: 'scale' }>;

/** The usual serial settings of each scale protocol (shared/reference/devices.md §3.6). */
export const PROTOCOL_SERIAL_DEFAULTS: Record<ScaleConfig['protocol'], { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' }> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none' },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even' },
  continuous: { baudRate: 9600, dataBits: 8, parity: 'none' },
};
