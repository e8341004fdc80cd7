import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent, type RunningAgent } from '../../src/agent/start-agent.js';
import { hubPaths, startHub, type RunningHub } from '../../src/hub/start-hub.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A self-signed certificate for 127.0.0.1, as an admin would make one for a hub on a LAN. */
function selfSigned(dir: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, 'hub.crt');
  const keyFile = join(dir, 'hub.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=quai-hub', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile };
}

async function hubWithTls(dir: string): Promise<{ hub: RunningHub; tls: { certFile: string; keyFile: string } }> {
  const tls = selfSigned(dir);
  const hub = await startHub({ dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0, seed: { products: 30, orders: 3, seed: 1 }, enrol: ['AGENT-1'], logFile: join(dir, 'hub.log'), tls });
  stops.push(() => hub.stop());
  return { hub, tls };
}

async function agent(dir: string, url: string, caFile?: string): Promise<RunningAgent> {
  const running = await startAgent(
    parseAgentConfig({ dataDir: join(dir, 'agent'), hub: { url, tokenFile: hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1'), ...(caFile && { caFile }) }, listen: { port: 0 }, logFile: join(dir, 'agent.log') }),
  );
  stops.push(() => running.stop());
  return running;
}

describe('wss:// between agent and hub', () => {
  it('syncs over TLS when the agent trusts the hub certificate', async () => {
    const dir = tempDir();
    const { hub, tls } = await hubWithTls(dir);
    const running = await agent(dir, `wss://127.0.0.1:${hub.port}`, tls.certFile);
    await waitFor(async () => (await running.status()).catalog.openOrders === 4, 'synced over wss');
    expect(running.sync.link).toBe('online');
    // the token travelled inside TLS and is in no log line
    const token = readFileSync(hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1'), 'utf8').trim();
    for (const log of ['hub.log', 'agent.log']) expect(readFileSync(join(dir, log), 'utf8')).not.toContain(token);
  });

  it('refuses a hub whose certificate it does not trust, and a plain ws:// client gets no link', async () => {
    const dir = tempDir();
    const { hub } = await hubWithTls(dir);
    const untrusting = await agent(dir, `wss://127.0.0.1:${hub.port}`);
    await waitFor(() => readFileSync(join(dir, 'agent.log'), 'utf8').includes('self-signed certificate'), 'the TLS refusal logged');
    expect(untrusting.sync.link).not.toBe('online');
    expect((await untrusting.status()).catalog.products).toBe(0);
  });

  it('says which TLS file is missing, and leaves nothing behind', async () => {
    const dir = tempDir();
    const config = { dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0, seed: false as const, tls: { certFile: join(dir, 'none.crt'), keyFile: join(dir, 'none.key') } };
    await expect(startHub(config)).rejects.toThrow(/TLS certificate not readable: .*none\.crt/);
    const { hub } = await hubWithTls(dir);
    expect(hub.port).toBeGreaterThan(0);
  });
});
