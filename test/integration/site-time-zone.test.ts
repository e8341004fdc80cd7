import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent } from '../../src/agent/start-agent.js';
import { formatInspection, inspectHub } from '../../src/hub/hub-inspect.js';
import { hubPaths, startHub } from '../../src/hub/start-hub.js';
import type { AgentToHub } from '../../src/protocol/sync.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { AgentLink } from '../../src/tui/agent-link.js';
import { useCleanups } from '../helpers/cleanups.js';
import { frameProxy } from '../helpers/frame-proxy.js';
import { CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups = useCleanups();
const tempDir = useTempDirs();

describe("the site's time zone (site.timeZone)", () => {
  it('reaches the hub in hello and the terminals in welcome, spelt canonically', async () => {
    const dir = tempDir();
    const hub = await startHub({ dataDir: join(dir, 'hub'), db: join(dir, 'hub.sqlite'), host: '127.0.0.1', port: 0, seed: { products: 5, orders: 1, seed: 2026 }, logFile: join(dir, 'test.log'), enrol: ['AGENT-1'] });
    cleanups.push(() => hub.stop());
    const hellos: AgentToHub[] = [];
    const proxy = await frameProxy(`ws://127.0.0.1:${hub.port}`, {
      toHub: (frame) => {
        const message = JSON.parse(frame) as AgentToHub;
        if (message.type === 'hello') hellos.push(message);
        return [frame];
      },
    });
    cleanups.push(() => proxy.close());
    const config = parseAgentConfig({ dataDir: join(dir, 'agent'), hub: { url: proxy.url, tokenFile: hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1') }, listen: { port: 0 }, logFile: join(dir, 'test.log'), site: { timeZone: 'america/new_york' } });
    const agent = await startAgent(config);
    cleanups.push(() => agent.stop());
    await waitFor(() => hellos.length > 0, 'the agent says hello to the hub');
    expect(hellos[0]).toMatchObject({ type: 'hello', agentId: 'AGENT-1', timeZone: 'America/New_York' });
    // the hub keeps it with the agent, for its figures, and shows it
    await waitFor(async () => (await inspectHub(hub.db)).agents[0]?.timeZone === 'America/New_York', "the hub knows the site's zone");
    expect(formatInspection(await inspectHub(hub.db))).toContain('AGENT-1 (SITE-1, America/New_York)');

    const link = new AgentLink({ url: `ws://127.0.0.1:${agent.port}`, token: ensureSecretFile(config.apiTokenFile), station: 'PICK-1' });
    link.start();
    cleanups.push(() => link.close());
    await waitFor(() => link.current.timeZone === 'America/New_York', "the terminal knows the site's zone");
  });

  it('a wrong name: quai config check names its JSON path and says how to write it, in French first, and exits 1', () => {
    const file = join(tempDir(), 'agent.json');
    writeFileSync(file, JSON.stringify({ dataDir: 'agent', hub: { url: 'ws://127.0.0.1:7310', tokenFile: CLI }, site: { timeZone: 'Europe/Pariss' } }));
    const check = (LANG: string) => spawnSync(process.execPath, [CLI, 'config', 'check', file], { encoding: 'utf8', env: { ...process.env, LANG, LC_ALL: '', LC_MESSAGES: '' } });
    const fr = check('fr_FR.UTF-8');
    expect(fr.status).toBe(1);
    expect(fr.stderr + fr.stdout).toContain('site.timeZone: pas un fuseau horaire IANA : écrivez-le Zone/Ville (Europe/Paris, America/New_York, Asia/Kolkata)');
    const en = check('en_GB.UTF-8');
    expect(en.status).toBe(1);
    expect(en.stderr + en.stdout).toContain('site.timeZone: not an IANA time zone: write it as Area/City (Europe/Paris');
  });
});
