import { afterAll } from 'vitest';

/**
 * Imported first by a test file that reads Ink's live frames: Ink draws only a last frame when
 * CI is set, and reads it once, when it is imported. CI is unset for that file and set back after it.
 */
const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
});
