import { afterWrongPin, CLEAN_RECORD, isLocked } from '../domain/supervisor-lockout.js';
import { pinMatches } from '../runtime/pin-hash.js';
import { KeyedQueue } from '../runtime/keyed-queue.js';
import type { AgentStore } from './store/agent-store.js';

/** Who typed, where and when: what the audit keeps of a lockout. */
export interface GateContext {
  station: string;
  operator: string | null;
  now: Date;
}

/** What an entered supervisor code (or badge) is: never whether a PIN would be right. */
export type SupervisorStanding =
  | { standing: 'unknown' }
  | { standing: 'locked'; code: string; name: string; until: Date }
  | { standing: 'supervisor'; code: string; name: string };

export type PinVerdict = Exclude<SupervisorStanding, { standing: 'supervisor' }> | { standing: 'supervisor'; code: string; name: string; pinOk: boolean };

/**
 * The agent's one door to supervisor PINs: says whether a code is a supervisor's (and locked), and
 * checks a PIN against the lockout rule (src/domain/supervisor-lockout.ts), agent-wide. PINs of one
 * code are checked one at a time, so attempts from two stations at once are both counted. The PIN
 * is compared and forgotten: neither it nor its length is stored, logged or audited.
 */
export class SupervisorGate {
  private readonly queue = new KeyedQueue();

  constructor(private readonly store: AgentStore) {}

  /** A code or badge as a supervisor: unknown (not an operator, or not a supervisor), locked, or able to approve. */
  async standing(entered: string, now: Date): Promise<SupervisorStanding> {
    const operator = await this.store.catalog.operatorByCodeOrBadge(entered);
    if (operator?.role !== 'supervisor') return { standing: 'unknown' };
    const record = await this.store.lockouts.get(operator.code);
    if (isLocked(record, now.getTime())) return { standing: 'locked', code: operator.code, name: operator.name, until: new Date(record.lockedUntilMs!) };
    return { standing: 'supervisor', code: operator.code, name: operator.name };
  }

  /**
   * Checks a PIN for an approval. Locked: refused without looking at the PIN. Right: the code's
   * record is cleared. Wrong: counted, and the MAX_WRONG_PINS-th locks the code (an audit row
   * `supervisor-lockout` says so) — the answer is then `locked`.
   */
  async verify(entered: string, pin: string, ctx: GateContext): Promise<PinVerdict> {
    const operator = await this.store.catalog.operatorByCodeOrBadge(entered);
    if (operator?.role !== 'supervisor') return { standing: 'unknown' };
    const { code, name } = operator;
    return this.queue.run(code, async () => {
      const nowMs = ctx.now.getTime();
      const record = await this.store.lockouts.get(code);
      if (isLocked(record, nowMs)) return { standing: 'locked', code, name, until: new Date(record.lockedUntilMs!) };
      const at = ctx.now.toISOString();
      if (pinMatches(pin, await this.store.catalog.pinHashOf(code))) {
        if (record.failures > 0 || record.lockouts > 0) await this.store.write((trx) => this.store.lockouts.save(trx, code, CLEAN_RECORD, at));
        return { standing: 'supervisor', code, name, pinOk: true };
      }
      const next = afterWrongPin(record, nowMs);
      await this.store.write(async (trx) => {
        await this.store.lockouts.save(trx, code, next.record, at);
        if (!next.lockedNow) return;
        const until = new Date(next.record.lockedUntilMs!).toISOString();
        await this.store.audit.record(trx, {
          at,
          station: ctx.station,
          operator: ctx.operator,
          intent: 'supervisor-lockout',
          source: null,
          raw: JSON.stringify({ supervisor: code, until, lockout: next.record.lockouts }),
          outcomeLevel: 'error',
          outcomeCode: 'SUPERVISOR_LOCKED',
          eventIds: [],
        });
      });
      return next.lockedNow ? { standing: 'locked', code, name, until: new Date(next.record.lockedUntilMs!) } : { standing: 'supervisor', code, name, pinOk: false };
    });
  }
}
