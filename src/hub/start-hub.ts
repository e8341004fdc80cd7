import { resolve } from 'node:path';
import type { Knex } from 'knex';
import { createLogger, type Logger } from '../runtime/logger.js';
import { RETENTION_DEFAULTS, type MetricsConfig } from '../runtime/service-config-keys.js';
import { startPeriodicJob } from '../runtime/periodic-job.js';
import { readTlsPair } from '../runtime/pem-file.js';
import { claimRuntimeFile, removeRuntimeFile, writeRuntimeFile } from '../runtime/runtime-file.js';
import { typedFault } from '../runtime/system-fault.js';
import { DEMO_DEFAULTS, generateDemoData, type DemoOptions } from './adapters/embedded/demo-data.js';
import { embeddedAdapter } from './adapters/embedded/embedded-adapter.js';
import { seedHub } from './adapters/embedded/seed.js';
import { connectTryton, type TrytonConfig } from './adapters/tryton/tryton-connector.js';
import { enrolAgent, enrolledAgents } from './agent-credentials.js';
import { hubPaths } from './hub-paths.js';
import { HubServer } from './hub-server.js';
import { createHubMetrics } from './hub-metrics.js';
import { serveMetrics, type MetricsServer } from '../runtime/metrics-server.js';
import { openHubStore } from './store/hub-store.js';
import { PRUNE_BATCH, pruneHubEvents } from './prune-hub-events.js';

export interface HubConfig {
  dataDir: string;
  /** SQLite file or postgres:// URL; defaults to hub.sqlite in the data directory. */
  db?: string;
  host: string;
  port: number;
  /** Agents to enrol at start (if not yet), each with its token file in agent-tokens/ (created, 0600). */
  enrol?: string[];
  /** Seeds an empty store with the demo warehouse (embedded ERP). */
  seed?: DemoOptions | false;
  logFile?: string;
  /** wss:// with this certificate (chain) and key, PEM files. */
  tls?: { certFile: string; keyFile: string };
  /** The ERP behind the hub: Tryton, or (absent) the embedded reference ERP. */
  tryton?: TrytonConfig;
  /** Prometheus `/metrics` on 127.0.0.1 at `metrics.port` (config key `metrics.port`); absent: not served. */
  metrics?: MetricsConfig;
  /** Days applied events are kept before the retention job prunes them (config key `retention.hubEventsDays`). */
  retention?: { hubEventsDays: number };
}


export { hubPaths };

export interface RunningHub {
  port: number;
  db: Knex;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startHub(config: HubConfig, clock: () => Date = () => new Date()): Promise<RunningHub> {
  const dataDir = resolve(config.dataDir);
  const paths = hubPaths(dataDir);
  claimRuntimeFile(paths.runtimeFile, 'a hub');
  // TLS files OpenSSL refuses stop the hub before it opens (or seeds) a store it would not serve
  if (config.tls) readTlsPair(config.tls);
  const logger = createLogger('hub', config.logFile);
  let db: Knex | undefined;
  let server: HubServer;
  let port: number;
  let metricsServer: MetricsServer | undefined;
  let erp = { adapter: embeddedAdapter, stop: async () => {} };
  try {
    db = await openHubStore(config.db ?? paths.db);
    const enrolled = new Set((await enrolledAgents(db)).map((a) => a.agentId));
    for (const agentId of config.enrol ?? []) if (!enrolled.has(agentId)) await enrolAgent(db, agentId, paths.agentTokenFile(agentId), clock());
    const metrics = createHubMetrics({ db, connectedAgents: () => server.connectedAgents(), tryton: config.tryton !== undefined });
    if (config.tryton) erp = await connectTryton(config.tryton, db, logger, metrics.trytonCall);
    else if (config.seed !== false && (await seedHub(db, generateDemoData(config.seed ?? DEMO_DEFAULTS)))) logger.info('demo data loaded');
    server = new HubServer({ host: config.host, port: config.port, db, adapter: erp.adapter, logger, ...(config.tls && { tls: config.tls }), clock, onReceived: metrics.received, onDecided: metrics.decided });
    port = await server.listen();
    const listening = server;
    if (config.metrics?.port) metricsServer = await serveMetrics(metrics.registry, config.metrics.port, logger, "the hub's metrics endpoint").catch(async (error: unknown) => {
      await listening.close();
      throw error;
    });
  } catch (error) {
    // a hub that could not start leaves nothing behind: no open store, no claim on the directory
    await erp.stop();
    await db?.destroy();
    removeRuntimeFile(paths.runtimeFile);
    throw typedFault(error, { store: config.db ?? paths.db, listener: 'the hub' });
  }
  const store = db;
  writeRuntimeFile(paths.runtimeFile, { pid: process.pid, port, startedAt: clock().toISOString() });
  const keepDays = config.retention?.hubEventsDays ?? RETENTION_DEFAULTS.hubEventsDays;
  const retention = startPeriodicJob(
    async (signal) => {
      const pruned = await pruneHubEvents(store, keepDays, clock(), PRUNE_BATCH, signal);
      if (pruned.events > 0) logger.info({ ...pruned, keepDays }, 'retention: applied events pruned');
    },
    (error) => logger.error({ err: error.message }, 'retention: pruning failed; tried again at the next pass'),
  );
  logger.info({ port, adapter: erp.adapter.name, tls: Boolean(config.tls) }, 'hub started');
  return {
    port,
    db: store,
    logger,
    async stop() {
      await metricsServer?.close();
      await server.close();
      await erp.stop();
      await retention.stop();
      await store.destroy();
      removeRuntimeFile(paths.runtimeFile);
      logger.info('hub stopped');
      logger.flush();
    },
  };
}
