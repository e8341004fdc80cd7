import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import type { StoreHolder } from '../../src/agent/store/store-owner-lock.js';
import { agentStatusAt, killHard, runQuai, useQuaiProcesses } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';

const tempDir = useTempDirs();
const { start, cleanups } = useQuaiProcesses();

/** A data directory with a hub token file; the hub itself is not needed to start an agent (it links later). */
function agentDir(): { dir: string; args: (...more: string[]) => string[] } {
  const dir = tempDir();
  const token = join(dir, 'hub-token');
  writeFileSync(token, 'not-a-real-hub-token\n', { mode: 0o600 });
  return { dir, args: (...more) => ['agent', '--data-dir', dir, '--hub-url', 'ws://127.0.0.1:9', '--hub-token-file', token, '--port', '0', '--log-file', join(dir, 'agent.log'), ...more] };
}

async function storeHolder(location: string): Promise<StoreHolder> {
  const store = await AgentStore.open(location);
  try {
    return JSON.parse((await store.meta.get('store-owner'))!) as StoreHolder;
  } finally {
    await store.close();
  }
}

describe('quai agent refuses a configuration with unknown keys, or that is not an object', () => {
  it('exits 1 with the JSON path of each fault, before opening anything', async () => {
    const { dir, args } = agentDir();
    const config = join(dir, 'agent.json');
    const run = async (text: string) => {
      writeFileSync(config, text);
      return runQuai(args('--config', config));
    };
    expect(await run(JSON.stringify({ listne: { port: 7400 } }))).toMatchObject({ code: 1, err: `quai: invalid agent configuration (${config} and flags): listne: unknown key [CONFIG_INVALID]\n` });
    expect(await run(JSON.stringify({ hbu: { url: 'ws://hub:7310' } }))).toMatchObject({ code: 1, err: `quai: invalid agent configuration (${config} and flags): hbu: unknown key [CONFIG_INVALID]\n` });
    expect(await run(JSON.stringify({ hub: { urll: 'ws://hub:7310' } }))).toMatchObject({ code: 1, err: `quai: invalid agent configuration (${config} and flags): hub.urll: unknown key [CONFIG_INVALID]\n` });
    expect(await run('[]')).toMatchObject({ code: 1, err: `quai: configuration file ${config} must hold a JSON object ({ ... }), not an array [CONFIG_INVALID]\n` });
    expect(await run('{"hub": "ws://hub:7310"}')).toMatchObject({ code: 1, err: `quai: invalid agent configuration (${config} and flags): hub: expected an object, not a string [CONFIG_INVALID]\n` });
  });
});

describe.each(BACKENDS)('one agent per store (%s)', (backend) => {
  /** The store's location, and other spellings of it that lead to the same store. */
  async function sameStoreSpellings(first: string): Promise<{ location: string; aliases: string[] }> {
    if (backend === 'postgres') {
      const location = await freshDatabase(backend, tempDir(), 'agent');
      return { location, aliases: [location, `${location.replace(/^postgres:/, 'postgresql:')}?application_name=second`] };
    }
    const location = join(first, 'agent', 'agent.sqlite');
    const link = join(tempDir(), 'link');
    symlinkSync(first, link);
    return { location, aliases: [location, join(link, 'agent', 'agent.sqlite'), join(first, 'agent', '..', 'agent', 'agent.sqlite')] };
  }

  it('a second agent on the same store, by any path or URL, exits 1 with STORE_IN_USE naming the first; the first runs on', async () => {
    const first = agentDir();
    const { location, aliases } = await sameStoreSpellings(first.dir);
    const running = await start(first.args('--db', location));
    for (const alias of aliases) {
      const second = agentDir();
      const refused = await runQuai(second.args('--db', alias));
      expect(refused.code, refused.err).toBe(1);
      expect(refused.err).toMatch(new RegExp(`^quai: the store .* is in use by agent AGENT-1 on .* \\(pid ${running.child.pid}, since .*\\).* \\[STORE_IN_USE\\]\\n$`));
      expect(refused.ms).toBeLessThan(10_000);
    }
    expect(running.child.exitCode).toBeNull();
    expect(await agentStatusAt(first.dir, running.port)).toMatchObject({ agentId: 'AGENT-1' });
    // reading the store takes no lock: status and audit work beside the running agent
    const status = await runQuai(['status', '--data-dir', tempDir(), '--db', location, '--json']);
    expect(status).toMatchObject({ code: 0 });
    // the site it last started with, read from its store
    expect(JSON.parse(status.out)).toMatchObject({ agentId: 'AGENT-1', siteId: 'SITE-1', running: false, link: 'not-running' });
    if (backend === 'sqlite') expect(await runQuai(['audit', '--data-dir', first.dir])).toMatchObject({ code: 0 });
    expect(await storeHolder(location)).toMatchObject({ pid: running.child.pid });
  });

  it('an agent killed with -9 leaves its lock behind: the next start takes the store over at once; a clean stop frees it', async () => {
    const first = agentDir();
    const location = backend === 'postgres' ? await freshDatabase(backend, tempDir(), 'agent') : join(first.dir, 'agent', 'agent.sqlite');
    const killed = await start(first.args('--db', location));
    await killHard(killed);
    expect(await storeHolder(location)).toMatchObject({ pid: killed.child.pid });
    const startedAt = Date.now();
    const next = await start(first.args('--db', location));
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(await storeHolder(location)).toMatchObject({ pid: next.child.pid });
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    const store = await AgentStore.open(location);
    cleanups.push(() => store.close());
    expect(await store.meta.get('store-owner')).toBeUndefined();
  });
});
