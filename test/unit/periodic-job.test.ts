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

  it('stop aborts the signal of a pass under way: a pass that checks it between batches ends within one batch', async () => {
    let batches = 0;
    let ended: 'aborted' | 'done' | undefined;
    const job = startPeriodicJob(
      async (signal) => {
        // a long pass: 10,000 batches of 1 ms, as a first retention pass over a million rows
        for (let i = 0; i < 10_000; i += 1) {
          if (signal.aborted) return void (ended = 'aborted');
          batches += 1;
          await new Promise((done) => setTimeout(done, 1));
        }
        ended = 'done';
      },
      () => undefined,
      60_000,
      1,
    );
    await waitFor(async () => batches >= 3, 'a pass under way');
    const started = Date.now();
    await job.stop();
    const stopMs = Date.now() - started;
    expect(ended).toBe('aborted');
    expect(batches).toBeLessThan(10_000);
    expect(stopMs).toBeLessThan(1_000);
  });
});
