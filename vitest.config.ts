import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e and process tests spawn real agents, hubs and terminals: keep the 2-core machine calm.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
