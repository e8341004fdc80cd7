import WebSocket from 'ws';
import { MAX_BATCH, MAX_FRAME_BYTES, decodeFrame } from '../protocol/common.js';
import type { LinkState } from '../protocol/local-api.js';
import { SYNC_PROTOCOL_VERSION, SYNC_SUBPROTOCOL, hubToAgent, type AgentToHub, type HubToAgent, type PatchMessage, type StreamName } from '../protocol/sync.js';
import { backoffDelay } from '../runtime/backoff.js';
import type { Logger } from '../runtime/logger.js';
import type { RateLimitedLog } from '../runtime/rate-limited-log.js';
import { storeFault, storeFaultDelay } from '../runtime/system-fault.js';
import type { AgentStore } from './store/agent-store.js';
import { LAST_SYNC_AT } from './store/meta-repo.js';

export interface SyncClientOptions {
  url: string;
  agentId: string;
  siteId: string;
  /** The site's IANA time zone (configuration `site.timeZone`), told to the hub in `hello`. */
  timeZone?: string;
  token: string;
  store: AgentStore;
  logger: Logger;
  clock: () => Date;
  /** Called when the link state, the pending count or the work list changes. */
  onChange: (what: 'link' | 'outbox' | 'work' | 'catalog' | 'stock') => void;
  heartbeatMs?: number;
  ackTimeoutMs?: number;
  /** Extra certificates to trust for wss:// (PEM). */
  ca?: Buffer;
  /** Where store faults (a full disk) are told: at most once a minute, shared with the sessions'. */
  storeFaultLog: RateLimitedLog;
  /** A full catalog snapshot is asked for when the last one is this old. */
  reconcileHours?: number;
}

interface PendingAck {
  /** The last seq of a batch in flight: an ack up to it (or past it) settles the wait. */
  lastSeq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Batches in flight at once: the next ones travel while the hub stores the first, so a backlog
 * drains at the pace of the slower end rather than of both ends one after the other.
 */
const WINDOW = 4;
const CATALOG_SNAPSHOT_AT = 'catalogSnapshotAt';
/** Frames waiting to be handled above which reading from the hub pauses, and below which it resumes. */
const INBOUND_HIGH = 2;
const INBOUND_LOW = 0;
/** How often the age of the last full catalog snapshot is checked. */
const RECONCILE_CHECK_MS = 60_000;

/**
 * The agent's side of quai-sync/1: connects to the hub, applies downstream patches with their
 * cursors, drains the outbox in seq order (one batch in flight, until the hub has stored all),
 * and records the ERP's outcomes as they come. Everything the hub sends is handled in arrival
 * order, one message at a time. The floor never waits on it: it reconnects on its own with
 * jittered, capped backoff, or later when the hub says so.
 */
export class SyncClient {
  link: LinkState = 'connecting';
  lastSyncAt: string | null = null;
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = false;
  private draining = false;
  private dirty = false;
  private pendingAcks: PendingAck[] = [];
  private inbound: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private maxBatch = MAX_BATCH;
  /** A full snapshot being loaded, for the screens and `quai status`. */
  loading: { stream: StreamName; done: number; total: number } | null = null;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private reconcileAsked = false;
  /** The next reconnection skips the backoff (asked for by `quai sync --now`). */
  private immediate = false;
  /** Frames from the hub read and not yet handled. */
  private queued = 0;
  /** The hub's last "come back later" hint, honoured by the next reconnection only. */
  private retryHintMs = 0;
  /** Messages from the hub the store could not record, in a row: each makes the link wait longer. */
  private storeFaults = 0;
  /** The hub said this store's history diverged from its own: the next hello is under a new incarnation. */
  private divergedWhy: string | undefined;
  /** Links ended on purpose: what they said after that is not acted on. */
  private readonly dropped = new WeakSet<WebSocket>();

  constructor(private readonly options: SyncClientOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
    this.reconcileTimer = setInterval(() => void this.reconcileIfDue().catch(() => undefined), RECONCILE_CHECK_MS);
    this.reconcileTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.reconcileTimer);
    this.ws?.close(1000, 'agent stopping');
    await this.inbound;
  }

