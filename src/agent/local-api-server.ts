import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import { decodeFrame } from '../protocol/common.js';
import { CLOSE_UNAUTHORIZED, LOCAL_SUBPROTOCOL, clientMessage, type AgentMessage, type AgentStatus, type ClientMessage, type StationStatus } from '../protocol/local-api.js';
import type { Logger } from '../runtime/logger.js';
import { KeyedQueue } from '../runtime/keyed-queue.js';
import { tokensMatch } from '../runtime/token-compare.js';
import { WsEndpoint } from '../runtime/ws-endpoint.js';
import { buildStationView } from './station-views.js';
import { labelFeedback, type ParcelLabels } from './parcel-labels.js';
import { scaleFeedback, type StationDevices } from './station-devices.js';
import type { StationSessions } from './station-sessions.js';
import type { AgentStore } from './store/agent-store.js';

/** Terminal messages are small; anything bigger is hostile or broken. */
const MAX_LOCAL_FRAME = 64 * 1024;
const HELLO_TIMEOUT_MS = 5000;

export interface LocalApiOptions {
  host: string;
  port: number;
  token: string;
  store: AgentStore;
  sessions: StationSessions;
  logger: Logger;
  agentId: string;
  /** The site's terminal keyboard layout (configuration `wedge.keyboard`), told to terminals in `welcome`. */
  keyboard?: KeyboardLayout | null;
  /** The site's IANA time zone (configuration `site.timeZone`), told to terminals in `welcome`. */
  timeZone?: string;
  status: () => Promise<AgentStatus>;
  syncNow: (options: { catalog: boolean }) => void;
  /** A full snapshot being loaded from the hub. */
  loading: () => StationStatus['loading'];
  link: () => StationStatus['link'];
  devices: StationDevices;
  labels: ParcelLabels;
  carriers: string[];
  /** An intent was answered (result and view sent): its type and the seconds since it arrived (the metrics' histogram). */
  onAnswered?: (intent: string, seconds: number) => void;
}

/** The agent's local API (quai-local/1): terminals sign in with the token and a station name. */
export class LocalApiServer {
  private readonly endpoint: WsEndpoint;
  private readonly stations = new Map<WebSocket, string>();
  private readonly authenticated = new WeakSet<WebSocket>();
  private readonly pushes = new KeyedQueue();
  /** The push of each station that is asked for and not yet started, which later requests share. */
  private readonly waitingPush = new Map<string, WaitingPush>();
  /** Each station's last full view, sent again with a fresh status by status pushes. */
  private readonly lastViews = new Map<string, ViewMessage>();
  /** The last view each station's terminals were sent, as sent. */
  private readonly lastSent = new Map<string, string>();

  constructor(private readonly options: LocalApiOptions) {
    this.endpoint = new WsEndpoint({
      subprotocol: LOCAL_SUBPROTOCOL,
      maxPayload: MAX_LOCAL_FRAME,
      banner: 'quai local API: use a WebSocket (quai-local.1)',
      onConnection: (ws) => this.onConnection(ws),
    });
  }

  listen(): Promise<number> {
    return this.endpoint.listen(this.options.host, this.options.port);
  }

  close(): Promise<void> {
    return this.endpoint.close('agent stopping');
  }

