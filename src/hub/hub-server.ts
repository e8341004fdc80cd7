import type { Knex } from 'knex';
import type { WebSocket } from 'ws';
import { MAX_BATCH, MAX_FRAME_BYTES, decodeFrame } from '../protocol/common.js';
import { MAX_OUTCOMES, SYNC_SUBPROTOCOL, SYNC_VERSIONS_ACCEPTED, agentToHub, type AgentToHub, type HubToAgent, type StreamName } from '../protocol/sync.js';
import type { Logger } from '../runtime/logger.js';
import { WsEndpoint } from '../runtime/ws-endpoint.js';
import { checkAgentToken } from './agent-credentials.js';
import { InboxApplier, settledOutcomes } from './inbox-applier.js';
import { receiveBatch } from './receive-batch.js';
import type { ErpAdapter } from './erp-adapter.js';
import { streamPatches } from './streams.js';

const HELLO_TIMEOUT_MS = 10_000;
/** Server hints for the agent's next attempt: a refused agent needs a person, not a hammering. */
const UNAUTHORIZED_RETRY_MS = 60_000;
const INTERNAL_RETRY_MS = 5_000;
/** How long after a full batch the agent's next one is expected. */
const MORE_COMING_MS = 200;

interface AgentLink {
  agentId: string;
  siteId: string;
  cursors: Record<StreamName, string | null>;
  /** Set once the agent's token has been checked; nothing it sends is applied before. */
  authorized: boolean;
  /** The agent has (or has been sent) the outcomes of its events up to this seq. */
  outcomesThrough: number;
  /** Sends to one agent happen in order, never interleaved. */
  chain: Promise<void>;
}

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
  private watching = false;

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

  async listen(): Promise<number> {
    // what agents will be sent from now on is measured from here
    const versions: { stream: StreamName; version: number }[] = await this.options.db('stream_versions').select('stream', 'version');
    for (const { stream, version } of versions) this.known[stream] = Number(version);
    const port = await this.endpoint.listen(this.options.host, this.options.port);
    this.watcher = setInterval(() => void this.watchVersions(), this.options.watchMs ?? 1000);
    this.watcher.unref();
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
      const agents: { agent_id: string; last_seq: number; settled_seq: number }[] = await this.options.db('agents').select('agent_id', 'last_seq', 'settled_seq');
      if (agents.some((a) => Number(a.settled_seq) < Number(a.last_seq))) this.applier.nudge();
      for (const [ws, link] of this.links) {
        const agent = agents.find((a) => a.agent_id === link.agentId);
        if (link.authorized && agent && Number(agent.settled_seq) > link.outcomesThrough) this.enqueue(ws, link, () => this.sendOutcomes(ws, link));
      }
      const rows: { stream: StreamName; version: number }[] = await this.options.db('stream_versions').select('stream', 'version');
      for (const { stream, version } of rows) {
        if (this.known[stream] !== Number(version)) this.broadcast(stream);
        this.known[stream] = Number(version);
      }
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'could not read stream versions');
    } finally {
      this.watching = false;
    }
  }

  /** Lets batches under way commit before the store closes. */
  close(): Promise<void> {
    clearInterval(this.watcher);
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
    if (close) ws.close(kind === 'unauthorized' ? 4401 : 1008, kind);
  }

  private onConnection(ws: WebSocket): void {
    const helloTimer = setTimeout(() => this.refuse(ws, 'unauthorized', 'hello expected', true), HELLO_TIMEOUT_MS);
    ws.on('message', (data) => {
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
      this.links.delete(ws);
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
      const created: AgentLink = { agentId: message.agentId, siteId: message.siteId, cursors: { ...message.cursors }, chain: Promise.resolve(), authorized: false, outcomesThrough: message.settledThrough };
      this.links.set(ws, created);
      this.enqueue(ws, created, async () => {
        const check = await checkAgentToken(this.options.db, message.agentId, message.token);
        if (check !== 'ok') {
          this.options.logger.warn({ agentId: message.agentId, reason: check }, 'agent refused');
          this.links.delete(ws);
          const why = check === 'unknown-agent' ? `agent ${message.agentId} is not enrolled at this hub (quai hub agent add ${message.agentId})` : 'bad token';
          return this.refuse(ws, 'unauthorized', why, true, UNAUTHORIZED_RETRY_MS);
        }
        created.authorized = true;
        this.options.logger.info({ agentId: message.agentId, siteId: message.siteId }, 'agent connected');
        const agent = await this.options.db('agents').where({ agent_id: message.agentId }).first('last_seq');
        // an agent ahead of this hub (restored from a backup) re-sends; its outcomes come anew
        created.outcomesThrough = Math.min(created.outcomesThrough, Number(agent?.last_seq ?? 0));
        this.send(ws, {
          type: 'welcome',
          protocol: SYNC_VERSIONS_ACCEPTED.max,
          serverTime: this.options.clock().toISOString(),
          accepts: SYNC_VERSIONS_ACCEPTED,
          limits: { maxFrameBytes: MAX_FRAME_BYTES, maxBatch: MAX_BATCH },
          lastSeq: Number(agent?.last_seq ?? 0),
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
      const stored = link.authorized ? receiveBatch(this.options.db, link.agentId, link.siteId, message.events, this.options.clock()) : undefined;
      const outcome = await Promise.resolve(stored).finally(() => this.receiving--);
      if (message.events.length >= MAX_BATCH) this.moreComingUntil = Date.now() + MORE_COMING_MS;
      // the applier may have stepped aside for this batch: it goes on once the agents pause
      this.applier.nudge();
      if (!outcome) return;
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
      const results = await settledOutcomes(this.options.db, link.agentId, link.outcomesThrough, MAX_OUTCOMES);
      if (results.length === 0 || ws.readyState !== ws.OPEN) return;
      this.send(ws, { type: 'outcomes', results });
      link.outcomesThrough = results[results.length - 1]!.seq;
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
