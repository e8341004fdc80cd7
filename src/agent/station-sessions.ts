import type { Knex } from 'knex';
import type { DomainEvent } from '../domain/events.js';
import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { errorFeedback, type Feedback } from '../domain/feedback.js';
import { heldDocuments, releasesElsewhere, type ReleaseIntent } from '../domain/workflows/release.js';
import { pickedStock } from '../domain/picked-stock.js';
import { afterIntent, noteScaleEvent, takesSettledLoad, UNKNOWN_SCALE, type ScaleEvent, type StationScale } from '../domain/scale-reading.js';
import { typedWeightAllowed, type TypedWeight } from '../domain/workflows/pack.js';
import { slotDone, type BatchState } from '../domain/workflows/batch-pick.js';
import type { PickState } from '../domain/workflows/pick.js';
import { reduceStation, type StationContext, type StationIntent, type StationState } from '../domain/workflows/station.js';
import type { ClientIntent, FeedbackView } from '../protocol/local-api.js';
import { KeyedQueue } from '../runtime/keyed-queue.js';
import type { QuaiError } from '../runtime/quai-error.js';
import { storeFault, type StoreFaultCode } from '../runtime/system-fault.js';
import type { Remapping } from '../domain/keyboard/wedge-remap.js';
import { releaseReason } from './document-liveness.js';
import { allotSscc, resolveIntent } from './intent-resolver.js';
import type { BatchSettings } from './batch-resolver.js';
import { resolveWedgeAware, sentTextOf, type WedgeInputSettings } from './wedge-input.js';
import type { AgentStore } from './store/agent-store.js';
import type { StoredSession } from './store/sessions-repo.js';
import type { OrdersRepo } from './store/orders-repo.js';
import { ToteTaken } from './store/totes-repo.js';
import { SupervisorGate } from './supervisor-gate.js';

export interface HandledIntent {
  session: StoredSession;
  feedback: FeedbackView | null;
  events: DomainEvent[];
}

export interface SessionsOptions {
  store: AgentStore;
  clock: () => Date;
  /**
   * The site's rules; today's date is added at each intent (goods expiring before are refused),
   * and the station's scale as its events left it.
   */
  context: Omit<StationContext, 'receiving' | 'scale'> & { receiving: Omit<StationContext['receiving'], 'today'> };
  /** Keyboard-wedge scanners' layout and GS stand-in (agent configuration `wedge`). */
  wedge?: WedgeInputSettings;
  /** Stations configured with a scale; the others weigh by typed weights. */
  stationsWithScale: readonly string[];
  nextSscc: () => Promise<string>;
  /** The site's carts and totes for cluster picking (`picking.carts`, `picking.totePrefix`). */
  batches: BatchSettings;
  /** The site's variable-measure layouts (`barcodes.variableMeasure`); none when absent. */
  variableMeasure?: readonly VariableMeasureLayout[];
  /** After a commit: what it changed, so the agent can send and print. */
  onCommitted: (station: string, handled: HandledIntent) => void;
  /** A station's session changed without its terminals asking (its scale's weight, a pick elsewhere reaching its count): show them. */
  onChanged: (station: string) => void;
  /** Work of the sessions' own (a pick reaching the counts under way) failed: for the log. */
  onBackgroundFault: (station: string, what: string, error: Error) => void;
  /** The store could not record an intent (STORE_FULL, STORE_READ_ONLY, STORE_UNAVAILABLE): nothing was done, the operator is told. */
  onStoreFault?: (station: string, fault: QuaiError & { code: StoreFaultCode }) => void;
  /** A station let go of a document closed, cancelled or taken over elsewhere: its terminals need the new view. */
  onReleased?: (station: string) => void;
}

type Work = { client: ClientIntent; rawFrame?: string } | { device: StationIntent; what: string };