  /** New events were committed: send them now if the link is up. */
  kick(): void {
    this.dirty = true;
    // a commit just went through: a link waiting out a store fault need not wait any longer
    if (this.storeFaults > 0 && !this.ws) {
      this.storeFaults = 0;
      this.reconnectNow();
      return;
    }
    void this.drain();
  }

  /** Drops the link and reconnects at once (`quai sync --now`); with `catalog`, then reloads the whole catalog. */
  reconnectNow(options: { catalog?: boolean } = {}): void {
    this.attempt = 0;
    if (options.catalog) this.reconcileAsked = true;
    if (this.ws && this.ws.readyState !== WebSocket.CLOSED) {
      // whether open or still connecting, this link ends; its close reconnects at once
      this.immediate = true;
      this.ws.terminate();
    } else {
      clearTimeout(this.reconnectTimer);
      this.connect();
    }
  }

  private setLink(link: LinkState): void {
    if (this.link === link) return;
    this.link = link;
    if (link !== 'online') this.loading = null;
    this.options.logger.info({ link }, 'hub link');
    this.options.onChange('link');
  }

  private connect(): void {
    if (this.stopped) return;
    this.setLink('connecting');
    const ws = new WebSocket(this.options.url, SYNC_SUBPROTOCOL, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: 5000, ...(this.options.ca && { ca: this.options.ca }) });
    this.ws = ws;
    let alive = true;
    let heartbeat: NodeJS.Timeout | undefined;
    ws.on('open', () => {
      if (this.stopped) return;
      (this.divergedWhy === undefined ? Promise.resolve() : this.reincarnate(this.divergedWhy))
        .then(() => Promise.all([this.options.store.cursors.all(), this.options.store.outbox.settledThrough()]))
        .then(([cursors, settledThrough]) => {
          const { incarnation } = this.options.store.outbox;
          this.send({ type: 'hello', protocol: SYNC_PROTOCOL_VERSION, agentId: this.options.agentId, siteId: this.options.siteId, token: this.options.token, incarnation: incarnation.id, cursors, settledThrough, ...(this.options.timeZone && { timeZone: this.options.timeZone }) }, ws);
        })
        .catch((error: Error) => {
          // the store is closing (agent stopping) or failing: this link cannot start
          if (!this.storeFaulted(error, ws, 'hello')) this.options.logger.warn({ err: error.message }, 'could not read the cursors for hello; dropping the link');
          ws.terminate();
        });
      heartbeat = setInterval(() => {
        if (!alive) {
          this.options.logger.warn('hub did not answer the heartbeat; dropping the link');
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, this.options.heartbeatMs ?? 5000);
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data) => {
      alive = true;
      const decoded = decodeFrame(hubToAgent, data);
      if (!decoded.ok) {
        this.options.logger.error({ reason: decoded.message }, 'invalid frame from hub; dropping the link');
        ws.close(1008, 'invalid frame');
        return;
      }
      this.onMessage(decoded.value, ws);
    });
    ws.on('error', (error) => this.options.logger.warn({ err: error.message }, 'hub link error'));
    ws.on('close', (code, reason) => {
      clearInterval(heartbeat);
      // a link already replaced (by `sync --now`) has nothing more to say
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.rejectAcks(new Error(`link closed (${code})`));
      this.setLink('offline');
      if (this.stopped) return;
      const delay = this.immediate ? 0 : Math.max(backoffDelay(this.attempt++, 250, 10_000), this.retryHintMs);
      this.immediate = false;
      this.retryHintMs = 0;
      this.options.logger.info({ code, reason: reason.toString(), retryInMs: delay }, 'hub link closed');
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
  }

  /** Sends on the current link if it is open; what cannot go now goes again after the next hello. */
  private send(message: AgentToHub, ws = this.ws): void {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  private onMessage(message: HubToAgent, ws: WebSocket): void {
    // once stopping, what the hub still sends is not recorded (the store is closing; the next
    // welcome sets things right) nor counted: the link reads on to the hub's close, never paused
    if (this.stopped) return;
    // frames are handled one at a time; while many wait (a large snapshot), reading pauses and
    // TCP holds the hub back, so memory stays flat whatever the catalog's size
    if (++this.queued >= INBOUND_HIGH && !ws.isPaused) ws.pause();
    if (message.type === 'error') {
      this.options.logger.error({ kind: message.kind, reason: message.message, expectedSeq: message.expectedSeq, retryAfterMs: message.retryAfterMs }, 'hub refused');
      if (message.retryAfterMs !== undefined) this.retryHintMs = message.retryAfterMs;
      // the hub closes the link right after: the next one starts under a new incarnation, at once
      if (message.kind === 'history-diverged') {
        this.divergedWhy = message.message;
        this.immediate = true;
      }
    }
    this.inbound = this.inbound
      // what a link said after it was dropped is not acted on: the next link's welcome sets things right
      .then(() => (ws === this.ws && !this.dropped.has(ws) ? this.handle(message, ws) : undefined))
      .then(() => {
        // recorded: the store works
        if (ws === this.ws && (message.type === 'ack' || message.type === 'outcomes' || message.type === 'patch')) this.storeFaults = 0;
      })
      .catch((error: Error) => {
        if (!this.storeFaulted(error, ws, message.type)) this.options.logger.error({ err: error.message, message: message.type }, 'could not handle a message from the hub; reconnecting');
        this.ws?.terminate();
      })
      .finally(() => {
        if (--this.queued <= INBOUND_LOW && ws.isPaused) ws.resume();
      });
  }

  /**
   * The store cannot record what the link needs (a full disk): coming back at once would fail
   * again, in a loop; the link waits, longer each time, unless a commit shows the store works
   * (counted once per link: what is queued behind on a link being dropped fails alike), and the
   * fault is logged once a minute. Says whether `error` was such a fault.
   */
  private storeFaulted(error: Error, ws: WebSocket, during: string): boolean {
    const fault = storeFault(error);
    if (!fault) return false;
    if (ws.readyState === WebSocket.OPEN) this.retryHintMs = Math.max(this.retryHintMs, storeFaultDelay(this.storeFaults++));
    this.options.storeFaultLog.error(fault.code, { err: fault.message, message: during, retryInMs: this.retryHintMs }, 'could not record a message from the hub: the store refused it; the link waits');
    return true;
  }

  private async handle(message: HubToAgent, ws: WebSocket): Promise<void> {
    const { store } = this.options;
    const { outbox } = store;
    switch (message.type) {
      case 'welcome': {
        const divergence = await outbox.divergence(message.lastSeq, message.lastId);
        if (divergence) return this.reincarnate(divergence, ws);
        this.attempt = 0;
        this.maxBatch = Math.min(MAX_BATCH, message.limits.maxBatch);
        const behind = message.lastSeq < (await outbox.lastReceived());
        const again = await store.writeBackground(async (trx) => {
          const resent = behind ? await outbox.resendAfter(trx, message.lastSeq) : 0;
          await outbox.markReceived(trx, message.lastSeq);
          return resent;
        });
        if (behind) this.options.logger.warn({ hubLastSeq: message.lastSeq, events: again }, 'the hub has fewer of our events than it acknowledged (restored from a backup?); sending them again');
        this.setLink('online');
        this.options.onChange('outbox');
        this.kick();
        if (this.reconcileAsked) {
          this.reconcileAsked = false;
          this.reconcileCatalog();
        } else await this.reconcileIfDue();
        return;
      }
      case 'patch':
        return this.applyPatch(message);
      case 'ack': {
        const at = this.options.clock().toISOString();
        await store.writeBackground(async (trx) => {
          await outbox.markReceived(trx, message.lastSeq);
          await store.meta.set(LAST_SYNC_AT, at, trx);
        });
        this.lastSyncAt = at;
        for (const pending of this.pendingAcks.filter((p) => p.lastSeq <= message.lastSeq)) pending.resolve();
        this.options.onChange('outbox');
        return;
      }
      case 'outcomes':
        await store.writeBackground((trx) => outbox.settle(trx, message.results, this.options.clock().toISOString()));
        this.options.onChange('outbox');
        return;
      case 'error':
        if (message.kind === 'seq-gap' && message.expectedSeq !== undefined) {
          const resendAfter = message.expectedSeq - 1;
          await store.writeBackground((trx) => outbox.resendAfter(trx, resendAfter));
        }
        this.rejectAcks(new Error(`hub refused: ${message.kind}`));
        return;
    }
  }

  /**
   * The hub holds events this store does not, or others at the same seqs (restored from an older
   * backup, replaced): the store takes a new incarnation, the link starts again at once, and what
   * has no outcome is sent again and matched by id at the hub. Nothing is marked received here.
   */
  private async reincarnate(why: string, ws?: WebSocket): Promise<void> {
    const { store } = this.options;
    const next = await store.writeBackground((trx) => store.outbox.reincarnate(trx, this.options.clock().toISOString()));
    this.divergedWhy = undefined;
    this.options.logger.warn({ why, incarnation: next.id, resending: this.options.store.outbox.pending }, "this store's history and the hub's diverged: new incarnation, events without an outcome go again");
    this.options.onChange('outbox');
    if (!ws) return;
    this.immediate = true;
    // outcomes the hub sent on this link after its welcome are about the history left behind
    this.dropped.add(ws);
    ws.terminate();
  }

  private async applyPatch(message: PatchMessage): Promise<void> {
    const { store } = this.options;
    const last = message.cursor !== null;
    let swept = 0;
    await store.writeBackground(async (trx) => {
      if (message.stream === 'catalog') {
        if (message.dels) await store.catalog.applyDels(trx, message.dels);
        await store.catalog.applyPuts(trx, message.puts, message.snapshotId ?? null);
        if (last && message.snapshotId) {
          swept = await store.catalog.sweep(trx, message.snapshotId);
          await store.meta.set(CATALOG_SNAPSHOT_AT, this.options.clock().toISOString(), trx);
        }
      } else if (message.stream === 'stock') await store.stock.applyPuts(trx, message.puts.stock ?? []);
      else {
        await store.orders.applyPuts(trx, message.puts.orders ?? []);
        await store.workDocs.applyPuts(trx, message.puts.receipts ?? [], message.puts.countTasks ?? []);
      }
      if (last) await store.cursors.set(trx, message.stream, message.cursor!);
    });
    if (swept > 0) this.options.logger.info({ swept }, 'catalog reconciled: documents gone at the hub removed');
    this.loading = message.progress && !last ? { stream: message.stream, ...message.progress } : null;
    this.options.onChange(message.stream);
  }

  /**
   * Asks the hub for a full catalog snapshot: what the agent holds that the hub no longer has is
   * swept when it ends (drift from a restored backup, a missed removal). Periodic, and on demand.
   */
  reconcileCatalog(): boolean {
    if (this.link !== 'online') return false;
    this.send({ type: 'resync', stream: 'catalog' });
    return true;
  }

  private async reconcileIfDue(): Promise<void> {
    const last = await this.options.store.meta.get(CATALOG_SNAPSHOT_AT);
    const dueMs = (this.options.reconcileHours ?? 24) * 3_600_000;
    if (last && this.options.clock().getTime() - Date.parse(last) >= dueMs) this.reconcileCatalog();
  }

  private rejectAcks(error: Error): void {
    for (const pending of this.pendingAcks.slice()) pending.reject(error);
  }

  private waitForAck(lastSeq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry: PendingAck = {
        lastSeq,
        resolve: () => (settle(), resolve()),
        reject: (error) => (settle(), reject(error)),
      };
      const settle = () => {
        clearTimeout(timer);
        this.pendingAcks = this.pendingAcks.filter((p) => p !== entry);
      };
      const timer = setTimeout(() => {
        entry.reject(new Error('ack timeout'));
        this.ws?.terminate();
      }, this.options.ackTimeoutMs ?? 30_000);
      this.pendingAcks.push(entry);
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const inFlight: Promise<void>[] = [];
    try {
      let sentThrough = 0;
      while (this.link === 'online') {
        this.dirty = false;
        const batch = inFlight.length < WINDOW ? await this.options.store.outbox.nextBatch(this.maxBatch, sentThrough) : [];
        if (batch.length === 0) {
          if (inFlight.length > 0) {
            await inFlight.shift();
            continue;
          }
          if (this.dirty) continue;
          break;
        }
        sentThrough = batch[batch.length - 1]!.seq;
        const ack = this.waitForAck(sentThrough);
        // a later rejection is seen when its turn comes; until then it must not go unhandled
        ack.catch(() => undefined);
        inFlight.push(ack);
        this.send({ type: 'events', events: batch });
      }
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'outbox drain interrupted; will retry');
      if (this.link === 'online') setTimeout(() => this.kick(), 1000).unref();
    } finally {
      this.draining = false;
    }
  }
}
