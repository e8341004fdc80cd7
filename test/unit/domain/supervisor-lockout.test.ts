import { describe, expect, it } from 'vitest';
import { afterWrongPin, CLEAN_RECORD, isLocked, lockoutDelayMs, LOCKOUT_MAX_MS, MAX_WRONG_PINS, type PinRecord } from '../../../src/domain/supervisor-lockout.js';

const MINUTE = 60_000;

/** `n` wrong PINs at `nowMs`, from `record`: the record after, and whether the last one locked. */
function wrong(record: PinRecord, n: number, nowMs: number) {
  let current = record;
  let lockedNow = false;
  for (let i = 0; i < n; i++) ({ record: current, lockedNow } = afterWrongPin(current, nowMs));
  return { record: current, lockedNow };
}

describe('supervisor PIN lockout rule', () => {
  it('four wrong PINs leave the code open; the fifth locks it for a minute', () => {
    const four = wrong(CLEAN_RECORD, MAX_WRONG_PINS - 1, 0);
    expect(four).toEqual({ record: { failures: 4, lockouts: 0, lockedUntilMs: null }, lockedNow: false });
    expect(isLocked(four.record, 0)).toBe(false);
    const fifth = afterWrongPin(four.record, 1000);
    expect(fifth).toEqual({ record: { failures: 0, lockouts: 1, lockedUntilMs: 1000 + MINUTE }, lockedNow: true });
    expect(isLocked(fifth.record, 1000 + MINUTE - 1)).toBe(true);
    expect(isLocked(fifth.record, 1000 + MINUTE)).toBe(false);
  });

  it('each lockout since the last good PIN lasts twice the one before, up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(lockoutDelayMs)).toEqual([1, 2, 4, 8, 16, 32, 60, 60].map((m) => m * MINUTE));
    let record = CLEAN_RECORD;
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      record = wrong(record, MAX_WRONG_PINS, now).record;
      delays.push(record.lockedUntilMs! - now);
      now = record.lockedUntilMs!;
    }
    expect(delays).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    expect(lockoutDelayMs(1000)).toBe(LOCKOUT_MAX_MS);
  });

  it('after a lockout ends, the count starts again from zero', () => {
    const locked = wrong(CLEAN_RECORD, MAX_WRONG_PINS, 0).record;
    const after = wrong(locked, MAX_WRONG_PINS - 1, locked.lockedUntilMs!);
    expect(after).toEqual({ record: { failures: 4, lockouts: 1, lockedUntilMs: MINUTE }, lockedNow: false });
  });
});
