import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './helpers/postgres-cluster.js';
import { ensureTrytonTemplate, trytonInstalled } from './helpers/tryton-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * Integration and end-to-end tests run the real `quai` bundle: build it once per test run.
 * The stores' tests run on PostgreSQL as well as SQLite: a private cluster serves the run, or the
 * server named by QUAI_TEST_PG_URL (a superuser URL). Where Tryton is installed, its tests' template
 * database is made here, once per machine (test files making it side by side overran their start-up).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!process.env.QUAI_SKIP_BUILD) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  // the Tryton tests' template database, made once before the test files run side by side
  if (trytonInstalled()) ensureTrytonTemplate();
  const given = process.env.QUAI_TEST_PG_URL;
  const cluster = given ? undefined : await startPostgresCluster();
  project.provide('pgAdminUrl', given ?? cluster!.adminUrl);
  return () => cluster?.stop();
}