/** What the audit keeps of a request: never a PIN. */
function auditRaw(intent: ClientIntent, rawFrame?: string): string {
  if (rawFrame !== undefined) return JSON.stringify(rawFrame);
  if (intent.type === 'input') return intent.data;
  if (intent.type === 'override') return JSON.stringify({ ...intent, pin: '[redacted]' });
  return JSON.stringify(intent);
}

/**
 * Owns every station's session. Intents of one station run one at a time; each one's new state,
 * outbox events and audit row are committed in one transaction before anyone is told "done".
 */
export class StationSessions {
  private readonly cache = new Map<string, StoredSession>();
  private readonly queue = new KeyedQueue();
  /** Each station's scale, from its events (in memory: after a restart a load on it must be lifted and replaced). */
  private readonly scales = new Map<string, StationScale>();
  private lastFeedbackId = 0;
  private sweeping: Promise<unknown> = Promise.resolve();
  private readonly supervisors: SupervisorGate;
  private savedBefore: Promise<string[]> | undefined;

  constructor(private readonly options: SessionsOptions) {
    this.supervisors = new SupervisorGate(options.store);
  }

  async get(station: string): Promise<StoredSession> {
    const cached = this.cache.get(station);
    if (cached) return cached;
    const loaded = await this.options.store.sessions.load(station);
    this.cache.set(station, loaded);
    return loaded;
  }

  /** The stations whose session is in memory (read or changed since the agent started), with their state: no store read. */
  loaded(): [string, StationState][] {
    return [...this.cache].map(([station, session]) => [station, session.state]);
  }

  /** `rawFrame`: the bytes a serial reader sent, kept in the audit beside the data. */
  handle(station: string, intent: ClientIntent, rawFrame?: string): Promise<HandledIntent> {
    return this.enqueue(station, { client: intent, ...(rawFrame !== undefined && { rawFrame }) });
  }

  /** The station's scale as intents see it: none for a station configured without one. */
  scaleOf(station: string): StationScale {
    if (!this.options.stationsWithScale.includes(station)) return { kind: 'none' };
    return this.scales.get(station) ?? UNKNOWN_SCALE;
  }

  /** Whether a packer at the station may type the weight of the parcel of `state` now (shown on the pack screen). */
  typedWeight(station: string, state: StationState): TypedWeight {
    return typedWeightAllowed(this.scaleOf(station), this.options.context.packing, state.pack);
  }

  /**
   * An event of the station's scale (only ever from the agent's own devices), in the station's
   * turn with its intents. The scale is noted; a load that settles is the parcel's weight when the
   * pack screen waits for one (scale-reading.ts). Terminals are shown the outcome, and the pack
   * screen whether a weight may be typed when the scale goes offline or comes back.
   */
  scaleEvent(station: string, event: ScaleEvent): Promise<void> {
    return this.queue.run(station, async () => {
      const before = this.scaleOf(station);
      const after = noteScaleEvent(before, event, this.options.context.packing.emptyScaleGrams);
      this.scales.set(station, after);
      if (event.kind === 'stable') {
        const { state } = await this.get(station);
        const pack = state.screen === 'pack' ? state.pack : null;
        const waiting = pack && (pack.phase === 'weigh' || pack.phase === 'failed') ? { phase: pack.phase, measured: pack.measured } : null;
        if (waiting && takesSettledLoad(waiting, event.weight, this.options.context.packing.emptyScaleGrams)) {
          await this.apply(station, { device: { type: 'weight', weight: event.weight }, what: `${event.weight.value} ${event.weight.unit}` });
          this.options.onChanged(station);
          return;
        }
      }
      if (before.kind !== after.kind) this.options.onChanged(station);
    });
  }

