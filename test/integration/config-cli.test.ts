import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { CLI, spawnQuai, stopGently } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

/** `quai …` run to its end from dist/, in English unless `env` says otherwise. */
const quai = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env } });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

/** A config file written in a fresh directory; returns its path and the directory. */
function configFile(text: string, name = 'quai.jsonc'): { file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, dir };
}

const check = (file: string, ...more: string[]) => quai(['config', 'check', file, '--data-dir', join(file, '..', 'data'), ...more]);

describe('quai config check: every fault printed with its JSON path, exit 1; OK and exit 0 otherwise', () => {
  it('a missing file', () => {
    const dir = tempDir();
    expect(check(join(dir, 'agent.jsonc'))).toEqual({ code: 1, out: '', err: `configuration file not found: ${join(dir, 'agent.jsonc')} [CONFIG_NOT_FOUND]\n` });
  });

  it('bad JSON: each syntax fault at its JSON path, line and column', () => {
    const { file } = configFile('{\n  "listen": { "port": 7311 }\n  "hub": { "url": "ws://h:7310", "tokenFile": [1,,2] }\n}\n');
    const run = check(file);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      [`configuration file ${file} is not valid JSON [CONFIG_INVALID]`, '  hub: a comma expected before this (line 3, column 3)', '  hub.tokenFile[1]: a value expected (line 3, column 50)', ''].join('\n'),
    );
  });

  it('unknown keys, wrong types, ports out of range and a device that is not there, all at once', () => {
    const { file } = configFile(`// a site's agent
{
  "agentId": 7,
  "hub": { "url": "ws://hub.lan:7310", "urll": "x" },
  "listen": { "port": 70000 },
  "metrics": { "port": 0 },
  "stations": {
    "PACK-1": { "devices": [{ "kind": "scanner", "id": "gun", "serial": { "path": "/dev/ttyUSB9" } }] },
  },
}
`);
    const run = check(file);
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err.split('\n')).toEqual([
      `${file}: invalid agent configuration [CONFIG_INVALID]`,
      '  agentId: expected a string, not a number',
      '  hub.urll: unknown key',
      '  listen.port: Too big: expected number to be <=65535',
      '  metrics.port: Too small: expected number to be >=1',
      '  stations.PACK-1.devices[0].serial.path: no such device /dev/ttyUSB9',
      `  hub.tokenFile: no such file ${join(file, '..', 'data', 'hub', 'agent-tokens', 'AGENT-1')}: enrol the agent on the hub's machine (quai hub agent add AGENT-1) and copy its token here (owner quai, chmod 600)`,
      '(checked as an agent configuration; --kind to say which)',
      '',
    ]);
  });

  it('a section of the wrong type is named by what was found', () => {
    const { file } = configFile('{ "hub": "ws://hub.lan:7310", "listen": [7311] }');
    expect(check(file, '--kind', 'agent').err.split('\n').slice(1, 3)).toEqual(['  hub: expected an object, not a string', '  listen: expected an object, not an array']);
  });

  it("a hub's configuration: unknown keys, a port out of range, a missing Tryton field and password file", () => {
    const { file, dir } = configFile(JSON.stringify({ erp: 'tryton', listen: { port: -1 }, tryton: { url: 'http://erp.lan:8000', database: 'w', user: 'quai', passwordFile: 'secret', pollSecs: 5 } }));
    const run = check(file);
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toEqual([
      `${file}: invalid hub configuration [CONFIG_INVALID]`,
      '  listen.port: Too small: expected number to be >=0',
      '  tryton.pollSecs: unknown key',
      `  tryton.passwordFile: no such file ${join(process.cwd(), 'secret')}`,
      '(checked as a hub configuration; --kind to say which)',
      '',
    ]);
    writeFileSync(join(dir, 'h.json'), JSON.stringify({ listen: { port: 7310 }, erp: 'tryton' }));
    expect(check(join(dir, 'h.json'), '--kind', 'hub').err).toContain('  tryton: required when erp is "tryton"');
  });

  it("the agent's hub token as `quai agent` reads it: the default file missing, then open to others, then OK", () => {
    const { file, dir } = configFile('{ "agentId": "LYON-1", "hub": { "url": "ws://hub.lan:7310" } }');
    const token = join(dir, 'data', 'hub', 'agent-tokens', 'LYON-1');
    expect(check(file).err.split('\n')[1]).toBe(`  hub.tokenFile: no such file ${token}: enrol the agent on the hub's machine (quai hub agent add LYON-1) and copy its token here (owner quai, chmod 600)`);
    expect(quai(['hub', 'agent', 'add', 'LYON-1', '--data-dir', join(dir, 'data')]).code).toBe(0);
    chmodSync(token, 0o644);
    expect(check(file)).toMatchObject({ code: 1, err: expect.stringContaining(`\n  hub.tokenFile: ${token} is readable by other users, the service refuses it: chmod 600 ${token}\n`) });
    // what config check says, the agent does at start
    expect(quai(['agent', '--config', file, '--data-dir', join(dir, 'data')])).toMatchObject({ code: 1, err: expect.stringContaining('[SECRET_FILE_TOO_OPEN]') });
    chmodSync(token, 0o600);
    expect(check(file)).toEqual({ code: 0, out: `${file}: agent configuration OK\n`, err: '' });
  });

  it("the hub's TLS files not PEM, its Tryton password file open to others or empty; a directory given for the file", () => {
    const dir = tempDir();
    const [cert, password, empty] = [join(dir, 'hub.crt'), join(dir, 'tryton-password'), join(dir, 'empty')] as const;
    writeFileSync(cert, 'not a certificate');
    writeFileSync(password, 'secret\n', { mode: 0o644 });
    writeFileSync(empty, '', { mode: 0o600 });
    const tryton = { url: 'http://erp.lan:8000', database: 'w', user: 'quai' };
    const { file } = configFile(JSON.stringify({ erp: 'tryton', tls: { certFile: cert, keyFile: join(dir, 'hub.key') }, tryton: { ...tryton, passwordFile: password } }));
    expect(check(file).err.split('\n').slice(1, 4)).toEqual([
      `  tls.certFile: ${cert} is not a PEM file (-----BEGIN …)`,
      `  tls.keyFile: no such file ${join(dir, 'hub.key')}`,
      `  tryton.passwordFile: ${password} is readable by other users, the service refuses it: chmod 600 ${password}`,
    ]);
    writeFileSync(file, JSON.stringify({ erp: 'tryton', tryton: { ...tryton, passwordFile: empty } }));
    expect(check(file).err.split('\n')[1]).toBe(`  tryton.passwordFile: ${empty} is empty: write the secret in it`);
    expect(check(dir)).toEqual({ code: 1, out: '', err: `${dir} is a directory, not a configuration file: give the file in it [CONFIG_NOT_FOUND]\n` });
  });

  it('in French when LANG is French', () => {
    const { file } = configFile('{ "hub": { "url": "ws://hub.lan:7310", "urll": "x" }, "listen": { "port": 70000 } }');
    const run = quai(['config', 'check', file, '--data-dir', tempDir()], { LANG: 'fr_FR.UTF-8' });
    expect(run.err.split('\n').slice(0, 3)).toEqual([`${file}: configuration d’agent invalide [CONFIG_INVALID]`, '  hub.urll: clé inconnue', '  listen.port: Trop grand : nombre doit être <=65535']);
  });
});

