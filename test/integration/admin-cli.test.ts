import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { agentDir } from '../../src/commands/data-dirs.js';
import { openHubStore, streamVersion } from '../../src/hub/store/hub-store.js';
import { hubPaths, startHub } from '../../src/hub/start-hub.js';
import { pinMatches } from '../../src/runtime/pin-hash.js';
import { CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const quai = (...args: string[]) => quaiWith('', ...args);
const quaiWith = (input: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  return { code: run.status, err: run.stderr, out: run.stdout };
};

describe('admin commands refuse bad input with a typed error and exit 1, changing nothing', () => {
  it('hub agent and operator commands on a data directory with no hub store: HUB_STORE_MISSING, no store made', () => {
    const dir = tempDir();
    const store = join(dir, 'hub', 'hub.sqlite');
    const commands = [['inspect'], ['agent', 'list'], ['agent', 'remove', 'GHOST'], ['operator', 'list'], ['operator', 'set', 'OP01', '--badge', 'B1']];
    for (const args of commands) {
      expect(quai('hub', ...args, '--data-dir', dir)).toEqual({ code: 1, out: '', err: `quai: no hub store at ${store} (run the hub or the demo first, or pass --data-dir or --db) [HUB_STORE_MISSING]\n` });
    }
    expect(existsSync(store)).toBe(false);
  });

  it('hub agent add makes the store and says where, a new token or the one kept; remove of an agent never enrolled', () => {
    const dir = tempDir();
    const [store, token] = [join(dir, 'hub', 'hub.sqlite'), join(dir, 'hub', 'agent-tokens', 'LYON-1')];
    expect(quai('hub', 'agent', 'add', 'LYON-1', '--data-dir', dir)).toEqual({ code: 0, err: '', out: `LYON-1 enrolled at the hub of ${store} (a new hub store); token in ${token} (a new token)\n` });
    const first = readFileSync(token, 'utf8');
    expect(quai('hub', 'agent', 'add', 'LYON-1', '--data-dir', dir)).toMatchObject({ code: 0, out: `LYON-1 enrolled at the hub of ${store}; token in ${token} (the token already in this file, kept)\n` });
    expect(readFileSync(token, 'utf8')).toBe(first);
    expect(quai('hub', 'agent', 'remove', 'GHOST', '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/GHOST is not enrolled at this hub \[AGENT_NOT_ENROLLED\]/) });
    expect(quai('hub', 'agent', 'remove', 'LYON-1', '--data-dir', dir)).toMatchObject({ code: 0, out: 'LYON-1 revoked: its next connection is refused\n' });
  });

  it('a TLS certificate without its key, or a file that is not PEM', () => {
    const dir = tempDir();
    const cert = join(dir, 'hub.crt');
    writeFileSync(cert, 'not a certificate');
    expect(quai('hub', '--data-dir', dir, '--port', '0', '--tls-cert', cert)).toMatchObject({ code: 1, err: 'quai: invalid hub configuration: tls.keyFile: required (--tls-key) [CONFIG_INVALID]\n' });
    expect(quai('hub', '--data-dir', dir, '--port', '0', '--tls-cert', cert, '--tls-key', cert)).toMatchObject({ code: 1, err: expect.stringMatching(/TLS certificate is not a PEM file: .*hub\.crt \[TLS_FILE_NOT_PEM\]/) });
  });

  it('load with an unknown task, load and monitor with no agent running', () => {
    const dir = tempDir();
    expect(quai('load', '--data-dir', dir, '--mix', 'pick,dance')).toMatchObject({ code: 1, err: expect.stringMatching(/unknown task\(s\) in --mix: dance.* \[LOAD_BAD_MIX\]/) });
    expect(quai('load', '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/no agent is running from .* \[AGENT_NOT_RUNNING\]/) });
    expect(quai('monitor', '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/no agent is running from .* \[AGENT_NOT_RUNNING\]/) });
  });

  it('a Tryton hub with options missing, a URL that is not http, a password file missing or open to others', () => {
    const dir = tempDir();
    const tryton = ['hub', '--data-dir', dir, '--port', '0', '--erp', 'tryton', '--tryton-db', 'warehouse', '--tryton-user', 'quai'];
    expect(quai(...tryton)).toMatchObject({ code: 1, err: 'quai: invalid hub configuration: tryton.url: required (--tryton-url); tryton.passwordFile: required (--tryton-password-file) [CONFIG_INVALID]\n' });
    const password = join(dir, 'tryton-password');
    expect(quai(...tryton, '--tryton-url', 'erp.lan:8000', '--tryton-password-file', password)).toMatchObject({ code: 1, err: 'quai: invalid hub configuration: tryton.url: must be an http:// or https:// URL [CONFIG_INVALID]\n' });
    expect(quai(...tryton, '--tryton-url', 'http://127.0.0.1:9', '--tryton-password-file', password)).toMatchObject({ code: 1, err: expect.stringMatching(/secret file not found: .*tryton-password \[SECRET_FILE_MISSING\]/) });
    writeFileSync(password, 'secret\n', { mode: 0o644 });
    const open = quai(...tryton, '--tryton-url', 'http://127.0.0.1:9', '--tryton-password-file', password);
    expect(open).toMatchObject({ code: 1, err: expect.stringMatching(/readable by other users; run: chmod 600 .* \[SECRET_FILE_TOO_OPEN\]/) });
    expect(open.err).not.toContain('secret\n');
  });

  it('a Tryton hub on a store that holds the embedded demo', async () => {
    const dir = tempDir();
    const demo = await startHub({ dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0, seed: { products: 20, orders: 2, seed: 1 }, logFile: join(dir, 'hub.log') });
    await demo.stop();
    const password = join(dir, 'tryton-password');
    writeFileSync(password, 'secret\n', { mode: 0o600 });
    const tryton = ['--erp', 'tryton', '--tryton-url', 'http://127.0.0.1:9', '--tryton-db', 'warehouse', '--tryton-user', 'quai', '--tryton-password-file', password];
    expect(quai('hub', '--data-dir', dir, '--port', '0', ...tryton)).toMatchObject({ code: 1, err: expect.stringMatching(/this hub store holds \d+ order\(s\), receipt\(s\) or count task\(s\) of another ERP .* \[HUB_STORE_NOT_TRYTON\]/) });
  });

  it('a second demo on a data directory whose hub runs says so, not only "see hub.log"', async () => {
    const dir = tempDir();
    const running = await startHub({ dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0, seed: { products: 20, orders: 2, seed: 1 }, logFile: join(dir, 'hub.log') });
    try {
      expect(quai('demo', '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/the demo hub exited \(code 1\) before it was ready: a hub is already running from this data directory .*\[ALREADY_RUNNING\]; see .*hub\.log \[DEMO_CHILD_FAILED\]/) });
    } finally {
      await running.stop();
    }
  });

  // each `quai` run is a Node start, seconds on a busy machine: one list serves several checks, and
  // the refusals are a test of their own
  const operatorsAt = (dir: string) => {
    const lines = quai('hub', 'operator', 'list', '--data-dir', dir).out.split('\n');
    return (code: string) => lines.find((line) => line.startsWith(`${code}\t`));
  };
  /** A hub store with the demo's operators (SUP1 with a PIN); resolves with the catalog's version. */
  const demoHub = async (dir: string) => {
    const demo = await startHub({ dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0, seed: { products: 20, orders: 2, seed: 1 }, logFile: join(dir, 'hub.log') });
    const version = await streamVersion(demo.db, 'catalog');
    await demo.stop();
    return version;
  };

  it('badges and override PINs set at the hub, then cleared', async () => {
    const dir = tempDir();
    const version = await demoHub(dir);
    expect(quaiWith('4321\n', 'hub', 'operator', 'set', 'SUP1', '--pin-file', '-', '--data-dir', dir)).toMatchObject({ code: 0, out: 'SUP1 updated; the agents get it with the catalog\n' });
    expect(quai('hub', 'operator', 'set', 'OP01', '--badge', 'b2002', '--data-dir', dir)).toMatchObject({ code: 0 });
    const listed = operatorsAt(dir);
    expect(listed('OP01')).toBe('OP01\toperator\tMarie Dubois\tB2002\t-');
    expect(listed('SUP1')).toBe('SUP1\tsupervisor\tPaul Lefèvre\tB9001\tPIN');
    const db = await openHubStore(hubPaths(join(dir, 'hub')).db);
    try {
      const sup = await db('operators').where({ code: 'SUP1' }).first('pin_hash', 'version');
      expect(pinMatches('4321', sup.pin_hash)).toBe(true);
      expect(pinMatches('1234', sup.pin_hash)).toBe(false);
      expect(Number(sup.version)).toBeGreaterThan(version);
    } finally {
      await db.destroy();
    }
    expect(quai('hub', 'operator', 'set', 'SUP1', '--no-pin', '--no-badge', '--data-dir', dir)).toMatchObject({ code: 0 });
    expect(operatorsAt(dir)('SUP1')).toBe('SUP1\tsupervisor\tPaul Lefèvre\t-\t-');
  });

  it('an unknown operator, a bad PIN, a PIN for a non-supervisor, a badge taken, nothing to set: refused, nothing changed', async () => {
    const dir = tempDir();
    await demoHub(dir);
    const set = (...args: string[]) => quaiWith('12\n', 'hub', 'operator', 'set', ...args, '--data-dir', dir);
    expect(set('GHOST', '--badge', 'B1')).toMatchObject({ code: 1, err: expect.stringMatching(/no operator GHOST at this hub .*\[OPERATOR_UNKNOWN\]/) });
    expect(set('SUP1', '--pin-file', '-')).toMatchObject({ code: 1, err: expect.stringMatching(/a PIN is 4 to 12 digits \[PIN_INVALID\]/) });
    expect(quaiWith('5555', 'hub', 'operator', 'set', 'OP01', '--pin-file', '-', '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/OP01 is not a supervisor.*\[PIN_NOT_SUPERVISOR\]/) });
    expect(set('SUP1', '--badge', 'B1001')).toMatchObject({ code: 1, err: expect.stringMatching(/badge B1001 belongs to OP01 \[BADGE_TAKEN\]/) });
    expect(set('SUP1')).toMatchObject({ code: 1, err: expect.stringMatching(/say what to set.*\[NOTHING_TO_SET\]/) });
    const listed = operatorsAt(dir);
    expect(listed('SUP1')).toBe('SUP1\tsupervisor\tPaul Lefèvre\tB9001\tPIN');
    expect(listed('OP01')).toBe('OP01\toperator\tMarie Dubois\tB1001\t-');
  });
});

describe('a reader that stops early', () => {
  it('`quai audit | head -1`: the command ends quietly (exit 0), never with a stack trace', async () => {
    const dir = tempDir();
    const store = await AgentStore.open(agentPaths(agentDir(dir)).db);
    await store.db.transaction(async (trx) => {
      for (let i = 0; i < 80; i++) {
        await store.audit.record(trx, { at: new Date(Date.UTC(2026, 10, 29, 8, 0, i)).toISOString(), station: 'PICK-1', operator: 'OP01', intent: 'input', source: 'wedge', raw: `3761000001707-${i}`, remapped: null, outcomeLevel: 'error', outcomeCode: 'BARCODE_UNKNOWN', eventIds: [] });
      }
    });
    await store.close();
    // exactly as an admin types it, ten times (whether the pipe is gone before quai's last write is
    // a race); the shell reports the status of quai, left of the pipe
    const run = spawnSync('bash', ['-c', `for i in 1 2 3 4 5 6 7 8 9 10; do "$0" "$1" audit --data-dir "$2" | head -1 > /dev/null; echo -n "\${PIPESTATUS[0]}"; done`, process.execPath, CLI, dir], { encoding: 'utf8' });
    const { stdout: codes, stderr: err } = run;
    expect({ codes, err }).toEqual({ codes: '0000000000', err: '' });
  }, 60_000);
});