  /**
   * An answer to a request that is not a workflow's (a label printed again, a scale command):
   * the station's feedback like any other, with its id, saved and audited with what was asked,
   * and shown in the view. `what`: the request as the audit keeps it.
   */
  answer(station: string, what: { intent: string; raw: string }, feedback: Feedback): Promise<HandledIntent> {
    return this.queue.run(station, async () => {
      const { store, clock } = this.options;
      try {
        const current = await this.get(station);
        const at = clock().toISOString();
        const view = this.feedbackView(feedback);
        const next: StoredSession = { state: current.state, feedback: view };
        await store.write(async (trx) => {
          await store.sessions.save(trx, station, next, at);
          await store.audit.record(trx, { at, station, operator: current.state.operator?.code ?? null, intent: what.intent, source: null, raw: what.raw, outcomeLevel: feedback.level, outcomeCode: feedback.code, eventIds: [] });
        });
        this.cache.set(station, next);
        return { session: next, feedback: view, events: [] };
      } catch (error) {
        const fault = storeFault(error);
        if (!fault) throw error;
        return this.refusedByStore(station, fault);
      }
    });
  }

  /**
   * Stock picked from a bin reaches every count under way there, so it is not overwritten: at every
   * station with a session, in memory or only in the store (its terminal not back since a restart).
   */
  private stockMoved(events: readonly DomainEvent[]): void {
    const moves = pickedStock(events);
    if (moves.length === 0) return;
    const counting = async () => {
      const stations: string[] = [];
      for (const station of await this.stations()) {
        const { state } = await this.get(station);
        if ((state.count && state.count.phase !== 'done') || state.pausedCount) stations.push(station);
      }
      return stations;
    };
    void counting().then(
      (stations) => {
        for (const { location, productCode, delta } of moves) {
          for (const station of stations) {
            void this.enqueue(station, { device: { type: 'stock-moved', location, productCode, delta }, what: `${productCode} ${delta} at ${location}` }).then(
              () => this.options.onChanged(station),
              (error: Error) => this.options.onBackgroundFault(station, 'counts under way not told of a pick', error),
            );
          }
        }
      },
      (error: Error) => this.options.onBackgroundFault('*', 'counts under way not found for a pick', error),
    );
  }

  /**
   * Lets go, at every station, of the documents the store now says are closed, cancelled or
   * shipped (the hub's work stream moved, or the agent starts): each such station's terminals are
   * told why, naming the document. Returns the stations released.
   */
  releaseClosed(): Promise<string[]> {
    // one sweep at a time: patches come in bursts, and each sweep sees what the ones before did
    const sweep = this.sweeping.then(() => this.sweepClosed());
    this.sweeping = sweep.catch(() => undefined);
    return sweep;
  }

  private async sweepClosed(): Promise<string[]> {
    const released: string[] = [];
    for (const station of await this.stations()) {
      const { state } = await this.get(station);
      for (const doc of heldDocuments(state)) {
        const reason = await releaseReason(this.options.store, doc);
        if (reason && doc.id !== null) {
          await this.release(station, { type: 'release', kind: doc.kind, id: doc.id, reason });
          released.push(station);
        }
      }
    }
    return released;
  }

  /**
   * Stations with a session: those loaded since the agent started and those saved before (read
   * once: every session saved since went through this cache, the store's one owner).
   */
  private async stations(): Promise<string[]> {
    this.savedBefore ??= this.options.store.sessions.stations().catch((error: unknown) => {
      this.savedBefore = undefined;
      throw error;
    });
    return [...new Set([...this.cache.keys(), ...(await this.savedBefore)])];
  }

  private async release(station: string, intent: ReleaseIntent): Promise<void> {
    await this.enqueue(station, { device: intent, what: `${intent.kind} ${intent.id} ${intent.reason}${intent.by ? ` at ${intent.by}` : ''}` });
    this.options.onReleased?.(station);
  }