  /** Terminals signed in to each station now. */
  terminalsPerStation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const station of this.stations.values()) counts.set(station, (counts.get(station) ?? 0) + 1);
    return counts;
  }

  /**
   * Pushes the current view to every terminal of a station (or of all stations). A `status`
   * push (events sent or settled, the hub link, a device) changes only the status line: the
   * station's last view goes out again with a fresh status, without reading the store.
   */
  async push(station?: string, scope: PushScope = 'view'): Promise<void> {
    const targets = new Set<string>(station ? [station] : this.stations.values());
    await Promise.all([...targets].map((target) => this.pushStation(target, scope)));
  }

  /**
   * A station's views go out one at a time, each read after the push was asked for: a slow push
   * begun before an intent (a sync ack, a device change) must never land after, and overwrite,
   * the view that intent produced. Requests made while one waits to start share it (a view
   * request makes a waiting status push a view push).
   */
  private pushStation(station: string, scope: PushScope): Promise<void> {
    const waiting = this.waitingPush.get(station);
    if (waiting) {
      if (scope === 'view') waiting.scope = 'view';
      return waiting.done;
    }
    const entry: WaitingPush = { scope, done: Promise.resolve() };
    entry.done = this.pushes
      .run(station, async () => {
        this.waitingPush.delete(station);
        const last = this.lastViews.get(station);
        const message = entry.scope === 'status' && last ? { ...last, status: await this.statusOf(station) } : await this.viewMessage(station);
        // a push that changes nothing (a patch about other documents, a settled event's status) is not sent: terminals would draw the same screen again
        const text = JSON.stringify(message);
        if (text === this.lastSent.get(station)) return;
        this.sendToStation(station, message, text);
      })
      .catch((error: Error) => this.options.logger.error({ err: error.message, station }, 'view not pushed'));
    this.waitingPush.set(station, entry);
    return entry.done;
  }

  /** Sends to every terminal of the station; a view is remembered as the last one they were sent. */
  private sendToStation(station: string, message: AgentMessage, text = JSON.stringify(message)): void {
    if (message.type === 'view') this.lastSent.set(station, text);
    for (const [ws, s] of this.stations) if (s === station) sendText(ws, text);
  }

  private async viewMessage(station: string): Promise<ViewMessage> {
    const session = await this.options.sessions.get(station);
    const message: ViewMessage = {
      type: 'view',
      view: await buildStationView(this.options.store, session.state, this.options.carriers, this.options.sessions.typedWeight(station, session.state)),
      status: await this.statusOf(station),
      feedback: session.feedback,
    };
    this.lastViews.set(station, message);
    return message;
  }

  private async statusOf(station: string): Promise<ViewMessage['status']> {
    const session = await this.options.sessions.get(station);
    return {
      station,
      operator: session.state.operator,
      link: this.options.link(),
      pending: this.options.store.outbox.pending,
      rejected: this.options.store.outbox.rejected,
      loading: this.options.loading(),
      scale: this.options.devices.scaleOf(station),
      devicesOffline: [...this.options.devices.offlineOf(station), ...(this.options.labels.isFailing(station) ? ['printer'] : [])],
    };
  }

  private onConnection(ws: WebSocket): void {
    const helloTimer = setTimeout(() => ws.close(CLOSE_UNAUTHORIZED, 'hello expected'), HELLO_TIMEOUT_MS);
    ws.on('message', (data) => {
      const receivedAt = performance.now();
      const decoded = decodeFrame(clientMessage, data);
      if (!decoded.ok) {
        this.options.logger.warn({ reason: decoded.message }, 'bad message from a terminal');
        send(ws, { type: 'error', code: 'BAD_MESSAGE', message: decoded.message, ...(decoded.id !== undefined && { id: decoded.id }) });
        return;
      }
      void this.onMessage(ws, decoded.value, helloTimer, receivedAt).catch((error: Error) => {
        // the terminal gets a reference, not the fault (it may quote SQL or data); the log has both
        const ref = randomBytes(4).toString('hex');
        this.options.logger.error({ ref, err: error.message, stack: error.stack }, 'intent failed');
        send(ws, { type: 'error', code: 'INTERNAL', message: `internal error, ref ${ref} in the agent log`, ...requestId(decoded.value) });
      });
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.stations.delete(ws);
    });
    ws.on('error', (error) => this.options.logger.warn({ err: error.message }, 'terminal link error'));
  }

  private async onMessage(ws: WebSocket, message: ClientMessage, helloTimer: NodeJS.Timeout, receivedAt: number): Promise<void> {
    const station = this.stations.get(ws);
    if (message.type === 'hello') {
      clearTimeout(helloTimer);
      if (!tokensMatch(message.token, this.options.token)) {
        this.options.logger.warn({ station: message.station }, 'terminal refused: bad token');
        send(ws, { type: 'error', code: 'UNAUTHORIZED', message: 'bad token' });
        ws.close(CLOSE_UNAUTHORIZED, 'bad token');
        return;
      }
      this.authenticated.add(ws);
      send(ws, { type: 'welcome', agentId: this.options.agentId, station: message.station ?? null, keyboard: this.options.keyboard ?? null, ...(this.options.timeZone && { timeZone: this.options.timeZone }) });
      if (message.station) {
        this.stations.set(ws, message.station);
        // this terminal's first view, in the station's push turn, whatever the others were sent last
        const station = message.station;
        await this.pushes
          .run(station, async () => {
            send(ws, await this.viewMessage(station));
            // the terminals of the station no longer share one last view: the next push goes out whatever it holds
            this.lastSent.delete(station);
          })
          .catch((error: Error) => this.options.logger.error({ err: error.message, station }, 'view not pushed'));
      }
      return;
    }
    if (!this.authenticated.has(ws)) {
      send(ws, { type: 'error', code: 'HELLO_FIRST', message: 'send hello with the token first', ...requestId(message) });
      return;
    }
    if (message.type === 'status') {
      send(ws, { type: 'status', status: await this.options.status() });
      return;
    }
    if (message.type === 'sync-now') {
      this.options.syncNow({ catalog: message.catalog });
      send(ws, { type: 'sync-started' });
      return;
    }
    if (!station) {
      send(ws, { type: 'error', code: 'NO_STATION', message: 'intents need a station: say hello with one', ...requestId(message) });
      return;
    }
    if (message.type === 'reprint') {
      const failure = await this.options.labels.print(station);
      const handled = await this.options.sessions.answer(station, { intent: 'reprint', raw: 'reprint' }, labelFeedback(failure));
      await this.answer(ws, station, { type: 'result', id: message.id, feedback: handled.feedback });
      return;
    }
    if (message.type === 'scale') {
      // what the scale answered (bounded wait), not that the bytes went out
      const answer = await this.options.devices.command(station, message.command);
      const handled = await this.options.sessions.answer(station, { intent: 'scale', raw: message.command }, scaleFeedback(message.command, answer));
      await this.answer(ws, station, { type: 'result', id: message.id, feedback: handled.feedback });
      return;
    }
    const handled = await this.options.sessions.handle(station, message.intent);
    await this.answer(ws, station, { type: 'result', id: message.id, feedback: handled.feedback });
    this.options.onAnswered?.(message.intent.type, (performance.now() - receivedAt) / 1000);
  }

  /**
   * Sends an intent's result and then the station's view, in the station's push turn: a push
   * already under way (begun before the intent committed) goes out first, so the first view a
   * terminal gets after its result is the one the intent produced.
   */
  private answer(ws: WebSocket, station: string, result: Extract<AgentMessage, { type: 'result' }>): Promise<void> {
    return this.pushes
      .run(station, async () => {
        send(ws, result);
        const message = await this.viewMessage(station);
        this.sendToStation(station, message);
      })
      .catch((error: Error) => this.options.logger.error({ err: error.message, station }, 'view not pushed'));
  }
}

/** The `id` an error frame echoes: the request's, when it has one (intent, reprint, scale). */
function requestId(message: ClientMessage): { id?: string } {
  return 'id' in message ? { id: message.id } : {};
}

function send(ws: WebSocket, message: AgentMessage): void {
  sendText(ws, JSON.stringify(message));
}

function sendText(ws: WebSocket, text: string): void {
  if (ws.readyState === ws.OPEN) ws.send(text);
}

type ViewMessage = Extract<AgentMessage, { type: 'view' }>;
export type PushScope = 'view' | 'status';
interface WaitingPush {
  scope: PushScope;
  done: Promise<void>;
}
