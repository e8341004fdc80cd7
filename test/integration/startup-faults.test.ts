import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { writeRuntimeFile } from '../../src/runtime/runtime-file.js';
import { killHard, runQuai, stopGently, useQuaiProcesses } from '../helpers/quai-process.js';
import { mountRefusal, useSmallDisks } from '../helpers/small-disk.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();
const { start, cleanups } = useQuaiProcesses();
if (mountRefusal) console.warn(`startup-faults: full and read-only disk cases skipped: ${mountRefusal}`);

type QuaiRun = Awaited<ReturnType<typeof runQuai>>;
/** Exactly one line on stderr, `quai: <message> [CODE]`: no stack, no driver noise. */
const oneLineFault = (code: string): RegExp => new RegExp(`^quai: [^\\n]+ \\[${code}\\]\\n$`);

/**
 * How long each kind of `quai` command takes here and now to load its code and fail at once on a
 * bad option: a fault may not cost seconds more (the machine may be busy: twice that, plus 2 s).
 */
const baseline = { agent: 0, hub: 0, admin: 0 };
beforeAll(async () => {
  const empty = tempDir();
  const mean = async (args: string[]) => ((await runQuai(args)).ms + (await runQuai(args)).ms) / 2;
  baseline.agent = await mean(['agent', '--config', join(empty, 'missing.json')]);
  baseline.hub = await mean(['hub', '--data-dir', empty, '--erp', 'tryton']);
  baseline.admin = await mean(['audit', '--data-dir', empty]);
});

/** One line with the code, and the exit right after it (a process kept alive by what it left open would be killed: code null). */
function expectQuickFault(run: QuaiRun, code: string, kind: keyof typeof baseline): void {
  expect(run.code, `killed (hung)? ${run.err}`).not.toBeNull();
  expect(run.err).toMatch(oneLineFault(code));
  expect(run.code).toBe(1);
  expect(run.ms - run.errMs!, 'from the message to the exit').toBeLessThan(1000);
  expect(run.ms, `${run.ms} ms against ${baseline[kind]} ms to load and refuse an option`).toBeLessThan(baseline[kind] * 2 + 2000);
}

/** A token for the hub link in `dir` (the hub itself need not run for the agent to start). */
function hubTokenFile(dir: string): string {
  return hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1');
}

function agentArgs(dataDir: string, tokenDir: string, port = '0'): string[] {
  ensureSecretFile(hubTokenFile(tokenDir));
  return ['agent', '--data-dir', dataDir, '--hub-url', 'ws://127.0.0.1:9', '--hub-token-file', hubTokenFile(tokenDir), '--port', port, '--log-file', join(tokenDir, 'agent.log')];
}

/** A TCP server that takes connections and never says a word: a hung agent, a hung database. */
async function silentServer(): Promise<number> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as { port: number }).port;
}

/** A plain TCP server holding a port, as another program would. */
async function portTaken(): Promise<number> {
  return silentServer();
}

describe.skipIf(mountRefusal !== null)('a service on a full or read-only disk says so in one line and exits 1 at once', () => {
  it('agent: a store whose disk filled up after a crash (its WAL left behind), after a clean stop, and a first start', async () => {
    const dir = tempDir();
    const disk = smallDisk(4);
    const args = agentArgs(disk.dir, dir);
    await killHard(await start(args));
    expect(existsSync(join(disk.dir, 'agent', 'agent.sqlite-wal'))).toBe(true);
    disk.fill();
    expectQuickFault(await runQuai(args), 'STORE_FULL', 'agent');

    disk.free();
    expect(await stopGently(await start(args))).toBe(0);
    disk.fill();
    expectQuickFault(await runQuai(args), 'STORE_FULL', 'agent');

    // nothing there yet: the terminals' token cannot even be written, and no empty one is left
    const fresh = join(disk.dir, 'fresh');
    expectQuickFault(await runQuai(agentArgs(fresh, dir)), 'STORE_FULL', 'agent');
    disk.free();
    expect(await stopGently(await start(agentArgs(fresh, dir)))).toBe(0);
  });

  it('agent: a store on a read-only disk', async () => {
    const dir = tempDir();
    const disk = smallDisk(4);
    const args = agentArgs(disk.dir, dir);
    expect(await stopGently(await start(args))).toBe(0);
    disk.readOnly(true);
    const run = await runQuai(args);
    disk.readOnly(false);
    expectQuickFault(run, 'STORE_READ_ONLY', 'agent');
    expect(run.err).toContain(disk.dir);
  });

  it('hub: a store on a full disk', async () => {
    const dir = tempDir();
    const disk = smallDisk(8);
    const args = ['hub', '--data-dir', disk.dir, '--port', '0', '--log-file', join(dir, 'hub.log')];
    expect(await stopGently(await start(args))).toBe(0);
    disk.fill();
    const run = await runQuai(args);
    expectQuickFault(run, 'STORE_FULL', 'hub');
    expect(run.err).toContain(disk.dir);
  });
});