describe('quai init writes a commented starter configuration that loads back', () => {
  it('agent and hub: the files check OK, comments and all; an existing file is kept without --force', () => {
    const dir = tempDir();
    for (const kind of ['agent', 'hub']) {
      const file = join(dir, `${kind}.jsonc`);
      expect(quai(['init', kind, file])).toMatchObject({ code: 0, out: `written: ${file}\ncheck it with: quai config check ${file}\n` });
      expect(readFileSync(file, 'utf8')).toMatch(/^\/\/ Quai /);
      // the agent's default hub token is the file `quai hub agent add` writes in the data directory
      if (kind === 'agent') expect(quai(['hub', 'agent', 'add', 'AGENT-1', '--data-dir', join(dir, 'data')]).code).toBe(0);
      expect(check(file)).toEqual({ code: 0, out: `${file}: ${kind} configuration OK\n`, err: '' });
      expect(quai(['init', kind, file])).toEqual({ code: 1, out: '', err: `quai: ${file} exists already: choose another file, or --force to replace it [INIT_FILE_EXISTS]\n` });
    }
    const french = quai(['init', 'agent', '--agent-id', 'LYON-1', '--site-id', 'LYON'], { LANG: 'fr_FR.UTF-8' });
    expect(french.out).toContain('// cet agent, tel qu’inscrit au hub');
    expect(french.out).toContain('"agentId": "LYON-1"');
    expect(quai(['init', 'terminal']).code).toBe(2);
  });

  it('the hub runs from its starter file; a flag wins over the environment, which wins over the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'hub.jsonc');
    quai(['init', 'hub', file]);
    const filePort = await freePort();
    writeFileSync(file, readFileSync(file, 'utf8').replace('"port": 7310', `"port": ${filePort}`).replace('// "db": "postgres://quai:secret@db.lan/quai_hub"', `"db": "${join(dir, 'from-file.sqlite')}"`));
    const env = { QUAI_LOG_LEVEL: 'warn', QUAI_DATA_DIR: join(dir, 'data') };
    const fromFile = await spawnQuai(['hub', '--config', file, '--no-seed'], env);
    expect(fromFile.port).toBe(filePort);
    expect(existsSync(join(dir, 'from-file.sqlite'))).toBe(true);
    await stopGently(fromFile);
    // QUAI_HUB_CONFIG stands for --config; QUAI_HUB_DB over the file's db; --port over the file's port
    const overridden = await spawnQuai(['hub', '--port', '0', '--no-seed'], { ...env, QUAI_HUB_CONFIG: file, QUAI_HUB_DB: join(dir, 'from-env.sqlite') });
    expect(overridden.port).not.toBe(filePort);
    expect(existsSync(join(dir, 'from-env.sqlite'))).toBe(true);
    await stopGently(overridden);
    const flagWins = await spawnQuai(['hub', '--port', '0', '--no-seed', '--db', join(dir, 'from-flag.sqlite')], { ...env, QUAI_HUB_CONFIG: file, QUAI_HUB_DB: join(dir, 'from-env.sqlite') });
    expect(existsSync(join(dir, 'from-flag.sqlite'))).toBe(true);
    await stopGently(flagWins);
  });
});
