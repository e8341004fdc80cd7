import { resolve } from 'node:path';
import { z } from 'zod';
import { barcodesConfig } from './barcodes-config.js';
import { deviceConfig } from '../devices/device-config.js';
import { canonicalTimeZone } from '../domain/site-time.js';
import { machineTimeZone } from '../runtime/machine-time-zone.js';
import { KEYBOARD_LAYOUTS } from '../domain/keyboard/keyboard-layouts.js';
import { printerConfig } from '../devices/label/label-printer.js';
import { ConfigInvalid, configFaults } from '../runtime/config-issues.js';
import { CONFIG_WORDS_EN, type ConfigWords } from '../runtime/config-words.js';
import { agentPaths } from '../runtime/agent-paths.js';
import { metricsConfig, RETENTION_DEFAULTS, retentionDays } from '../runtime/service-config-keys.js';

const siteTimeZone = z
  .string()
  .refine((name) => canonicalTimeZone(name) !== null, { message: CONFIG_WORDS_EN.refused.timeZone, params: { word: 'timeZone' } })
  .transform((name) => canonicalTimeZone(name)!)
  .default(() => machineTimeZone());

const toleranceRule = z.strictObject({ absoluteGrams: z.number().nonnegative(), percent: z.number().nonnegative() });

/**
 * The agent's configuration file (JSON); every field can also come from a command-line flag.
 * Strict at every level: a misspelled key would otherwise leave the agent on a default unnoticed.
 */
