import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh directory for a whole describe block (made in its beforeAll, a site living across its
 * tests), removed after the block: useTempDirs removes its directories after each test.
 */
export function useSuiteTempDir(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) if (!process.env.QUAI_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-test-'));
    made.push(dir);
    return dir;
  };
}
