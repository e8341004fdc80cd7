import { afterEach } from 'vitest';

/**
 * What a test started and must stop (sites, terminals, stores): pushed as it goes, run after each
 * test in reverse order, one failing not keeping the others from running.
 */
export function useCleanups(): (() => Promise<unknown> | unknown)[] {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  });
  return cleanups;
}
