import { join } from 'node:path';
import { afterEach } from 'vitest';
import { parseAgentConfig, type AgentConfigInput } from '../../src/agent/agent-config.js';
import { startAgent, type RunningAgent } from '../../src/agent/start-agent.js';
import { hubPaths, startHub, type RunningHub } from '../../src/hub/start-hub.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { freshDatabase, type Backend } from './test-database.js';
import { waitFor } from './wait-for.js';

export interface TestSite {
  dir: string;
  hub: RunningHub | undefined;
  agent: RunningAgent;
  hubPort: number;
  apiToken: string;
  /** The agent's and the hub's stores: SQLite files or postgres:// URLs. */
  agentDb: string;
  hubDb: string;
  stopHub(): Promise<void>;
  startHub(): Promise<void>;
  /** Stops the agent, runs `meanwhile` (the store is closed then), starts it again on the same configuration. */
  restartAgent(meanwhile?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A hub (embedded ERP with demo data) and an agent in this process, on loopback, in `dir`, with
 * their stores on SQLite files (default) or on PostgreSQL.
 */
export async function startSite(
  dir: string,
  options: { products?: number; orders?: number; stations?: Record<string, { devices: unknown[] }>; backend?: Backend; heartbeatMs?: number; receiving?: { otherBin: 'confirm' | 'supervisor' }; wedge?: AgentConfigInput['wedge']; picking?: AgentConfigInput['picking']; metrics?: AgentConfigInput['metrics'] } = {},
): Promise<TestSite> {
  const backend = options.backend ?? 'sqlite';
  const hubDb = await freshDatabase(backend, dir, 'hub');
  const agentDb = await freshDatabase(backend, dir, 'agent');
  const hubDir = join(dir, 'hub');
  const tokenFile = hubPaths(hubDir).agentTokenFile('AGENT-1');
  const logFile = join(dir, 'test.log');
  // the demo has its weighed goods' order after the `orders` generated ones
  const seed = { products: options.products ?? 240, orders: options.orders ?? 24, seed: 2026 };
  const hub = await startHub({ dataDir: hubDir, db: hubDb, host: '127.0.0.1', port: 0, seed, logFile, enrol: ['AGENT-1'] });
  const config = parseAgentConfig({ dataDir: join(dir, 'agent'), db: agentDb, hub: { url: `ws://127.0.0.1:${hub.port}`, tokenFile, ...(options.heartbeatMs && { heartbeatMs: options.heartbeatMs }) }, listen: { port: 0 }, logFile, stations: options.stations ?? {}, ...(options.receiving && { receiving: options.receiving }), ...(options.wedge && { wedge: options.wedge }), ...(options.picking && { picking: options.picking }), ...(options.metrics && { metrics: options.metrics }) });
  const site: TestSite = {
    dir,
    hub,
    agent: undefined as unknown as RunningAgent,
    hubPort: hub.port,
    apiToken: '',
    agentDb,
    hubDb,
    async stopHub() {
      await site.hub?.stop();
      site.hub = undefined;
    },
    async startHub() {
      site.hub = await startHub({ dataDir: hubDir, db: hubDb, host: '127.0.0.1', port: site.hubPort, seed, logFile });
    },
    async restartAgent(meanwhile) {
      await site.agent.stop();
      await meanwhile?.();
      site.agent = await startAgent(config);
    },
    async stop() {
      await site.agent.stop();
      await site.stopHub();
    },
  };
  site.agent = await startAgent(config);
  site.apiToken = ensureSecretFile(config.apiTokenFile);
  // the three streams end apart: orders can be in while the stock's last patch is not (a count task's lines are the stock there)
  await waitFor(async () => (await site.agent.status()).catalog.openOrders === seed.orders + 1 && Object.values(await site.agent.store.cursors.all()).every((c) => c !== null), 'catalog, orders and stock synced');
  return site;
}

/** `startSite` for a test file: each site started in a test, in a directory of its own, is stopped after it. */
export function useSites(tempDir: () => string): (options?: Parameters<typeof startSite>[1]) => Promise<TestSite> {
  const running: TestSite[] = [];
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop();
  });
  return async (options) => {
    const site = await startSite(tempDir(), options);
    running.push(site);
    return site;
  };
}