  /**
   * Runs a station's work in its turn; then, outside that turn (two stations may release each
   * other), releases the other stations holding a document this one has just opened or finished.
   */
  private async enqueue(station: string, work: Work): Promise<HandledIntent> {
    let before: StationState | undefined;
    const handled = await this.queue.run(station, async () => {
      before = (await this.get(station)).state;
      return this.apply(station, work);
    });
    const releases = before ? releasesElsewhere(before, handled.session.state, station) : [];
    if (releases.length > 0) {
      for (const other of await this.stations()) {
        if (other === station) continue;
        const held = heldDocuments((await this.get(other)).state);
        for (const intent of releases) if (held.some((d) => d.kind === intent.kind && d.id === intent.id && !d.done)) await this.release(other, intent);
      }
    }
    return handled;
  }

  /** Feedback ids grow across restarts too (they start from the clock), so terminals ring once per message. */
  private feedbackView(feedback: Feedback): FeedbackView {
    this.lastFeedbackId = Math.max(this.lastFeedbackId + 1, this.options.clock().getTime());
    return { id: this.lastFeedbackId, ...feedback };
  }

  private async apply(station: string, work: Work): Promise<HandledIntent> {
    try {
      try {
        return await this.attempt(station, work, false);
      } catch (error) {
        if (!(error instanceof OrderTaken || error instanceof ToteTaken)) throw error;
        // another station took the order (or the tote) between our look and our claim: refused, nothing changed
        return await this.attempt(station, work, true);
      }
    } catch (error) {
      const fault = storeFault(error);
      if (!fault) throw error;
      return this.refusedByStore(station, fault);
    }
  }

  /**
   * The store could not record the intent (a full or read-only disk): nothing happened, and the
   * station's terminals say why, in the operator's language, rather than "internal error". The
   * session stays as it was; only its feedback changes, in memory (the store cannot take it).
   */
  private async refusedByStore(station: string, fault: QuaiError & { code: StoreFaultCode }): Promise<HandledIntent> {
    this.options.onStoreFault?.(station, fault);
    const current = await this.get(station);
    const feedback = this.feedbackView(errorFeedback(fault.code));
    const session: StoredSession = { state: current.state, feedback };
    this.cache.set(station, session);
    return { session, feedback, events: [] };
  }

  private async attempt(station: string, work: Work, orderTaken: boolean): Promise<HandledIntent> {
    const { store, clock, context } = this.options;
    const current = await this.get(station);
    const now = clock();
    const at = now.toISOString();
    const { intent: resolved, remapped } = 'client' in work ? await this.resolveClient(station, now, current.state, work.client) : { intent: work.device, remapped: null };
    const domainIntent = orderTaken && (resolved.type === 'open-order' || resolved.type === 'open-pack-order') ? { type: resolved.type, ref: resolved.ref, order: null, refusal: 'not-available' as const } : resolved;
    const scale = this.scaleOf(station);
    const result = reduceStation(current.state, domainIntent, { ...context, receiving: { ...context.receiving, today: at.slice(0, 10) }, scale });
    // a release that finds the document gone already (released twice, finished meanwhile) changes nothing, not even the message
    if (domainIntent.type === 'release' && result.state === current.state) return { session: current, feedback: null, events: [] };
    const feedback = result.feedback ? this.feedbackView(result.feedback) : null;
    const next: StoredSession = { state: result.state, feedback };
    const operator = current.state.operator?.code ?? result.state.operator?.code ?? null;
    await store.write(async (trx) => {
      const eventIds = await store.outbox.append(trx, result.events, { at, operator, station });
      await store.sessions.save(trx, station, next, at);
      await this.recordOrderProgress(trx, station, current.state, result.state);
      await store.stock.recordDoubts(trx, result.events, at);
      await store.totes.record(trx, result.events, station, at);
      await store.audit.record(trx, {
        at,
        station,
        operator,
        intent: 'client' in work ? work.client.type : domainIntent.type,
        source: 'client' in work ? (sentTextOf(work.client)?.text.source ?? null) : 'device',
        raw: 'client' in work ? auditRaw(work.client, work.rawFrame) : work.what,
        remapped,
        outcomeLevel: result.feedback?.level ?? null,
        outcomeCode: result.feedback?.code ?? null,
        eventIds,
      });
    });
    this.cache.set(station, next);
    this.scales.set(station, afterIntent(scale, current.state.pack, result.state.pack));
    const handled = { session: next, feedback, events: result.events };
    this.options.onCommitted(station, handled);
    this.stockMoved(result.events);
    return handled;
  }

