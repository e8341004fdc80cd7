import type { Knex } from 'knex';
import type { WebSocket } from 'ws';
import { MAX_BATCH, MAX_FRAME_BYTES, decodeFrame } from '../protocol/common.js';
import { SYNC_SUBPROTOCOL, SYNC_VERSIONS_ACCEPTED, agentToHub, type AgentToHub, type HubToAgent, type StreamName } from '../protocol/sync.js';
import type { Logger } from '../runtime/logger.js';
import { tokensMatch } from '../runtime/token-compare.js';
import { WsEndpoint } from '../runtime/ws-endpoint.js';
import { applyBatch } from './apply-batch.js';
import type { ErpAdapter } from './erp-adapter.js';
import { streamPatches } from './streams.js';

const HELLO_TIMEOUT_MS = 10_000;

interface AgentLink {
  agentId: string;
  siteId: string;
  cursors: Record<StreamName, string | null>;
  /** Sends to one agent happen in order, never interleaved. */
  chain: Promise<void>;
}

export interface HubServerOptions {
  host: string;
  port: number;
  db: Knex;
  adapter: ErpAdapter;
  token: string;
  logger: Logger;
  clock: () => Date;
}

/** The hub's side of quai-sync/1. */
export class HubServer {
  private readonly endpoint: WsEndpoint;
  private readonly links = new Map<WebSocket, AgentLink>();

  constructor(private readonly options: HubServerOptions) {
    this.endpoint = new WsEndpoint({
      subprotocol: SYNC_SUBPROTOCOL,
      maxPayload: MAX_FRAME_BYTES,
      banner: 'quai hub: use a WebSocket (quai-sync.1)',
      onConnection: (ws) => this.onConnection(ws),
    });
  }

  listen(): Promise<number> {
    return this.endpoint.listen(this.options.host, this.options.port);
  }

  /** Lets batches under way commit before the store closes. */
  close(): Promise<void> {
    return this.endpoint.close('hub stopping', () => Promise.all([...this.links.values()].map((l) => l.chain)));
  }

  private send(ws: WebSocket, message: HubToAgent): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  private refuse(ws: WebSocket, kind: Extract<HubToAgent, { type: 'error' }>['kind'], message: string, close: boolean): void {
    this.send(ws, { type: 'error', kind, message });
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
      if (!tokensMatch(message.token, this.options.token)) {
        this.options.logger.warn({ agentId: message.agentId }, 'agent refused: bad token');
        return this.refuse(ws, 'unauthorized', 'bad token', true);
      }
      const created: AgentLink = { agentId: message.agentId, siteId: message.siteId, cursors: { ...message.cursors }, chain: Promise.resolve() };
      this.links.set(ws, created);
      this.options.logger.info({ agentId: message.agentId, siteId: message.siteId }, 'agent connected');
      this.enqueue(ws, created, async () => {
        const agent = await this.options.db('agents').where({ agent_id: message.agentId }).first('last_seq');
        this.send(ws, {
          type: 'welcome',
          protocol: SYNC_VERSIONS_ACCEPTED.max,
          serverTime: this.options.clock().toISOString(),
          limits: { maxFrameBytes: MAX_FRAME_BYTES, maxBatch: MAX_BATCH },
          lastSeq: Number(agent?.last_seq ?? 0),
        });
        await this.sendChanges(ws, created, 'catalog');
        await this.sendChanges(ws, created, 'work');
        await this.sendChanges(ws, created, 'stock');
      });
      return;
    }
    if (!link) return this.refuse(ws, 'unauthorized', 'send hello first', true);
    this.enqueue(ws, link, async () => {
      const outcome = await applyBatch(this.options.db, this.options.adapter, link.agentId, link.siteId, message.events, this.options.clock());
      if (outcome.results.length > 0) this.send(ws, { type: 'ack', lastSeq: outcome.lastSeq, results: outcome.results });
      if (outcome.expectedSeq !== undefined) {
        this.options.logger.error({ agentId: link.agentId, expectedSeq: outcome.expectedSeq }, 'seq gap from agent');
        this.send(ws, { type: 'error', kind: 'seq-gap', message: `expected seq ${outcome.expectedSeq}`, expectedSeq: outcome.expectedSeq });
      }
      for (const stream of outcome.changed) this.broadcast(stream);
    });
  }

  private enqueue(ws: WebSocket, link: AgentLink, task: () => Promise<void>): void {
    link.chain = link.chain.then(task).catch((error: Error) => {
      this.options.logger.error({ err: error.message, stack: error.stack, agentId: link.agentId }, 'hub failed to serve an agent');
      this.refuse(ws, 'internal', 'the hub could not process the message; retry later', true);
    });
  }

  private async sendChanges(ws: WebSocket, link: AgentLink, stream: StreamName): Promise<void> {
    for await (const patch of streamPatches(this.options.db, stream, link.cursors[stream])) {
      this.send(ws, patch);
      if (patch.cursor !== null) link.cursors[stream] = patch.cursor;
    }
  }

  /** Sends a stream's new changes to every connected agent. */
  broadcast(stream: StreamName): void {
    for (const [ws, link] of this.links) this.enqueue(ws, link, () => this.sendChanges(ws, link, stream));
  }
}
