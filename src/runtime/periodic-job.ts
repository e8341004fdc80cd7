/** How often the agent and the hub run their retention job (ms), the first time a minute after start. */
export const RETENTION_EVERY_MS = 3_600_000;
export const RETENTION_FIRST_MS = 60_000;

export interface PeriodicJob {
  /** No pass starts after this; resolves once a pass under way has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` after `firstMs`, then every `everyMs` after each pass ends (never two at once). A
 * pass that throws is given to `failed` and the next one runs on time. The timers are unref'd:
 * a process with nothing else to do is not kept alive by them.
 */
export function startPeriodicJob(pass: () => Promise<void>, failed: (error: Error) => void, everyMs = RETENTION_EVERY_MS, firstMs = RETENTION_FIRST_MS): PeriodicJob {
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = pass()
        .catch((error: Error) => failed(error))
        .finally(() => {
          running = undefined;
          if (!stopped) schedule(everyMs);
        });
    }, ms);
    timer.unref();
  };
  schedule(firstMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