  /**
   * A terminal's request after its look-ups; a wedge burst (an input, a lot, a supervisor's code) that matches nothing is
   * read again through the keyboard layouts (wedge-input.ts). A tracking number's SSCC is allotted
   * once, for the reading kept, and only when it closes the parcel.
   */
  private async resolveClient(station: string, now: Date, state: StationState, intent: ClientIntent): Promise<{ intent: StationIntent; remapped: Remapping | null }> {
    const ctx = { store: this.options.store, station, now, supervisors: this.supervisors, variableMeasure: this.options.variableMeasure ?? [], batches: this.options.batches };
    const wedge = this.options.wedge ?? {};
    const sent = sentTextOf(intent);
    const { intent: resolved, remapped } = sent
      ? await resolveWedgeAware(sent.text, wedge, (data) => resolveIntent(ctx, state, sent.withText(data)))
      : { intent: await resolveIntent(ctx, state, intent), remapped: null };
    return { intent: await allotSscc(resolved, state, this.options.nextSscc), remapped };
  }

  /** A cart's orders are claimed together when it starts; each is picked (ready to pack) once its last units are in its tote. */
  private async recordBatchProgress(trx: Knex.Transaction, station: string, before: BatchState | null, after: BatchState | null): Promise<void> {
    const { orders } = this.options.store;
    for (const slot of after?.slots ?? []) {
      const was = before?.slots.find((s) => s.pick.orderId === slot.pick.orderId);
      if (!was && !(await orders.claim(trx, slot.pick.orderId, station, 'open', 'in-progress'))) throw new OrderTaken();
      if (slotDone(after!, slot) && !(was && slotDone(before!, was))) await recordPicked(orders, trx, slot.pick);
    }
    // an order off the cart unpicked (a cart dropped before anything was done on it) is free again for any station
    for (const slot of before?.slots ?? []) {
      if (!after?.slots.some((s) => s.pick.orderId === slot.pick.orderId)) await orders.unclaim(trx, slot.pick.orderId, station, 'open', 'in-progress');
    }
  }

  /** Keeps the local order list truthful: an order being worked on here is not offered elsewhere. */
  private async recordOrderProgress(trx: Knex.Transaction, station: string, before: StationState, after: StationState): Promise<void> {
    const { orders } = this.options.store;
    const pick = after.pick;
    if (pick && pick.orderId !== before.pick?.orderId && !(await orders.claim(trx, pick.orderId, station, 'open', 'in-progress'))) throw new OrderTaken();
    if (pick && pick.phase === 'done' && before.pick?.phase !== 'done') await recordPicked(orders, trx, pick);
    await this.recordBatchProgress(trx, station, before.batch ?? null, after.batch ?? null);
    const pack = after.pack;
    if (pack && pack.orderId !== before.pack?.orderId && !(await orders.claim(trx, pack.orderId, station, 'picked', 'packing'))) throw new OrderTaken();
    if (pack && pack.phase === 'done' && before.pack?.phase !== 'done') await orders.setLocalStatus(trx, pack.orderId, 'shipped', station);
  }
}

/** A picked order is recorded as such: what was picked here is what will be packed, even before the hub has heard of it. */
async function recordPicked(orders: OrdersRepo, trx: Knex.Transaction, pick: PickState): Promise<void> {
  await orders.recordPicked(trx, pick.orderId, pick.lines.map((l) => ({ lineId: l.lineId, picked: l.picked })));
  await orders.setLocalStatus(trx, pick.orderId, 'picked', null);
}

/** The order was claimed by another station inside the same instant. */
class OrderTaken extends Error {
  constructor() {
    super('order taken by another station');
  }
}
