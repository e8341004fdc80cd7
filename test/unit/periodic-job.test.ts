import { describe, expect, it } from 'vitest';
import { startPeriodicJob } from '../../src/runtime/periodic-job.js';
import { waitFor } from '../helpers/wait-for.js';

describe('periodic job (the retention job runs on it)', () => {
  it('runs after its first delay, then again after each pass; a failed pass is reported and the next runs; stop waits for a pass under way', async () => {
    let passes = 0;
    const failures: string[] = [];
    let release: () => void = () => undefined;
    const job = startPeriodicJob(
      async () => {
        passes += 1;
        if (passes === 2) throw new Error('store busy');
        if (passes === 4) await new Promise<void>((done) => (release = done));
      },
      (error) => failures.push(error.message),
      5,
      1,
    );
    await waitFor(async () => passes === 4, 'four passes');
    expect(failures).toEqual(['store busy']);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((done) => setImmediate(done));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(passes).toBe(4);
  });
});
