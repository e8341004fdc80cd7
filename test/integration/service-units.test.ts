import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentDir, defaultDataDir, hubDir } from '../../src/commands/data-dirs.js';
import { SERVICE_KINDS } from '../../src/commands/service-command.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { killHard, runQuai, spawnQuai, stopGently } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const deployed = (kind: string) => readFileSync(`deploy/systemd/quai-${kind}.service`, 'utf8');
/** Every value a unit gives `key` (`Environment=A=B` gives `A=B`). */
const values = (unit: string, key: string) => unit.split('\n').filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1));
const single = (unit: string, key: string) => {
  const found = values(unit, key);
  expect(found, key).toHaveLength(1);
  return found[0]!;
};

describe('quai service print', () => {
  const tempDir = useTempDirs();

  it.each(SERVICE_KINDS)('prints the %s unit that deploy/systemd/ holds', async (kind) => {
    const printed = await runQuai(['service', 'print', kind]);
    expect(printed.code).toBe(0);
    expect(printed.err).toBe('');
    expect(printed.out).toBe(deployed(kind));
  });

  it('refuses a kind it does not know, naming the ones it does', async () => {
    const printed = await runQuai(['service', 'print', 'tui']);
    expect(printed.code).toBe(2);
    expect(printed.err).toMatch(/Allowed choices are agent, hub/);
    expect(printed.out).toBe('');
  });

  it.each(SERVICE_KINDS)('%s: the installed command, the data directory it writes and the config it reads agree with quai and npm', (kind) => {
    const unit = deployed(kind);
    const bin = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).bin as object);
    expect(single(unit, 'ExecStart')).toBe(`${bin[0]} ${kind} --config /etc/quai/${kind}.jsonc`);
    const dataDir = defaultDataDir({ QUAI_DATA_DIR: single(unit, 'Environment').replace(/^QUAI_DATA_DIR=/, '') });
    expect(dataDir).toBe('/var/lib/quai');
    expect(single(unit, 'ReadWritePaths')).toBe(dataDir);
    expect(`/var/lib/${single(unit, 'StateDirectory')}`).toBe(dataDir);
    expect((kind === 'agent' ? agentDir : hubDir)(dataDir).startsWith(`${dataDir}/`)).toBe(true);
    expect(single(unit, 'User')).toBe('quai');
    expect(single(unit, 'Restart')).toBe('on-failure');
    expect(values(unit, 'SupplementaryGroups')).toEqual(kind === 'agent' ? ['dialout'] : []);
    for (const key of ['ProtectSystem', 'NoNewPrivileges', 'PrivateTmp', 'ProtectHome']) expect(values(unit, key), key).toHaveLength(1);
    // no --log-file: JSON lines on stdout, to the journal
    expect(unit).not.toMatch(/log-file/);
    expect(single(unit, 'StandardOutput')).toBe('journal');
  });

  it.each(SERVICE_KINDS)("the %s unit's command starts it with its store and runtime files under the unit's data directory, and it stops cleanly as systemd stops it", async (kind) => {
    const root = tempDir();
    const dataDir = join(root, 'var-lib-quai');
    const config = join(root, `${kind}.jsonc`);
    let files: string[];
    if (kind === 'agent') {
      writeFileSync(config, JSON.stringify({ hub: { url: 'ws://127.0.0.1:9' }, listen: { port: 0 } }));
      // the hub's token file for this agent where a hub on the same machine writes it
      mkdirSync(join(hubDir(dataDir), 'agent-tokens'), { recursive: true });
      writeFileSync(join(hubDir(dataDir), 'agent-tokens', 'AGENT-1'), 'token-of-agent-1', { mode: 0o600 });
      const paths = agentPaths(agentDir(dataDir));
      files = [paths.db, paths.apiTokenFile, paths.runtimeFile];
    } else {
      // a starter hub file leaves dataDir out; the unit's QUAI_DATA_DIR gives it
      writeFileSync(config, '// hub\n{ "listen": { "port": 0 } }\n');
      const paths = hubPaths(hubDir(dataDir));
      files = [paths.db, paths.runtimeFile];
    }
    const [command, ...args] = single(deployed(kind), 'ExecStart').split(' ');
    expect(command).toBe('quai');
    const service = await spawnQuai(args.map((arg) => (arg === `/etc/quai/${kind}.jsonc` ? config : arg)), { QUAI_DATA_DIR: dataDir, QUAI_LOG_LEVEL: 'warn' });
    try {
      for (const file of files) expect(existsSync(file), file).toBe(true);
    } catch (error) {
      await killHard(service);
      throw error;
    }
    // systemctl stop sends SIGTERM: a clean stop exits 0, so Restart=on-failure leaves it stopped
    expect(await stopGently(service)).toBe(0);
    expect(existsSync(files.at(-1)!)).toBe(false);
  });
});
