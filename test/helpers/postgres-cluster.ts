import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  adminUrl: string;
  stop(): void;
}

/** The newest Debian PostgreSQL server install (`apt-get install postgresql`). */
function serverBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server not found (tests run the stores on PostgreSQL too): apt-get install postgresql, or set QUAI_TEST_PG_URL to a superuser URL');
  return join(root, newest, 'bin');
}


/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` account. */
function runner(): { run(bin: string, args: string[]): void; own(path: string): void } {
  const root = process.getuid?.() === 0;
  const uid = root ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : -1;
  const gid = root ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : -1;
  return {
    run: (bin, args) => void execFileSync(root ? 'runuser' : bin, root ? ['-u', 'postgres', '--', bin, ...args] : args, { stdio: 'pipe' }),
    own: (path) => root && chownSync(path, uid, gid),
  };
}

/**
 * A throwaway cluster for one test run: its own directory and loopback port, trust auth, no fsync
 * (the tests kill agents and hubs, never the database server). Removed when the run ends.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = serverBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'quai-pg-'));
  const data = join(dir, 'data');
  const { run, own } = runner();
  own(dir);
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'quai', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=64MB`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    adminUrl: `postgres://quai@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
