import { afterAll, beforeAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { ensureTrytonTemplate } from './tryton-template.js';

export { TRYTON_ADMIN_PASSWORD } from './tryton-template.js';

export interface TrytonServer {
  url: string;
  /** A fresh database, copied from the activated template: served at once by the running server. */
  freshDatabase(): string;
  /** Stops the server, keeping its databases (Tryton down)… */
  down(): Promise<void>;
  /** …and starts it again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}


const running = (server: ChildProcess) => server.exitCode === null && server.signalCode === null;

async function halt(server: ChildProcess): Promise<void> {
  if (!running(server)) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** Starts trytond and resolves once it answers. */
async function launch(conf: string, url: string): Promise<ChildProcess> {
  const server: ChildProcess = spawn('trytond', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (chunk) => (log = (log + String(chunk)).slice(-4000)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 0, method: 'common.server.version', params: [] }) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`trytond did not start: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A Tryton 6.0 server on SQLite for one test file: its own directory and loopback port; each test's database a copy of the template. */
export async function startTrytonServer(): Promise<TrytonServer> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-tryton-'));
  const dbDir = join(dir, 'db');
  mkdirSync(dbDir);
  const port = await freePort();
  const conf = join(dir, 'trytond.conf');
  writeFileSync(conf, `[database]\nuri = sqlite://\npath = ${dbDir}\n\n[web]\nlisten = 127.0.0.1:${port}\n\n[session]\ntimeout = 3600\n\n[password]\nlength = 4\n`);
  const template = ensureTrytonTemplate();
  const url = `http://127.0.0.1:${port}`;
  let server = await launch(conf, url);
  let count = 0;
  return {
    url,
    freshDatabase() {
      const name = `t${process.pid}_${++count}`;
      copyFileSync(template, join(dbDir, `${name}.sqlite`));
      return name;
    },
    async down() {
      await halt(server);
    },
    async up() {
      if (!running(server)) server = await launch(conf, url);
    },
    async stop() {
      await halt(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One Tryton server for the test file (started before its tests, stopped after): call the getter inside tests. */
export function useTrytonServer(): () => TrytonServer {
  let server: TrytonServer | undefined;
  beforeAll(async () => {
    server = await startTrytonServer();
  }, 120_000);
  afterAll(() => server?.stop());
  return () => server!;
}
