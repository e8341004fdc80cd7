import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentPaths } from '../src/runtime/agent-paths.js';
import { serialSettings } from '../src/devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../src/devices/simulators/device-simulator.js';
import { readSecretFile } from '../src/runtime/secret-file.js';
import { PtyPair } from '../test/helpers/pty-pair.js';
import { killHard, spawnQuai, type QuaiProcess } from '../test/helpers/quai-process.js';
import { TerminalClient } from '../test/helpers/terminal-client.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { benchSize } from './bench-size.js';

/** A running site for the benchmarks: hub and agent from dist/, their stores under `dir`. */
export interface BenchSite {
  /** The data directory of both stores (the floors are measured on the same filesystem). */
  dir: string;
  hub: QuaiProcess;
  agent: QuaiProcess;
  /** The agent's local API token. */
  token: string;
  /** The MT-SICS scale simulator on station BENCH-1's pty. */
  scale: RunningSimulator;
  /** From the hub started (its seed excluded: it seeds before it reports ready) to the agent's catalog complete, s. */
  syncSeconds: number;
  stop(): Promise<void>;
}

/**
 * Starts a hub seeded with `benchSize.products` demo products and `orders` open orders (plus the
 * demo's weighed cheese and its order), and an agent with station BENCH-1 and its scale on a pty,
 * and waits until the agent holds the whole catalog and every order (polled every 200 ms, at most
 * 5 min; throws on the timeout). `stop` kills both and removes the directory.
 */
export async function startBenchSite(orders: number): Promise<BenchSite> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-'));
  const processes: QuaiProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await Promise.all(processes.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--demo-products', String(benchSize.products), '--demo-orders', String(orders), '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const syncStart = performance.now();
    const pty = new PtyPair(dir, 'scale');
    await pty.plug();
    cleanups.push(() => pty.unplug());
    const scale = startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: pty.a }));
    cleanups.push(() => scale.stop());
    const configFile = join(dir, 'agent.json');
    writeFileSync(configFile, JSON.stringify({ stations: { 'BENCH-1': { devices: [{ kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: pty.b }, pollMs: 50 }] } } }));
    const agent = await spawnQuai(['agent', '--config', configFile, '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    const token = readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile);
    const tool = await TerminalClient.open(agent.port, token);
    await waitFor(
      async () => {
        const seen = tool.messages.length;
        tool.sendRaw(JSON.stringify({ type: 'status' }));
        const answer = await waitFor(() => tool.messages.slice(seen).find((m) => m.type === 'status'), 'status');
        // the demo's weighed cheese and its order come on top of the generated ones
        return answer.type === 'status' && answer.status.catalog.products === benchSize.products + 1 && answer.status.catalog.openOrders === orders + 1;
      },
      `${benchSize.label} catalog synced`,
      300_000,
      200,
    );
    const syncSeconds = (performance.now() - syncStart) / 1000;
    tool.close();
    return { dir, hub, agent, token, scale, syncSeconds, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
