import type { Knex } from 'knex';
import type { WebSocket } from 'ws';
import { MAX_BATCH, MAX_FRAME_BYTES, decodeFrame } from '../protocol/common.js';
import { MAX_OUTCOMES, SYNC_SUBPROTOCOL, SYNC_VERSIONS_ACCEPTED, agentToHub, type AgentToHub, type HubToAgent, type StreamName } from '../protocol/sync.js';
import type { Logger } from '../runtime/logger.js';
import { WsEndpoint } from '../runtime/ws-endpoint.js';
import { checkAgentToken } from './agent-credentials.js';
import { LINK_RENEW_MS, LINK_SILENT_MS, releaseLinkLease, renewLinkLeases, startSegment, type AgentSegment } from './agent-incarnation.js';
import { QuaiError } from '../runtime/quai-error.js';
import { InboxApplier, settledOutcomes, type InboxApplierOptions } from './inbox-applier.js';
import { receiveBatch } from './receive-batch.js';
import type { ErpAdapter } from './erp-adapter.js';
import { streamPatches } from './streams.js';
import { allStreamVersions } from './store/hub-store.js';
import { agentProgress } from './store/agents-repo.js';

const HELLO_TIMEOUT_MS = 10_000;
/** Server hints for the agent's next attempt: a refused agent needs a person, not a hammering. */
const UNAUTHORIZED_RETRY_MS = 60_000;
const INTERNAL_RETRY_MS = 5_000;
/** An agent id linked from another store: its owner's link is checked meanwhile. */
const IN_USE_RETRY_MS = 10_000;
const CLOSE_CODES: Partial<Record<Extract<HubToAgent, { type: 'error' }>['kind'], number>> = { unauthorized: 4401, 'agent-in-use': 4409 };
/** How long after a full batch the agent's next one is expected. */
const MORE_COMING_MS = 200;

interface AgentLink {
  agentId: string;
  siteId: string;
  /** The agent store's incarnation and where its seqs sit in the hub's numbering (set once authorized). */
  segment: AgentSegment;
  cursors: Record<StreamName, string | null>;
  /** Set once the agent's token has been checked; nothing it sends is applied before. */
  authorized: boolean;
  /** The agent has (or has been sent) the outcomes of its events up to this hub seq. */
  outcomesThrough: number;
  /** Sends to one agent happen in order, never interleaved. */
  chain: Promise<void>;
  /** When the agent last said anything (a frame, a heartbeat ping, a pong): only such links renew their lease. */
  heardAt: number;
  /** When the hub last pinged the link. */
  pingedAt: number;
}

/** How often the hub looks for silent links and pings the others (ms). */
const LINK_CHECK_MS = 1000;

export interface HubServerOptions {
  host: string;
  port: number;
  db: Knex;
  adapter: ErpAdapter;
  logger: Logger;
  clock: () => Date;
  /** How often the stream versions are read for changes made elsewhere (ms). */
  watchMs?: number;
  /** Serve wss:// with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Events of an agent stored (new ones only, not those sent again): the metrics. */
  onReceived?: (agentId: string, count: number) => void;
  /** Outcomes committed for an agent's events, by outcome: the metrics. */
  onDecided?: InboxApplierOptions['onDecided'];
}

/** The hub's side of quai-sync/1. */
export class HubServer {
  private readonly endpoint: WsEndpoint;
  private readonly links = new Map<WebSocket, AgentLink>();
  private readonly known: Partial<Record<StreamName, number>> = {};
  private readonly applier: InboxApplier;
  /** Batches read off the wire and not yet stored. */
  private receiving = 0;
  /** A full batch came in: its agent has more, and the next batch is due about now. */
  private moreComingUntil = 0;
  private watcher: NodeJS.Timeout | undefined;
  private linkChecker: NodeJS.Timeout | undefined;
  private linksCheckedAt = Date.now();
  private watching = false;
  private leasesRenewedAt = 0;

