import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/runtime/backoff.js';

describe('reconnect backoff', () => {
  it('grows exponentially with full jitter and stays under the cap', () => {
    expect(backoffDelay(0, 250, 10_000, () => 0)).toBe(125);
    expect(backoffDelay(0, 250, 10_000, () => 1)).toBe(250);
    expect(backoffDelay(3, 250, 10_000, () => 1)).toBe(2000);
    expect(backoffDelay(50, 250, 10_000, () => 1)).toBe(10_000);
    for (let attempt = 0; attempt < 40; attempt++) expect(backoffDelay(attempt, 250, 10_000)).toBeLessThanOrEqual(10_000);
  });
});
