import type { Feedback } from '../domain/feedback.js';
import { reduceStation, type StationState } from '../domain/workflows/station.js';
import type { ClientIntent, FeedbackView } from '../protocol/local-api.js';
import { resolveIntent } from './intent-resolver.js';
import type { AgentStore } from './store/agent-store.js';
import type { StoredSession } from './store/sessions-repo.js';
import type { Knex } from 'knex';

export interface HandledIntent {
  session: StoredSession;
  feedback: FeedbackView | null;
  eventCount: number;
}

/**
 * Owns every station's session. Intents of one station run one at a time; each one's new state,
 * outbox events and audit row are committed in one transaction before anyone is told "done".
 */
export class StationSessions {
  private readonly cache = new Map<string, StoredSession>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private lastFeedbackId = 0;

  constructor(
    private readonly store: AgentStore,
    private readonly clock: () => Date,
    private readonly onCommitted: (station: string, eventCount: number) => void,
  ) {}

  async get(station: string): Promise<StoredSession> {
    const cached = this.cache.get(station);
    if (cached) return cached;
    const loaded = await this.store.sessions.load(station);
    this.cache.set(station, loaded);
    return loaded;
  }

  /** `rawFrame`: the bytes a serial reader sent, kept in the audit beside the data. */
  handle(station: string, intent: ClientIntent, rawFrame?: string): Promise<HandledIntent> {
    const previous = this.queues.get(station) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.apply(station, intent, rawFrame));
    this.queues.set(station, run);
    return run;
  }

  /** Feedback ids grow across restarts too (they start from the clock), so terminals ring once per message. */
  private feedbackView(feedback: Feedback): FeedbackView {
    this.lastFeedbackId = Math.max(this.lastFeedbackId + 1, this.clock().getTime());
    return { id: this.lastFeedbackId, ...feedback };
  }

  private async apply(station: string, intent: ClientIntent, rawFrame?: string): Promise<HandledIntent> {
    const current = await this.get(station);
    const now = this.clock();
    const at = now.toISOString();
    const domainIntent = await resolveIntent(this.store, station, current.state, intent, now);
    const result = reduceStation(current.state, domainIntent);
    const feedback = result.feedback ? this.feedbackView(result.feedback) : null;
    const next: StoredSession = { state: result.state, feedback };
    const operator = current.state.operator?.code ?? result.state.operator?.code ?? null;
    await this.store.db.transaction(async (trx) => {
      const eventIds = await this.store.outbox.append(trx, result.events, { at, operator, station });
      await this.store.sessions.save(trx, station, next, at);
      await this.recordOrderProgress(trx, station, current.state, result.state);
      await this.store.audit.record(trx, {
        at,
        station,
        operator,
        intent: intent.type,
        source: intent.type === 'input' ? intent.source : null,
        raw: rawFrame !== undefined ? JSON.stringify(rawFrame) : intent.type === 'input' ? intent.data : JSON.stringify(intent),
        outcomeLevel: result.feedback?.level ?? null,
        outcomeCode: result.feedback?.code ?? null,
        eventIds,
      });
    });
    this.store.outbox.committed(result.events.length);
    this.cache.set(station, next);
    this.onCommitted(station, result.events.length);
    return { session: next, feedback, eventCount: result.events.length };
  }

  /** Keeps the local order list truthful: an order being picked here is not offered elsewhere. */
  private async recordOrderProgress(trx: Knex.Transaction, station: string, before: StationState, after: StationState): Promise<void> {
    const pick = after.pick;
    if (!pick) return;
    if (pick.orderId !== before.pick?.orderId) await this.store.orders.setLocalStatus(trx, pick.orderId, 'in-progress', station);
    if (pick.phase === 'done' && before.pick?.phase !== 'done') await this.store.orders.setLocalStatus(trx, pick.orderId, 'picked', station);
  }
}
