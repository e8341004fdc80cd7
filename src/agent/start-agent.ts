import { resolve } from 'node:path';
import type { AgentStatus } from '../protocol/local-api.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { readPemFile } from '../runtime/pem-file.js';
import { QuaiError } from '../runtime/quai-error.js';
import { RateLimitedLog } from '../runtime/rate-limited-log.js';
import { storeLocationName, typedFault } from '../runtime/system-fault.js';
import { ensureSecretFile, readSecretFile } from '../runtime/secret-file.js';
import { claimRuntimeFile, removeRuntimeFile, writeRuntimeFile } from '../runtime/runtime-file.js';
import type { AgentConfig } from './agent-config.js';
import { agentPaths } from '../runtime/agent-paths.js';
import type { MetricsServer } from '../runtime/metrics-server.js';
import type { AgentMetrics } from './agent-metrics.js';
import { readAgentStatus } from './agent-status.js';
import { LocalApiServer } from './local-api-server.js';
import { ParcelLabels } from './parcel-labels.js';
import { allocateSscc } from './sscc-allocator.js';
import { StationDevices } from './station-devices.js';
import { StationSessions } from './station-sessions.js';
import { LAST_SYNC_AT } from './store/meta-repo.js';
import { AgentStore } from './store/agent-store.js';
import { holdAgentStore } from './store/store-owner-lock.js';
import { AGENT_PRUNE_BATCH, pruneAgentStore } from './store/prune-agent-store.js';
import { startPeriodicJob } from '../runtime/periodic-job.js';
import { SyncClient } from './sync-client.js';

export interface RunningAgent {
  port: number;
  store: AgentStore;
  sync: SyncClient;
  logger: Logger;
  status(): Promise<AgentStatus>;
  stop(): Promise<void>;
}

