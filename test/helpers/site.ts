import { join } from 'node:path';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent, type RunningAgent } from '../../src/agent/start-agent.js';
import { hubPaths, startHub, type RunningHub } from '../../src/hub/start-hub.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { waitFor } from './wait-for.js';

export interface TestSite {
  dir: string;
  hub: RunningHub | undefined;
  agent: RunningAgent;
  hubPort: number;
  apiToken: string;
  stopHub(): Promise<void>;
  startHub(): Promise<void>;
  stop(): Promise<void>;
}

/** A hub (embedded ERP with demo data) and an agent in this process, on loopback, in `dir`. */
export async function startSite(dir: string, options: { products?: number; orders?: number; stations?: Record<string, { devices: unknown[] }> } = {}): Promise<TestSite> {
  const hubDir = join(dir, 'hub');
  const tokenFile = hubPaths(hubDir).tokenFile;
  ensureSecretFile(tokenFile);
  const logFile = join(dir, 'test.log');
  const seed = { products: options.products ?? 240, orders: options.orders ?? 24, seed: 2026 };
  const site: TestSite = {
    dir,
    hub: await startHub({ dataDir: hubDir, host: '127.0.0.1', port: 0, seed, logFile }),
    agent: undefined as unknown as RunningAgent,
    hubPort: 0,
    apiToken: '',
    async stopHub() {
      await site.hub?.stop();
      site.hub = undefined;
    },
    async startHub() {
      site.hub = await startHub({ dataDir: hubDir, host: '127.0.0.1', port: site.hubPort, seed, logFile });
    },
    async stop() {
      await site.agent.stop();
      await site.stopHub();
    },
  };
  site.hubPort = site.hub!.port;
  const config = parseAgentConfig({ dataDir: join(dir, 'agent'), hub: { url: `ws://127.0.0.1:${site.hubPort}`, tokenFile }, listen: { port: 0 }, logFile, stations: options.stations ?? {} });
  site.agent = await startAgent(config);
  site.apiToken = ensureSecretFile(config.apiTokenFile);
  await waitFor(async () => (await site.agent.status()).catalog.openOrders === seed.orders, 'catalog and orders synced');
  return site;
}
