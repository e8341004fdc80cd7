/** How often the agent and the hub run their retention job (ms), the first time a minute after start. */
export const RETENTION_EVERY_MS = 3_600_000;
export const RETENTION_FIRST_MS = 60_000;

export interface PeriodicJob {
  /**
   * No pass starts after this; a pass under way is told to stop (its signal aborts) and this
   * resolves once it has returned: within one of its batches, for a pass that checks the signal
   * between batches (the retention passes do), so a service's stop is not held up by a long pass.
   */
  stop(): Promise<void>;
}

/**
 * Runs `pass` after `firstMs`, then every `everyMs` after each pass ends (never two at once). A
 * pass that throws is given to `failed` and the next one runs on time. `pass` gets the signal
 * `stop()` aborts. The timers are unref'd: a process with nothing else to do is not kept alive by them.
 */
export function startPeriodicJob(pass: (signal: AbortSignal) => Promise<void>, failed: (error: Error) => void, everyMs = RETENTION_EVERY_MS, firstMs = RETENTION_FIRST_MS): PeriodicJob {
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = pass(stopping.signal)
        .catch((error: Error) => failed(error))
        .finally(() => {
          running = undefined;
          if (!stopping.signal.aborted) schedule(everyMs);
        });
    }, ms);
    timer.unref();
  };
  schedule(firstMs);
  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