/** Starts the agent: store, sessions, hub link and local API. Resolves once terminals can connect. */
export async function startAgent(config: AgentConfig, clock: () => Date = () => new Date()): Promise<RunningAgent> {
  const runtimeFile = agentPaths(config.dataDir).runtimeFile;
  claimRuntimeFile(runtimeFile, 'an agent');
  const logger = createLogger('agent', config.logFile);
  const hubToken = readSecretFile(config.hub.tokenFile);
  const hubCa = config.hub.caFile ? readPemFile(config.hub.caFile, 'hub CA file') : undefined;
  const apiToken = ensureSecretFile(config.apiTokenFile);
  const store = await AgentStore.open(config.db);
  // one agent per store whatever path or URL leads to it: the data-dir claim above cannot see that
  const storeLock = await holdAgentStore(store, config.db, config.agentId, logger);
  const owner = await store.meta.get('agentId');
  if (owner && owner !== config.agentId) {
    await storeLock.release();
    await store.close();
    throw new QuaiError('STORE_OWNED_BY_OTHER_AGENT', `the store ${config.db} belongs to agent ${owner}, not ${config.agentId}`);
  }
  if (!owner) await store.meta.set('agentId', config.agentId);
  // for `quai status` while the agent is stopped: the site it last ran for
  await store.meta.set('siteId', config.siteId);

  const agentNumber = Number(config.agentId.replace(/\D/g, '') || '0');
  // a full disk fails every scan and every message from the hub: the log says so once a minute
  const faults = new RateLimitedLog(logger);
  const sessions = new StationSessions({
    store,
    clock,
    context: { packing: config.packing, receiving: config.receiving, counting: config.counting, picking: config.picking },
    batches: { carts: config.picking.carts, totePrefix: config.picking.totePrefix },
    wedge: config.wedge,
    nextSscc: () => allocateSscc(store, config.packing.companyPrefix, agentNumber),
    variableMeasure: config.barcodes.variableMeasure,
    onReleased: (station) => void server.push(station),
    onStoreFault: (station, fault) => faults.error(fault.code, { station, store: storeLocationName(config.db), err: fault.message }, 'an action was not recorded: the store refused it; operators are told'),
    stationsWithScale: Object.entries(config.stations).filter(([, s]) => s.devices.some((d) => d.kind === 'scale')).map(([station]) => station),
    onCommitted: (station, handled) => {
      if (handled.events.length > 0) sync.kick();
      const pack = handled.session.state.pack;
      if (pack) labels.parcelsClosed(station, pack, handled.events);
    },
    onChanged: (station) => void server.push(station),
    onBackgroundFault: (station, what, error) => logger.error({ err: error.message, station }, what),
  });
  /** Made only when `metrics.port` asks for the endpoint (below). */
  let metrics: AgentMetrics | undefined;
  const sync = new SyncClient({
    url: config.hub.url,
    agentId: config.agentId,
    siteId: config.siteId,
    timeZone: config.site.timeZone,
    token: hubToken,
    heartbeatMs: config.hub.heartbeatMs,
    reconcileHours: config.hub.reconcileHours,
    ...(hubCa && { ca: hubCa }),
    store,
    logger,
    storeFaultLog: faults,
    clock,
    // sync starts only once the server exists (below), so this push always has a server
    // events sent or settled and the link change only the status line; documents change views
    onChange: (what) => {
      if (what === 'link') metrics?.linkChanged(sync.link);
      if (what === 'work') releaseClosed();
      void server.push(undefined, what === 'outbox' || what === 'link' ? 'status' : 'view');
    },
  });
  // the last time the hub acknowledged, across restarts, until it does again
  sync.lastSyncAt = (await store.meta.get(LAST_SYNC_AT)) ?? null;
  /** Documents closed, cancelled or shipped at the hub leave the stations holding them. */
  const releaseClosed = () => void sessions.releaseClosed().catch((error: Error) => logger.error({ err: error.message }, 'stations not released of closed documents'));
  const devices = new StationDevices(
    config.stations,
    {
      onScan: async (station, data, raw) => {
        const receivedAt = performance.now();
        await sessions.handle(station, { type: 'input', data, source: 'serial' }, raw);
        await server.push(station);
        metrics?.answered('input', 'serial', (performance.now() - receivedAt) / 1000);
      },
      onChange: (station) => void server.push(station, 'status'),
      onScaleEvent: (station, event) => void sessions.scaleEvent(station, event).catch((error: Error) => logger.error({ err: error.message, station }, 'scale event not handled')),
    },
    logger,
  );
  const labels = new ParcelLabels(config.stations, logger, (station) => void server.push(station, 'status'));
  const status = (): Promise<AgentStatus> =>
    readAgentStatus(store, { agentId: config.agentId, siteId: config.siteId, link: sync.link, lastSyncAt: sync.lastSyncAt, loading: sync.loading, devices: devices.statuses() });
  const server = new LocalApiServer({ host: config.listen.host, port: config.listen.port, token: apiToken, store, sessions, logger, agentId: config.agentId, keyboard: config.wedge.keyboard ?? null, timeZone: config.site.timeZone, status, link: () => sync.link, syncNow: ({ catalog }) => sync.reconnectNow({ catalog }), loading: () => sync.loading, devices, labels, carriers: config.packing.carriers, onAnswered: (intent, seconds) => metrics?.answered(intent, 'terminal', seconds) });
  const port = await server.listen().catch(async (error: unknown) => {
    // nothing runs yet but the store: closed, or its pool would keep an agent that failed alive
    await storeLock.release();
    await store.close();
    throw typedFault(error, { listener: "the agent's local API" });
  });
  // prom-client is loaded only by an agent that serves metrics (about 10 MB of memory otherwise spent for nothing)
  let metricsServer: MetricsServer | undefined;
  if (config.metrics.port) {
    const [{ createAgentMetrics }, { serveMetrics }] = await Promise.all([import('./agent-metrics.js'), import('../runtime/metrics-server.js')]);
    metrics = createAgentMetrics({ store, link: () => sync.link, devices: () => devices.statuses(), sessions: () => sessions.loaded(), terminals: () => server.terminalsPerStation() });
    metricsServer = await serveMetrics(metrics.registry, config.metrics.port, logger, "the agent's metrics endpoint").catch(async (error: unknown) => {
      await server.close();
      await storeLock.release();
      await store.close();
      throw error;
    });
  }
  writeRuntimeFile(runtimeFile, { pid: process.pid, port, startedAt: clock().toISOString(), ...(config.logFile && { logFile: resolve(config.logFile) }) });
  // what the hub closed while this agent was down and already told it, before anyone scans
  releaseClosed();
  sync.start();
  devices.start();
  const retention = startPeriodicJob(
    async (signal) => {
      const pruned = await pruneAgentStore(store, config.retention, clock(), AGENT_PRUNE_BATCH, signal);
      if (pruned.outbox + pruned.audit > 0) logger.info({ ...pruned, keep: config.retention }, 'retention: old rows pruned');
    },
    (error) => logger.error({ err: error.message }, 'retention: pruning failed; tried again at the next pass'),
  );
  logger.info({ port, agentId: config.agentId, hub: config.hub.url }, 'agent started');

  return {
    port,
    store,
    sync,
    logger,
    status,
    async stop() {
      await metricsServer?.close();
      await server.close();
      await devices.stop();
      await labels.close();
      await sync.stop();
      await retention.stop();
      await storeLock.release();
      await store.close();
      removeRuntimeFile(runtimeFile);
      logger.info('agent stopped');
      logger.flush();
    },
  };
}