  constructor(private readonly options: HubServerOptions) {
    this.endpoint = new WsEndpoint({
      subprotocol: SYNC_SUBPROTOCOL,
      maxPayload: MAX_FRAME_BYTES,
      banner: 'quai hub: use a WebSocket (quai-sync.1)',
      onConnection: (ws) => this.onConnection(ws),
      ...(options.tls && { tls: options.tls }),
    });
    this.applier = new InboxApplier({ ...options, onApplied: (agentId, changed) => this.onApplied(agentId, changed), yieldTo: () => this.receiving > 0 || Date.now() < this.moreComingUntil });
  }

  /** Agents linked now (their token checked). */
  connectedAgents(): number {
    let count = 0;
    for (const link of this.links.values()) if (link.authorized) count++;
    return count;
  }

  async listen(): Promise<number> {
    // what agents will be sent from now on is measured from here
    for (const { stream, version } of await allStreamVersions(this.options.db)) this.known[stream] = version;
    const port = await this.endpoint.listen(this.options.host, this.options.port);
    this.watcher = setInterval(() => void this.watchVersions(), this.options.watchMs ?? 1000);
    this.watcher.unref();
    this.linkChecker = setInterval(() => this.checkLinks(), LINK_CHECK_MS);
    this.linkChecker.unref();
    this.applier.kick();
    return port;
  }

