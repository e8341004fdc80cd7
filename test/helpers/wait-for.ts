/**
 * Polls a condition until it holds (returns a truthy value) or the time runs out. Never a fixed sleep.
 * `what` may be a function, said only on a timeout (what was last seen, not what was there first).
 */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string | (() => string), timeoutMs = 10_000, intervalMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** An agent status with nothing left to send and every outcome back from the ERP. */
export const settled = (status: { pending: number; awaitingOutcome: number } | undefined): boolean => status !== undefined && status.pending === 0 && status.awaitingOutcome === 0;
