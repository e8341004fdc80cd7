import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export type Backend = 'sqlite' | 'postgres';
/** The store backends every store-touching suite runs on. */
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

let counter = 0;

/** A fresh, empty database: a SQLite file in `dir`, or a new database on the run's PostgreSQL. */
export async function freshDatabase(backend: Backend, dir: string, name: string): Promise<string> {
  if (backend === 'sqlite') return join(dir, `${name}.sqlite`);
  const admin = new URL(inject('pgAdminUrl'));
  const database = `quai_test_${process.pid}_${Date.now().toString(36)}_${++counter}_${name.replace(/\W/g, '_')}`.toLowerCase();
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${database}`;
  return admin.href;
}