export const agentConfigSchema = z.strictObject({
  agentId: z.string().min(1).max(64).default('AGENT-1'),
  siteId: z.string().min(1).max(64).default('SITE-1'),
  /** The site's IANA time zone (`Europe/Paris`): its days, shifts and hours, told to terminals and the hub; the machine's zone by default. */
  site: z.strictObject({ timeZone: siteTimeZone }).prefault({}),
  dataDir: z.string().min(1),
  /** SQLite file path or postgres:// URL; defaults to agent.sqlite in the data directory. */
  db: z.string().optional(),
  hub: z.strictObject({
    url: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
    tokenFile: z.string().min(1),
    /** For wss://: PEM certificate(s) to trust besides the system's (a private CA, a self-signed hub). */
    caFile: z.string().min(1).optional(),
    /** Ping the hub when the link is idle this long; no answer by the next ping drops the link. */
    heartbeatMs: z.number().int().min(100).max(600_000).default(5000),
    /** A full catalog snapshot is asked for when the last one is this old (hours). */
    reconcileHours: z.number().positive().max(24 * 30).default(24),
  }),
  listen: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(7311) }).default({ host: '127.0.0.1', port: 7311 }),
  /** Token terminals must present; created (0600) on first start if absent. */
  apiTokenFile: z.string().optional(),
  logFile: z.string().optional(),
  /** Each station's serial devices (scanners, scales) and label printer. */
  stations: z.record(z.string().min(1).max(64), z.strictObject({ devices: z.array(deviceConfig).default([]), printer: printerConfig.optional() })).default({}),
  /**
   * Keyboard-wedge scanners typing into the terminals (docs/devices.md, "Wedge scanners on AZERTY
   * and QWERTZ terminals"): the terminals' keyboard layout when `quai tui --keyboard` is not given,
   * and the printable stand-in the scanners send for GS (0x1D), which no keyboard can type.
   */
  wedge: z.strictObject({ keyboard: z.enum(KEYBOARD_LAYOUTS).optional(), gsStandIn: z.string().min(1).max(8).optional() }).default({}),
  /** Packing rules of the site (docs/operations.md). */
  packing: z
    .strictObject({
      tolerance: toleranceRule.default({ absoluteGrams: 25, percent: 3 }),
      fillerGrams: z.number().nonnegative().default(0),
      families: z.record(z.string(), toleranceRule).default({}),
      carriers: z.array(z.string().min(1).max(64)).min(1).default(['colissimo', 'chronopost', 'dpd', 'ups']),
      /** GS1 company prefix for the parcels' SSCCs (7 to 10 digits). */
      companyPrefix: z.string().regex(/^\d{7,10}$/, 'a GS1 company prefix is 7 to 10 digits').default('3761000'),
      /** A settled reading at or under this (g) is an empty scale: the next parcel's load may then be taken as it lies. */
      emptyScaleGrams: z.number().nonnegative().max(1000).default(5),
      /** Who lets a packer type a weight while the station's scale is offline: `supervisor` (an approval) or `operator` (the packer alone). */
      offlineTypedWeight: z.enum(['supervisor', 'operator']).default('supervisor'),
    })
    .default({ tolerance: { absoluteGrams: 25, percent: 3 }, fillerGrams: 0, families: {}, carriers: ['colissimo', 'chronopost', 'dpd', 'ups'], companyPrefix: '3761000', emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' }),
  /**
   * Reception: how much over the ordered quantity is accepted without a discrepancy (beyond it, a
   * supervisor approves), and whether a bin other than the one suggested is confirmed by the
   * operator (`confirm`) or approved by a supervisor (`supervisor`).
   */
  receiving: z
    .strictObject({ overTolerancePercent: z.number().nonnegative().default(10), otherBin: z.enum(['confirm', 'supervisor']).default('confirm') })
    .default({ overTolerancePercent: 10, otherBin: 'confirm' }),
  /**
   * Picking: how far (percent of the line's grams) a weight label may overshoot a line of a product
   * sold by weight; the line then completes with the grams really picked (docs/operations.md).
   */
  picking: z
    .strictObject({
      weightOverPercent: z.number().nonnegative().max(100).default(10),
      /**
       * Cluster picking carts by type: a cart whose code starts with `prefix` carries `positions`
       * totes, one order each (docs/operations.md "Batch picking"). The longest matching prefix wins.
       */
      carts: z
        .array(z.strictObject({ prefix: z.string().min(1).max(20), positions: z.number().int().min(1).max(24) }))
        .max(20)
        .default([{ prefix: 'CHR-', positions: 8 }]),
      /** Tote labels: internal codes that start with this (`BAC-017`), compared without case. */
      totePrefix: z.string().min(1).max(20).default('BAC-'),
    })
    .default({ weightOverPercent: 10, carts: [{ prefix: 'CHR-', positions: 8 }], totePrefix: 'BAC-' }),
  /** How the site's own barcodes read: variable-measure layouts (docs/devices.md "Weighed goods"). */
  barcodes: barcodesConfig,
  /** Counts: blind or not, when a variance asks for a recount, and by whom. */
  counting: z
    .strictObject({
      blind: z.boolean().default(true),
      recount: z.strictObject({ quantity: z.number().int().nonnegative(), percent: z.number().nonnegative() }).default({ quantity: 1, percent: 5 }),
      recountByAnother: z.boolean().default(true),
    })
    .default({ blind: true, recount: { quantity: 1, percent: 5 }, recountByAnother: true }),
  /** Prometheus `/metrics` on 127.0.0.1 at `metrics.port`; absent: not served. */
  metrics: metricsConfig,
  /**
   * How long the retention job keeps rows (days): outbox events the hub has settled, and audit rows.
   * Events not yet settled are never pruned.
   */
  retention: z
    .strictObject({ outboxDays: retentionDays(RETENTION_DEFAULTS.outboxDays), auditDays: retentionDays(RETENTION_DEFAULTS.auditDays) })
    .default({ outboxDays: RETENTION_DEFAULTS.outboxDays, auditDays: RETENTION_DEFAULTS.auditDays }),
});
export type AgentConfigInput = z.input<typeof agentConfigSchema>;
export type AgentConfig = z.output<typeof agentConfigSchema> & { db: string; apiTokenFile: string };

/**
 * Validates a configuration, naming each wrong field by its JSON path (`hub.urll: unknown key`);
 * throws ConfigInvalid (CONFIG_INVALID). `file` is named in the message.
 */
export function parseAgentConfig(input: unknown, file?: string, words: ConfigWords = CONFIG_WORDS_EN): AgentConfig {
  const parsed = agentConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigInvalid(words.invalid('agent', file && `${resolve(file)} and flags`), configFaults(parsed.error.issues, input, words));
  const dataDir = resolve(parsed.data.dataDir);
  const paths = agentPaths(dataDir);
  return { ...parsed.data, dataDir, db: parsed.data.db ?? paths.db, apiTokenFile: parsed.data.apiTokenFile ?? paths.apiTokenFile };
}
