import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Modules the connector needs (shared/reference/tryton.md §3), and the carriers on shipments (carrier, sale_shipment_cost). */
const MODULES = ['stock', 'stock_lot', 'sale', 'purchase', 'product_measurements', 'stock_package', 'stock_shipment_measurements', 'stock_inventory_location', 'stock_supply', 'carrier', 'sale_shipment_cost'];
export const TRYTON_ADMIN_PASSWORD = 'admin';

function trytonVersion(): string {
  try {
    return execFileSync('trytond', ['--version'], { encoding: 'utf8' }).trim().replace(/\W+/g, '-');
  } catch {
    throw new Error('Tryton is not installed (the connector tests run a real Tryton 6.0): see .ci/run for the apt-get line');
  }
}

/** Whether `trytond` runs on this machine. */
export function trytonInstalled(): boolean {
  try {
    trytonVersion();
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of a Tryton database with the modules activated, made once per machine, Tryton version
 * and module set (it takes ~25 s, more on a loaded machine). The test run's global setup makes it
 * before any test file starts, so test files running side by side never each make their own.
 */
export function ensureTrytonTemplate(): string {
  const modules = createHash('sha256').update(MODULES.join(',')).digest('hex').slice(0, 8);
  const template = join(tmpdir(), `quai-tryton-template-${trytonVersion()}-${modules}.sqlite`);
  if (existsSync(template)) return template;
  const dir = mkdtempSync(join(tmpdir(), 'quai-tryton-template-'));
  try {
    const dbDir = join(dir, 'db');
    mkdirSync(dbDir);
    const conf = join(dir, 'trytond.conf');
    writeFileSync(conf, `[database]\nuri = sqlite://\npath = ${dbDir}\n`);
    const passFile = join(dir, 'adminpass');
    writeFileSync(passFile, TRYTON_ADMIN_PASSWORD);
    writeFileSync(join(dbDir, 'template.sqlite'), '');
    execFileSync('trytond-admin', ['-c', conf, '-d', 'template', '--email', 'admin@example.com', '-u', ...MODULES, '--activate-dependencies'], {
      env: { ...process.env, TRYTONPASSFILE: passFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    copyFileSync(join(dbDir, 'template.sqlite'), `${template}.${process.pid}.tmp`);
    renameSync(`${template}.${process.pid}.tmp`, template);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return template;
}
