import { z } from 'zod';

/**
 * `metrics` of the agent's and the hub's configuration: Prometheus text at `/metrics` on
 * 127.0.0.1 (loopback only) at `port` (1 to 65535); no port, no endpoint (docs/operations.md "Metrics").
 */
export const metricsConfig = z.strictObject({ port: z.number().int().min(1).max(65535).optional() }).default({});
export type MetricsConfig = z.output<typeof metricsConfig>;

/** A retention age in whole days (1 to 36500), `fallback` when the key is absent. */
export const retentionDays = (fallback: number) => z.number().int().min(1).max(36_500).default(fallback);

/** Days kept by default before the retention job prunes (docs/operations.md "Retention"). */
export const RETENTION_DEFAULTS = { outboxDays: 30, auditDays: 365, hubEventsDays: 90 } as const;
