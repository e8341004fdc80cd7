import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigInvalid, configFaults } from '../runtime/config-issues.js';
import { CONFIG_WORDS_EN, type ConfigWords } from '../runtime/config-words.js';
import { metricsConfig, RETENTION_DEFAULTS, retentionDays } from '../runtime/service-config-keys.js';
import type { HubConfig } from './start-hub.js';

const DEFAULT_PORT = 7310;
const DEFAULT_DEMO = { seed: true, products: 240, orders: 24 };

/**
 * The hub's configuration file (JSON with comments); every field can also come from a `quai hub`
 * flag (flags win). Strict at every level, as the agent's: a misspelled key is an error.
 */
export const hubConfigSchema = z
  .strictObject({
    /** The hub's data directory (`<data-dir>/hub`). */
    dataDir: z.string().min(1),
    /** SQLite file path or postgres:// URL; defaults to hub.sqlite in the data directory. */
    db: z.string().min(1).optional(),
    listen: z
      .strictObject({ host: z.string().min(1).default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(DEFAULT_PORT) })
      .default({ host: '127.0.0.1', port: DEFAULT_PORT }),
    /** wss:// with this PEM certificate (chain) and key. */
    tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
    /** Agents enrolled at start if they are not (tokens in `<dataDir>/agent-tokens/`). */
    enrol: z.array(z.string().min(1).max(64)).default([]),
    logFile: z.string().min(1).optional(),
    /** The ERP behind the hub: the embedded reference ERP, or Tryton 6.0 (then `tryton` is required). */
    erp: z.enum(['embedded', 'tryton']).default('embedded'),
    tryton: z
      .strictObject({
        url: z.string().regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
        database: z.string().min(1),
        user: z.string().min(1),
        /** A 0600 file holding the user's password. */
        passwordFile: z.string().min(1),
        /** Seconds between pulls from Tryton. */
        pollSeconds: z.number().int().min(1).max(3600).default(5),
      })
      .optional(),
    /** The embedded ERP's demo warehouse, loaded into an empty store when `seed` is true. */
    demo: z
      .strictObject({
        seed: z.boolean().default(DEFAULT_DEMO.seed),
        products: z.number().int().min(1).max(100_000).default(DEFAULT_DEMO.products),
        orders: z.number().int().min(1).max(100_000).default(DEFAULT_DEMO.orders),
      })
      .default(DEFAULT_DEMO),
    /** Prometheus `/metrics` on 127.0.0.1 at `metrics.port`; absent: not served. */
    metrics: metricsConfig,
    /** How long the retention job keeps events applied to the ERP (days). */
    retention: z.strictObject({ hubEventsDays: retentionDays(RETENTION_DEFAULTS.hubEventsDays) }).default({ hubEventsDays: RETENTION_DEFAULTS.hubEventsDays }),
  })
  .superRefine((config, ctx) => {
    // a Tryton connection the hub would not use is refused rather than left to do nothing
    if (config.erp === 'embedded' && config.tryton) ctx.addIssue({ code: 'custom', path: ['tryton'], message: 'set, but erp is "embedded": add "erp": "tryton" (--erp tryton), or remove it' });
    if (config.erp === 'tryton' && !config.tryton) ctx.addIssue({ code: 'custom', path: ['tryton'], message: 'required when erp is "tryton" (url, database, user, passwordFile: --tryton-url, --tryton-db, --tryton-user, --tryton-password-file)' });
  });
export type HubConfigFile = z.output<typeof hubConfigSchema>;

/** The flags that give the fields a hub may miss, said with a missing one. */
const FLAG_OF = { 'tls.certFile': '--tls-cert', 'tls.keyFile': '--tls-key', 'tryton.url': '--tryton-url', 'tryton.database': '--tryton-db', 'tryton.user': '--tryton-user', 'tryton.passwordFile': '--tryton-password-file' };

/** The demo warehouse's generator seed: the same warehouse on every site that seeds one. */
const DEMO_SEED = 2026;

/**
 * Validates a hub configuration (the file's object with the flags laid over it), naming each wrong
 * field by its JSON path; throws ConfigInvalid (CONFIG_INVALID). Returns what `startHub` takes.
 */
export function parseHubConfig(input: unknown, file?: string, words: ConfigWords = CONFIG_WORDS_EN): HubConfig {
  const parsed = hubConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigInvalid(words.invalid('hub', file && `${resolve(file)} and flags`), configFaults(parsed.error.issues, input, words, FLAG_OF));
  const c = parsed.data;
  return {
    dataDir: resolve(c.dataDir),
    ...(c.db && { db: c.db }),
    host: c.listen.host,
    port: c.listen.port,
    enrol: c.enrol,
    seed: c.erp === 'embedded' && c.demo.seed ? { products: c.demo.products, orders: c.demo.orders, seed: DEMO_SEED } : false,
    ...(c.logFile && { logFile: c.logFile }),
    ...(c.tls && { tls: c.tls }),
    ...(c.erp === 'tryton' && c.tryton && { tryton: { url: c.tryton.url, database: c.tryton.database, user: c.tryton.user, passwordFile: c.tryton.passwordFile, pollMs: c.tryton.pollSeconds * 1000 } }),
    metrics: c.metrics,
    retention: c.retention,
  };
}
