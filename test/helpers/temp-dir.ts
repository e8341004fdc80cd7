import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * A fresh directory per call, removed after each test, or with `suite` after the whole describe
 * block (a site made in its beforeAll, living across its tests).
 */
export function useTempDirs(scope: 'test' | 'suite' = 'test'): () => string {
  const made: string[] = [];
  (scope === 'suite' ? afterAll : afterEach)(() => {
    for (const dir of made.splice(0)) if (!process.env.QUAI_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-test-'));
    made.push(dir);
    return dir;
  };
}
