import type { Knex } from 'knex';
import type { EventOutcome } from '../protocol/sync.js';
import type { UpstreamEvent } from '../protocol/sync-events.js';
import { backoffDelay } from '../runtime/backoff.js';
import type { Logger } from '../runtime/logger.js';
import type { ErpAdapter } from './erp-adapter.js';
import type { HubStream } from './store/hub-store.js';
import { duplicateOutcome, type OriginalEvent } from './duplicate-outcome.js';
import type { DomainEvent } from '../domain/events.js';
import { figureSteps } from '../domain/floor-figures.js';
import { orderStatus } from './store/documents-repo.js';
import { foldFloorFigures, type FoldedEvent } from './store/floor-figures-repo.js';
import { agentsWithUnsettled, lockSettledSeq, settledSeq, updateAgent } from './store/agents-repo.js';
import { acceptEvents, eventOutcomeById, eventsAfter, outcomesBetween, setEventOutcome, type EventRow } from './store/events-repo.js';

const BATCH = 200;

export type DecidedOutcome = 'accepted' | 'rejected' | 'duplicate';
const NUDGE_QUIET_MS = 25;
const NUDGE_MAX_WAIT_MS = 5000;

export interface InboxApplierOptions {
  db: Knex;
  adapter: ErpAdapter;
  logger: Logger;
  clock: () => Date;
  /** Outcomes were recorded for an agent; streams the effects changed. */
  onApplied: (agentId: string, changed: Set<HubStream>) => void;
  /** Outcomes committed for an agent's events, counted by outcome (the metrics). */
  onDecided?: (agentId: string, counts: Record<DecidedOutcome, number>) => void;
  /**
   * True while agents' batches wait to be stored: storing comes first (it frees the floor's
   * outbox, and SQLite has one writer), applying resumes when they are in.
   */
  yieldTo?: () => boolean;
}

/**
 * Applies received events to the ERP, per agent in seq order, each effect committed with its
 * outcome and the agent's settled seq in one transaction (exactly once in effect). A fault (the
 * ERP unreachable, a bug) rolls the batch back; the events wait at the hub and are tried again
 * with capped backoff, one at a time until one goes through, so a single faulty event cannot
 * hold back the ones before it.
 */
export class InboxApplier {
  private running = false;
  private again = false;
  private faults = 0;
  /** After a fault, events go one per transaction for a while, to get past all but the faulty one. */
  private careful = 0;
  private firstNudge: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly options: InboxApplierOptions) {}

  /** Events wait (at start, in tests): apply them now. */
  kick(): void {
    this.start(false);
  }

  /**
   * Events were just stored: apply them once the agents pause (25 ms without a new batch, and
   * none said to be coming), so a draining backlog is stored at full speed; but a batch goes to
   * the ERP at least every 5 s, however busy the agents are.
   */
  nudge(): void {
    if (this.stopped) return;
    const now = Date.now();
    this.firstNudge ??= now;
    clearTimeout(this.timer);
    const due = this.firstNudge + NUDGE_MAX_WAIT_MS;
    this.timer = setTimeout(() => this.start(Date.now() >= due), Math.max(0, Math.min(NUDGE_QUIET_MS, due - now)));
  }

  private start(overdue: boolean): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.idle = this.run(overdue);
  }

  /** Resolves when the run under way (if any) ends. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.idle;
  }

  private async run(overdue: boolean): Promise<void> {
    this.running = true;
    let force = overdue;
    try {
      do {
        this.again = false;
        for (const agentId of await agentsWithUnsettled(this.options.db)) {
          for (;;) {
            if (this.stopped) break;
            if (!force && this.options.yieldTo?.()) {
              this.nudge();
              return;
            }
            const settled = await this.applyNext(agentId, this.careful > 0 ? 1 : BATCH);
            if (settled === 0) break;
            force = false;
            this.firstNudge = undefined;
            this.faults = 0;
            this.careful = Math.max(0, this.careful - settled);
          }
        }
      } while (this.again && !this.stopped);
    } catch (error) {
      const delay = backoffDelay(this.faults++, 500, 30_000);
      this.careful = BATCH;
      this.options.logger.error({ err: (error as Error).message, retryInMs: delay }, 'could not apply events to the ERP; they wait at the hub');
      if (!this.stopped) this.timer = setTimeout(() => this.start(false), delay);
    } finally {
      this.running = false;
    }
  }

  /** Applies up to `limit` events of one agent; returns how many were settled. */
  private async applyNext(agentId: string, limit: number): Promise<number> {
    const changed = new Set<HubStream>();
    const counts: Record<DecidedOutcome, number> = { accepted: 0, rejected: 0, duplicate: 0 };
    const settled = await this.options.db.transaction(async (trx) => {
      // locks the agent's row (PostgreSQL): two hubs never apply the same agent's events together
      const rows = await eventsAfter(trx, agentId, await lockSettledSeq(trx, agentId), limit);
      const now = this.options.clock();
      const accepted: number[] = [];
      const decided = new Map<string, OriginalEvent>();
      const folded: FoldedEvent[] = [];
      // a rolled-back batch is tried again: only the last attempt's outcomes count
      counts.accepted = counts.rejected = counts.duplicate = 0;
      for (const row of rows) {
        if (row.status !== 'received') continue;
        if (row.sent_id !== null) {
          await settleDuplicate(trx, row, decided, now);
          counts.duplicate++;
          continue;
        }
        const event: UpstreamEvent = { id: row.id, seq: Number(row.seq), type: row.type, at: row.at, station: row.station, operator: row.operator, payload: JSON.parse(row.payload) as Record<string, unknown> };
        const outcome = await this.options.adapter.apply(trx, event, now);
        for (const stream of outcome.changed ?? []) changed.add(stream);
        decided.set(row.id, { agent_id: agentId, seq: event.seq, status: outcome.status, reason: outcome.reason ?? null });
        counts[outcome.status]++;
        folded.push({ at: event.at, operator: event.operator, steps: figureSteps({ event: { type: event.type, payload: event.payload } as DomainEvent, outcome: outcome.status, orderClosed: await closedOrder(trx, event, outcome.status) }) });
        if (outcome.status === 'accepted') accepted.push(event.seq);
        else await setEventOutcome(trx, agentId, event.seq, { status: 'rejected', reason: outcome.reason ?? null, applied_at: now.toISOString() });
      }
      await acceptEvents(trx, agentId, accepted, now.toISOString());
      await foldFloorFigures(trx, agentId, folded);
      if (rows.length > 0) await updateAgent(trx, agentId, { settled_seq: Number(rows[rows.length - 1]!.seq) });
      return rows.length;
    });
    if (settled > 0) {
      this.options.onDecided?.(agentId, counts);
      this.options.onApplied(agentId, changed);
    }
    return settled;
  }
}