describe('a service that cannot listen or read its TLS files says so in one line and exits 1 at once', () => {
  it('agent and hub: the port is taken by another program', async () => {
    const dir = tempDir();
    const hubArgs = (port: number) => ['hub', '--data-dir', dir, '--port', String(port), '--log-file', join(dir, 'hub.log')];
    // a hub that ran here before (a first start seeds the demo store before it listens)
    expect(await stopGently(await start(hubArgs(0)))).toBe(0);
    const port = await portTaken();
    const agent = await runQuai(agentArgs(dir, dir, String(port)));
    expectQuickFault(agent, 'PORT_IN_USE', 'agent');
    expect(agent.err).toContain(`127.0.0.1:${port}`);
    const hub = await runQuai(hubArgs(port));
    expectQuickFault(hub, 'PORT_IN_USE', 'hub');
    expect(hub.err).toContain(`127.0.0.1:${port}`);
    // the failed starts left nothing claiming the data directory
    expect(existsSync(agentPaths(join(dir, 'agent')).runtimeFile)).toBe(false);
    expect(existsSync(hubPaths(join(dir, 'hub')).runtimeFile)).toBe(false);
  });

  it('agent and hub: the metrics port is taken: the message names --metrics-port, nothing is left claiming the data directory', async () => {
    const dir = tempDir();
    const hubArgs = ['hub', '--data-dir', dir, '--port', '0', '--log-file', join(dir, 'hub.log')];
    expect(await stopGently(await start(hubArgs))).toBe(0);
    const port = await portTaken();
    const agent = await runQuai([...agentArgs(dir, dir), '--metrics-port', String(port)]);
    expectQuickFault(agent, 'PORT_IN_USE', 'agent');
    expect(agent.err).toContain(`the agent's metrics endpoint cannot listen on 127.0.0.1:${port}`);
    expect(agent.err).toContain('choose another metrics.port (--metrics-port)');
    const hub = await runQuai([...hubArgs, '--metrics-port', String(port)]);
    expectQuickFault(hub, 'PORT_IN_USE', 'hub');
    expect(hub.err).toContain(`the hub's metrics endpoint cannot listen on 127.0.0.1:${port}`);
    expect(existsSync(agentPaths(join(dir, 'agent')).runtimeFile)).toBe(false);
    expect(existsSync(hubPaths(join(dir, 'hub')).runtimeFile)).toBe(false);
    // a port out of range is refused before anything starts (commander's usage error, as a bad --port)
    expect(await runQuai([...hubArgs, '--metrics-port', '0'])).toMatchObject({ code: 2, err: expect.stringContaining("option '--metrics-port <port>' argument '0' is invalid. a port is a number from 1 to 65535") });
  });

  it('hub: a key that is not its certificate\u2019s, a certificate that does not decode: refused before the store is opened', async () => {
    const dir = tempDir();
    const pem = (name: string) => join(dir, name);
    for (const name of ['a', 'b']) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', pem(`${name}.key`), '-out', pem(`${name}.crt`), '-subj', `/CN=${name}`, '-days', '1'], { stdio: 'ignore' });
    }
    writeFileSync(pem('garbage.crt'), '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n');
    const hub = (cert: string, key: string) => runQuai(['hub', '--data-dir', dir, '--port', '0', '--tls-cert', pem(cert), '--tls-key', pem(key), '--log-file', join(dir, 'hub.log')]);
    const mismatch = await hub('a.crt', 'b.key');
    expectQuickFault(mismatch, 'TLS_FILE_INVALID', 'hub');
    expect(mismatch.err).toContain(pem('b.key'));
    expectQuickFault(await hub('garbage.crt', 'a.key'), 'TLS_FILE_INVALID', 'hub');
    expect(existsSync(hubPaths(join(dir, 'hub')).db)).toBe(false);
  });
});

describe('admin commands give up with a code instead of hanging', () => {
  it('status, sync --now, devices list and monitor against an agent that never answers: AGENT_TIMEOUT', async () => {
    const dir = tempDir();
    const paths = agentPaths(join(dir, 'agent'));
    mkdirSync(join(dir, 'agent'), { recursive: true });
    ensureSecretFile(paths.apiTokenFile);
    // the agent "runs" (this process is alive) on a port that accepts and never answers
    writeRuntimeFile(paths.runtimeFile, { pid: process.pid, port: await silentServer(), startedAt: new Date().toISOString() });
    const runs = await Promise.all([['status'], ['sync', '--now'], ['devices', 'list'], ['monitor']].map((args) => runQuai([...args, '--data-dir', dir])));
    for (const run of runs) {
      expect(run.err).toMatch(oneLineFault('AGENT_TIMEOUT'));
      expect(run.code).toBe(1);
    }
  });

  it('hub commands on a PostgreSQL store that never answers: STORE_TIMEOUT', async () => {
    const dir = tempDir();
    const db = `postgres://quai@127.0.0.1:${await silentServer()}/quai`;
    const commands = [['hub', 'inspect'], ['hub', 'agent', 'list'], ['hub', 'agent', 'add', 'AG9'], ['hub', 'agent', 'remove', 'AG9'], ['hub', 'operator', 'list']];
    const runs = await Promise.all(commands.map((args) => runQuai([...args, '--data-dir', dir, '--db', db], 30_000)));
    for (const run of runs) {
      expect(run.err).toMatch(oneLineFault('STORE_TIMEOUT'));
      expect(run.code).toBe(1);
    }
  });

  it.skipIf(mountRefusal !== null)('status and audit on the store of a stopped agent whose disk is full: STORE_FULL at once', async () => {
    const dir = tempDir();
    const disk = smallDisk(4);
    const args = agentArgs(disk.dir, dir);
    await killHard(await start(args));
    disk.fill();
    for (const command of ['status', 'audit']) expectQuickFault(await runQuai([command, '--data-dir', disk.dir]), 'STORE_FULL', 'admin');
  });
});
