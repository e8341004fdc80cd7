/**
 * Reconnect delay with "full jitter": random in [0, min(cap, base·2^attempt)], so that agents
 * cut off together do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(baseMs / 2 + random() * (ceiling - baseMs / 2));
}
