import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { DEMO_WEIGHT_LAYOUT } from '../../src/hub/adapters/embedded/demo-data.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { PtyPair } from './pty-pair.js';
import { freshDatabase, type Backend } from './test-database.js';
import { agentStatusAt, CLI, killHard, spawnQuai, type QuaiProcess } from './quai-process.js';
import { pickWholeOrder, TerminalClient } from './terminal-client.js';
import { waitFor } from './wait-for.js';
import { zplListener } from './zpl-listener.js';

/**
 * A site as the e2e tests of the terminal run it (pack-weigh's set-up, as a helper): `quai hub`
 * (embedded demo ERP) and `quai agent` processes on loopback, station PACK-1 with a simulated
 * MT-SICS scale on a socat pty and a ZPL printer on TCP; colissimo and chronopost as carriers.
 */
export interface QuaiSite {
  dir: string;
  /** The hub's store (SQLite file or postgres:// URL): what `quai hub inspect --db` reads. */
  hubDb: string;
  hub: QuaiProcess;
  agent: QuaiProcess;
  /** The agent's local API token. */
  token: string;
  /** Puts a load on the simulated scale (0 takes the parcel off). */
  place(grams: number): void;
  /** Any other line to the simulated scale (`shake 1500`, `mute`: see `quai sim scale`). */
  scale(command: string): void;
  /** Pulls the scale's cable (its serial path vanishes): the agent sees it offline. */
  unplugScale(): Promise<void>;
  printerJobs: string[];
  /** Orders picked through the local API, as another picking station would. */
  pickOrders(numbers: string[], station?: string): Promise<void>;
  /** Kills the agent alone (the hub, scale and printer stay). */
  stopAgent(): Promise<void>;
  /** Kills the agent and starts it again on the same store (a new port): `agent` is the new one once it answers. */
  restartAgent(): Promise<void>;
  stop(): Promise<void>;
}

export interface QuaiSiteOptions {
  /**
   * Runs on the hub's store once the demo data is in it, before the agent starts (and so before
   * anything reaches the agent): e.g. the ERP's books for a bin.
   */
  arrangeErp?: (db: Knex) => Promise<void>;
  /** The hub's and agent's log level (default warn: a test reading the logs asks for info). */
  logLevel?: string;
  /** Where the hub's and agent's stores are (default sqlite, in the data directory). */
  backend?: Backend;
  /** More of the agent's configuration, top-level keys over the site's (e.g. `picking: { carts }`). */
  agentConfig?: Record<string, unknown>;
}

export async function startQuaiSite(dir: string, options: QuaiSiteOptions = {}): Promise<QuaiSite> {
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await Promise.resolve(s()).catch(() => undefined);
  };
  try {
    const pty = new PtyPair(dir, 'scale');
    await pty.plug();
    stops.push(() => pty.unplug());
    const printer = await zplListener();
    stops.push(() => printer.close());
    const postgres = options.backend === 'postgres';
    const hubDb = postgres ? await freshDatabase('postgres', dir, 'hub') : hubPaths(join(dir, 'hub')).db;
    const agentDb = postgres ? ['--db', await freshDatabase('postgres', dir, 'agent')] : [];
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--db', hubDb, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')], { QUAI_LOG_LEVEL: options.logLevel ?? 'warn' });
    stops.push(() => killHard(hub));
    if (options.arrangeErp) {
      const db = await openHubStore(hubDb);
      try {
        await options.arrangeErp(db);
      } finally {
        await db.destroy();
      }
    }
    const config = join(dir, 'agent-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        stations: { 'PACK-1': { devices: [{ kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: pty.b }, pollMs: 50 }], printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } } },
        packing: { tolerance: { absoluteGrams: 25, percent: 3 }, carriers: ['colissimo', 'chronopost'] },
        barcodes: { variableMeasure: [DEMO_WEIGHT_LAYOUT] },
        ...options.agentConfig,
      }),
    );
    const startAgent = async () => {
      const started = await spawnQuai(['agent', '--config', config, '--data-dir', dir, ...agentDb, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')], { QUAI_LOG_LEVEL: options.logLevel ?? 'warn' });
      stops.push(() => killHard(started));
      return started;
    };
    const agent = await startAgent();
    const scale: ChildProcess = spawn(process.execPath, [CLI, 'sim', 'scale', '--protocol', 'mt-sics', '--port', pty.a], { stdio: ['pipe', 'ignore', 'ignore'] });
    stops.push(() => scale.kill('SIGKILL'));
    const token = readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile);
    await waitFor(async () => (await agentStatusAt(dir, agent.port)).catalog.openOrders === 25, 'catalog and orders synced', 20_000);
    const site: QuaiSite = {
      dir,
      hubDb,
      hub,
      agent,
      token,
      place: (grams) => scale.stdin!.write(`place ${grams} g\n`),
      scale: (command) => scale.stdin!.write(`${command}\n`),
      unplugScale: () => pty.unplug(),
      printerJobs: printer.jobs,
      async pickOrders(numbers, station = 'PICK-9') {
        const picker = await TerminalClient.open(site.agent.port, token, station);
        try {
          await picker.input('OP02');
          await picker.act({ type: 'menu', choice: 'pick' });
          for (const number of numbers) {
            await picker.input(number);
            await pickWholeOrder(picker);
            await picker.act({ type: 'finish' });
          }
        } finally {
          picker.close();
        }
      },
      stopAgent: () => killHard(site.agent),
      async restartAgent() {
        await killHard(site.agent);
        site.agent = await startAgent();
        await waitFor(async () => (await agentStatusAt(dir, site.agent.port)).link === 'online', 'agent back and linked to the hub', 20_000);
      },
      stop,
    };
    return site;
  } catch (error) {
    await stop();
    throw error;
  }
}
