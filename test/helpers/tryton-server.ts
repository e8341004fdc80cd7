import { afterAll, beforeAll } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Modules the connector needs (shared/reference/tryton.md §3), and the carriers on shipments (carrier, sale_shipment_cost). */
const MODULES = ['stock', 'stock_lot', 'sale', 'purchase', 'product_measurements', 'stock_package', 'stock_shipment_measurements', 'stock_inventory_location', 'stock_supply', 'carrier', 'sale_shipment_cost'];
export const TRYTON_ADMIN_PASSWORD = 'admin';

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


function trytonVersion(): string {
  try {
    return execFileSync('trytond', ['--version'], { encoding: 'utf8' }).trim().replace(/\W+/g, '-');
  } catch {
    throw new Error('Tryton is not installed (the connector tests run a real Tryton 6.0): see .ci/run for the apt-get line');
  }
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

/**
 * A Tryton 6.0 server on SQLite for one test file: its own directory and loopback port. The
 * database with the modules activated takes ~25 s to make, so it is made once per machine,
 * Tryton version and module set, and copied for each test.
 */
export async function startTrytonServer(): Promise<TrytonServer> {
  const version = trytonVersion();
  const dir = mkdtempSync(join(tmpdir(), 'quai-tryton-'));
  const dbDir = join(dir, 'db');
  mkdirSync(dbDir);
  const port = await freePort();
  const conf = join(dir, 'trytond.conf');
  writeFileSync(conf, `[database]\nuri = sqlite://\npath = ${dbDir}\n\n[web]\nlisten = 127.0.0.1:${port}\n\n[session]\ntimeout = 3600\n\n[password]\nlength = 4\n`);
  // one template per Tryton version and module set (a template of other modules would not do)
  const modules = createHash('sha256').update(MODULES.join(',')).digest('hex').slice(0, 8);
  const template = join(tmpdir(), `quai-tryton-template-${version}-${modules}.sqlite`);
  if (!existsSync(template)) {
    const passFile = join(dir, 'adminpass');
    writeFileSync(passFile, TRYTON_ADMIN_PASSWORD);
    writeFileSync(join(dbDir, 'template.sqlite'), '');
    execFileSync('trytond-admin', ['-c', conf, '-d', 'template', '--email', 'admin@example.com', '-u', ...MODULES, '--activate-dependencies'], {
      env: { ...process.env, TRYTONPASSFILE: passFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    copyFileSync(join(dbDir, 'template.sqlite'), `${template}.tmp`);
    execFileSync('mv', [`${template}.tmp`, template]);
  }
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