  /**
   * Another hub on the same database may receive or apply events, and it or the ERP behind the
   * adapter may change a stream, without this hub knowing: what is due is caught up here.
   */
  private async watchVersions(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      const agents = await agentProgress(this.options.db);
      if (agents.some((a) => Number(a.settled_seq) < Number(a.last_seq))) this.applier.nudge();
      for (const [ws, link] of this.links) {
        const agent = agents.find((a) => a.agent_id === link.agentId);
        if (link.authorized && agent && Number(agent.settled_seq) > link.outcomesThrough) this.enqueue(ws, link, () => this.sendOutcomes(ws, link));
      }
      await this.renewLeases();
      for (const { stream, version } of await allStreamVersions(this.options.db)) {
        if (this.known[stream] !== version) this.broadcast(stream);
        this.known[stream] = version;
      }
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'could not read stream versions');
    } finally {
      this.watching = false;
    }
  }

  /** Tells hubs sharing this database which agents' current stores are linked here (see LINK_LEASE_MS). */
  private async renewLeases(): Promise<void> {
    const now = Date.now();
    if (now - this.leasesRenewedAt < LINK_RENEW_MS) return;
    this.leasesRenewedAt = now;
    const live = [...this.links.values()].filter((l) => l.authorized && now - l.heardAt < LINK_SILENT_MS);
    await renewLinkLeases(this.options.db, live.map((l) => ({ agentId: l.agentId, incarnation: l.segment.incarnation })), this.options.clock());
  }

  /**
   * Pings each link every LINK_RENEW_MS (whatever the agent's own heartbeat) and closes the links
   * silent for LINK_SILENT_MS (a network lost without a word): their lease is released at once,
   * so they read offline.
   */
  private checkLinks(): void {
    const now = Date.now();
    // a hub that was busy (its event loop held) has not read what its links said meanwhile: it reads first
    const stalled = now - this.linksCheckedAt > 3 * LINK_CHECK_MS;
    this.linksCheckedAt = now;
    if (stalled) return;
    for (const [ws, link] of this.links) {
      if (!link.authorized || ws.readyState !== ws.OPEN) continue;
      if (now - link.heardAt >= LINK_SILENT_MS) {
        this.options.logger.warn({ agentId: link.agentId, silentMs: now - link.heardAt }, 'agent link silent: closed');
        this.forget(ws);
        ws.terminate();
      } else if (now - link.pingedAt >= LINK_RENEW_MS) {
        link.pingedAt = now;
        ws.ping();
      }
    }
  }

  /** Lets batches under way commit before the store closes. */
  close(): Promise<void> {
    clearInterval(this.watcher);
    clearInterval(this.linkChecker);
    return this.endpoint.close('hub stopping', async () => {
      await this.applier.stop();
      await Promise.all([...this.links.values()].map((l) => l.chain));
    });
  }

  private send(ws: WebSocket, message: HubToAgent): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  /** Sends and resolves once the frame is written out: a large snapshot is read no faster than the agent takes it. */
  private sendPaced(ws: WebSocket, message: HubToAgent): Promise<void> {
    return new Promise((resolve) => (ws.readyState === ws.OPEN ? ws.send(JSON.stringify(message), () => resolve()) : resolve()));
  }

  private refuse(ws: WebSocket, kind: Extract<HubToAgent, { type: 'error' }>['kind'], message: string, close: boolean, retryAfterMs?: number): void {
    this.send(ws, { type: 'error', kind, message, ...(retryAfterMs !== undefined && { retryAfterMs }) });
    if (!close) return;
    this.forget(ws);
    ws.close(CLOSE_CODES[kind] ?? 1008, kind);
  }

  /**
   * A link is over: what it still has queued is not stored, and the agent's next link (another
   * store after a divergence, say) finds neither this link nor its lease holding the agent's id.
   */
  private forget(ws: WebSocket): void {
    const link = this.links.get(ws);
    this.links.delete(ws);
    if (!link?.authorized) return;
    link.authorized = false;
    if ([...this.links.values()].some((l) => l.authorized && l.agentId === link.agentId)) return;
    releaseLinkLease(this.options.db, { agentId: link.agentId, incarnation: link.segment.incarnation }).catch((error: Error) => this.options.logger.warn({ err: error.message }, 'could not release an agent link lease'));
  }

  /**
   * One live link per agent id. The same store coming back (a reconnect while the hub still holds
   * its old link) replaces the old link; another store under the same id (two agents configured
   * alike) is refused while the first one's link answers, so the two never take turns at the
   * agent's seqs. The old link is pinged: one that does not answer is dropped, and the newcomer's
   * next try gets in. Says whether `link` may go on.
   */
  private takeAgentId(ws: WebSocket, link: AgentLink): boolean {
    for (const [other, held] of this.links) {
      if (other === ws || !held.authorized || held.agentId !== link.agentId || other.readyState !== other.OPEN) continue;
      if (held.segment.incarnation === link.segment.incarnation) {
        this.options.logger.info({ agentId: link.agentId }, 'agent reconnected: its previous link is closed');
        this.forget(other);
        other.close(4409, 'replaced by a newer link');
        continue;
      }
      this.options.logger.warn({ agentId: link.agentId, incarnation: link.segment.incarnation, linked: held.segment.incarnation }, 'a second store asked to link under an agent id already linked: refused');
      this.checkAlive(other);
      this.refuse(ws, 'agent-in-use', `agent ${link.agentId} is linked to this hub from another store right now; one link per agent id`, true, IN_USE_RETRY_MS);
      return false;
    }
    return true;
  }

  /** Drops a link that does not answer a ping in time. */
  private checkAlive(ws: WebSocket): void {
    let answered = false;
    ws.once('pong', () => (answered = true));
    ws.ping();
    setTimeout(() => {
      if (!answered) ws.terminate();
    }, IN_USE_RETRY_MS / 2).unref();
  }

  private onConnection(ws: WebSocket): void {
    const helloTimer = setTimeout(() => this.refuse(ws, 'unauthorized', 'hello expected', true), HELLO_TIMEOUT_MS);
    const heard = () => {
      const link = this.links.get(ws);
      if (link) link.heardAt = Date.now();
    };
    ws.on('ping', heard);
    ws.on('pong', heard);
    ws.on('message', (data) => {
      heard();
      const decoded = decodeFrame(agentToHub, data);
      if (!decoded.ok) {
        this.options.logger.warn({ reason: decoded.message }, 'invalid frame from an agent');
        this.refuse(ws, 'bad-message', decoded.message, !this.links.has(ws));
        return;
      }
      this.onMessage(ws, decoded.value, helloTimer);
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.forget(ws);
    });
    ws.on('error', (error) => this.options.logger.warn({ err: error.message }, 'agent link error'));
  }

  private onMessage(ws: WebSocket, message: AgentToHub, helloTimer: NodeJS.Timeout): void {
    const link = this.links.get(ws);
    if (message.type === 'hello') {
      clearTimeout(helloTimer);
      if (link) return this.refuse(ws, 'bad-message', 'hello sent twice', false);
      if (message.protocol < SYNC_VERSIONS_ACCEPTED.min || message.protocol > SYNC_VERSIONS_ACCEPTED.max) {
        return this.refuse(ws, 'unsupported-protocol', `protocol ${message.protocol} not in ${SYNC_VERSIONS_ACCEPTED.min}..${SYNC_VERSIONS_ACCEPTED.max}`, true);
      }
      const created: AgentLink = {
        agentId: message.agentId,
        siteId: message.siteId,
        segment: { incarnation: message.incarnation, base: 0, firstSeq: 1 },
        cursors: { ...message.cursors },
        chain: Promise.resolve(),
        authorized: false,
        outcomesThrough: 0,
        heardAt: Date.now(),
        pingedAt: Date.now(),
      };
      this.links.set(ws, created);
      this.enqueue(ws, created, async () => {
        const check = await checkAgentToken(this.options.db, message.agentId, message.token);
        if (check !== 'ok') {
          // the log says which; the wire says the same for both, so nobody learns which ids are enrolled
          this.options.logger.warn({ agentId: message.agentId, reason: check }, 'agent refused');
          return this.refuse(ws, 'unauthorized', 'unknown agent or bad token (quai hub agent add <agent-id> enrols one)', true, UNAUTHORIZED_RETRY_MS);
        }
        if (!this.takeAgentId(ws, created)) return;
        created.authorized = true;
        const start = await startSegment(this.options.db, message, this.options.clock()).catch((error: unknown) => {
          if (!(error instanceof QuaiError && error.code === 'AGENT_IN_USE')) throw error;
          this.options.logger.warn({ agentId: message.agentId, incarnation: message.incarnation }, 'a second store asked to link under an agent id linked to another hub: refused');
          this.refuse(ws, 'agent-in-use', error.message, true, IN_USE_RETRY_MS);
          return undefined;
        });
        if (!start) return;
        created.segment = start.segment;
        created.outcomesThrough = start.outcomesThrough;
        const context = { agentId: message.agentId, siteId: message.siteId, incarnation: message.incarnation };
        if (start.started === 'new') {
          this.options.logger.warn({ ...context, previous: start.previous, firstSeq: start.segment.firstSeq }, 'agent came back with another store (wiped, restored or moved): its events are matched by id from its first seq not settled');
        } else this.options.logger.info(context, 'agent connected');
        this.send(ws, {
          type: 'welcome',
          protocol: SYNC_VERSIONS_ACCEPTED.max,
          serverTime: this.options.clock().toISOString(),
          accepts: SYNC_VERSIONS_ACCEPTED,
          limits: { maxFrameBytes: MAX_FRAME_BYTES, maxBatch: MAX_BATCH },
          lastSeq: start.lastSeq,
          lastId: start.lastId,
        });
        await this.sendOutcomes(ws, created);
        await this.sendChanges(ws, created, 'catalog');
        await this.sendChanges(ws, created, 'work');
        await this.sendChanges(ws, created, 'stock');
      });
      return;
    }
    if (!link) return this.refuse(ws, 'unauthorized', 'send hello first', true);
    if (message.type === 'resync') {
      this.options.logger.info({ agentId: link.agentId, stream: message.stream }, 'full snapshot asked');
      return this.enqueue(ws, link, async () => (link.authorized ? this.sendChanges(ws, link, message.stream, null) : undefined));
    }
    this.receiving++;
    this.enqueue(ws, link, async () => {
      const stored = link.authorized ? receiveBatch(this.options.db, link.agentId, link.segment, message.events, this.options.clock()) : undefined;
      const outcome = await Promise.resolve(stored).finally(() => this.receiving--);
      if (message.events.length >= MAX_BATCH) this.moreComingUntil = Date.now() + MORE_COMING_MS;
      // the applier may have stepped aside for this batch: it goes on once the agents pause
      this.applier.nudge();
      if (!outcome) return;
      if (outcome.received > 0) this.options.onReceived?.(link.agentId, outcome.received);
      for (const conflict of outcome.conflicts) this.options.logger.error({ agentId: link.agentId, ...conflict }, 'an event id seen twice with different content: kept as rejected');
      for (const event of outcome.beforeHorizon) this.options.logger.error({ agentId: link.agentId, ...event }, 'an unknown event from a restored store, dated before the pruned horizon: kept as rejected (PRUNED_HORIZON)');
      if (outcome.diverged) {
        this.options.logger.error({ agentId: link.agentId, incarnation: link.segment.incarnation, why: outcome.diverged }, "the agent's history and the hub's diverged: the agent is told to start a new incarnation");
        return this.refuse(ws, 'history-diverged', outcome.diverged, true);
      }
      this.send(ws, { type: 'ack', lastSeq: outcome.lastSeq });
      if (outcome.expectedSeq !== undefined) {
        this.options.logger.error({ agentId: link.agentId, expectedSeq: outcome.expectedSeq }, 'seq gap from agent');
        this.send(ws, { type: 'error', kind: 'seq-gap', message: `expected seq ${outcome.expectedSeq}`, expectedSeq: outcome.expectedSeq });
      }
    });
  }

  /** Sends the link the outcomes it does not have yet, in seq order. */
  private async sendOutcomes(ws: WebSocket, link: AgentLink): Promise<void> {
    for (;;) {
      const { through, results } = await settledOutcomes(this.options.db, link.agentId, link.outcomesThrough, MAX_OUTCOMES, link.segment.base);
      if (through <= link.outcomesThrough || ws.readyState !== ws.OPEN) return;
      if (results.length > 0) this.send(ws, { type: 'outcomes', results });
      link.outcomesThrough = through;
    }
  }

  private onApplied(agentId: string, changed: Set<StreamName>): void {
    for (const [ws, link] of this.links) if (link.authorized && link.agentId === agentId) this.enqueue(ws, link, () => this.sendOutcomes(ws, link));
    for (const stream of changed) this.broadcast(stream);
  }

  private enqueue(ws: WebSocket, link: AgentLink, task: () => Promise<void>): void {
    link.chain = link.chain.then(task).catch((error: Error) => {
      this.options.logger.error({ err: error.message, stack: error.stack, agentId: link.agentId }, 'hub failed to serve an agent');
      this.refuse(ws, 'internal', 'the hub could not process the message; retry later', true, INTERNAL_RETRY_MS);
    });
  }

  /** Sends a stream's changes after the link's cursor, or all of it (`from` null). */
  private async sendChanges(ws: WebSocket, link: AgentLink, stream: StreamName, from = link.cursors[stream]): Promise<void> {
    for await (const patch of streamPatches(this.options.db, stream, from)) {
      if (ws.readyState !== ws.OPEN) return;
      await this.sendPaced(ws, patch);
      if (patch.cursor !== null) link.cursors[stream] = patch.cursor;
    }
  }

  /** Sends a stream's new changes to every connected agent. */
  broadcast(stream: StreamName): void {
    for (const [ws, link] of this.links) if (link.authorized) this.enqueue(ws, link, () => this.sendChanges(ws, link, stream));
  }
}
