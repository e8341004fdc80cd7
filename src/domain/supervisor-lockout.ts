/**
 * Supervisor PINs resist guessing: after MAX_WRONG_PINS wrong PINs in a row for one supervisor
 * code, that code's approvals are locked for a delay that doubles with each lockout since its last
 * good PIN (1 min, 2, 4 … capped at 1 h). While locked every PIN is refused, the right one too, and
 * is not counted. A good PIN while unlocked ends it all: failures and the delay start again.
 * Pure: the clock is the caller's `nowMs`.
 */

/** Wrong PINs in a row that lock a supervisor code. */
export const MAX_WRONG_PINS = 5;
/** The first lockout's length (ms); each next one doubles, up to LOCKOUT_MAX_MS. */
export const LOCKOUT_FIRST_MS = 60_000;
export const LOCKOUT_MAX_MS = 3_600_000;

/** One supervisor code's guessing record, as the agent keeps it (agent-wide, across restarts). */
export interface PinRecord {
  /** Wrong PINs since the last good one or the end of the last lockout. */
  failures: number;
  /** Lockouts since the last good PIN: the next one lasts twice as long as the one before. */
  lockouts: number;
  /** When the current (or last) lockout ends, epoch ms; null when never locked since the last good PIN. */
  lockedUntilMs: number | null;
}

export const CLEAN_RECORD: PinRecord = { failures: 0, lockouts: 0, lockedUntilMs: null };

/** The length (ms) of the `n`th lockout since the last good PIN (n from 1). */
export function lockoutDelayMs(n: number): number {
  return Math.min(LOCKOUT_MAX_MS, LOCKOUT_FIRST_MS * 2 ** Math.max(0, n - 1));
}

/** Whether the code is locked at `nowMs`. */
export function isLocked(record: PinRecord, nowMs: number): boolean {
  return record.lockedUntilMs !== null && nowMs < record.lockedUntilMs;
}

/**
 * The record after a wrong PIN at `nowMs` (the code not locked): one more failure, and at the
 * MAX_WRONG_PINS-th a lockout starts (`lockedNow`), the failures counted again from 0 after it.
 */
export function afterWrongPin(record: PinRecord, nowMs: number): { record: PinRecord; lockedNow: boolean } {
  const failures = record.failures + 1;
  if (failures < MAX_WRONG_PINS) return { record: { ...record, failures }, lockedNow: false };
  const lockouts = record.lockouts + 1;
  return { record: { failures: 0, lockouts, lockedUntilMs: nowMs + lockoutDelayMs(lockouts) }, lockedNow: true };
}
