import { z } from 'zod';
import { metricsConfig, RETENTION_DEFAULTS, retentionDays } from '../runtime/service-config-keys.js';

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
    if (config.erp === 'tryton' && !config.tryton) ctx.addIssue({ code: 'custom', path: ['tryton'], message: 'required when erp is "tryton" (url, database, user, passwordFile)' });
  });
export type HubConfigFile = z.output<typeof hubConfigSchema>;