/** Whether an accepted pick event closed its order at the hub: its line was open, so the order was too until now. */
async function closedOrder(trx: Knex.Transaction, event: UpstreamEvent, status: 'accepted' | 'rejected'): Promise<boolean> {
  if (status !== 'accepted' || (event.type !== 'pick.line.picked' && event.type !== 'pick.short')) return false;
  return (await orderStatus(trx, String(event.payload.orderId))) === 'picked';
}

/**
 * Gives a duplicate the outcome of the event whose id it repeats: decided earlier in this
 * transaction, or read from the store. The first one is this agent's, earlier in seq, so settled by
 * now; or another agent's (a copied store), which is booked in its own turn.
 */
async function settleDuplicate(trx: Knex.Transaction, row: EventRow, decided: Map<string, OriginalEvent>, now: Date): Promise<void> {
  const original: OriginalEvent | undefined = decided.get(row.sent_id!) ?? (await eventOutcomeById(trx, row.sent_id!));
  const outcome = original ? duplicateOutcome(original, true)! : { status: 'duplicate' as const, reason: `duplicate of event ${row.sent_id}: booked once, there` };
  await setEventOutcome(trx, row.agent_id, row.seq, { ...outcome, applied_at: now.toISOString() });
}

/**
 * Outcomes of an agent's settled events after hub seq `afterSeq`, in seq order, at most `limit`,
 * numbered as the agent numbers them (hub seq - `base`, see AgentSegment). A duplicate (an event
 * the hub already had under the same id) is `accepted`: its effect is the first one's. A settled
 * seq whose row the retention job pruned (prune-hub-events.ts: only `accepted` and `duplicate`
 * rows go) is `accepted` too, so an agent that was away longer than the retention still hears
 * of every event it sent.
 */
export async function settledOutcomes(db: Knex, agentId: string, afterSeq: number, limit: number, base: number): Promise<{ through: number; results: EventOutcome[] }> {
  const settled = await settledSeq(db, agentId);
  if (settled <= afterSeq) return { through: afterSeq, results: [] };
  const through = Math.min(settled, afterSeq + limit);
  const rows = await outcomesBetween(db, agentId, afterSeq, through);
  const kept = new Map(rows.map((r) => [Number(r.seq), r]));
  const results: EventOutcome[] = [];
  for (let seq = afterSeq + 1; seq <= through; seq++) {
    // below this segment's base: another store's events, not this link's
    if (seq - base < 1) continue;
    const row = kept.get(seq);
    if (!row) results.push({ seq: seq - base, status: 'accepted' });
    else results.push({ seq: seq - base, status: row.status === 'rejected' ? 'rejected' : 'accepted', ...(row.reason ? { reason: row.reason } : {}) });
  }
  return { through, results };
}
