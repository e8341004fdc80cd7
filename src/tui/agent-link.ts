import type WebSocket from 'ws';
import { CLOSE_UNAUTHORIZED, LOCAL_SUBPROTOCOL } from '../protocol/local-api-link.js';
import type { AgentMessage, ClientIntent, ClientMessage, FeedbackView, StationStatus, StationView } from '../protocol/local-api.js';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import { HOLD_LIMIT_MS } from './input/held-keys.js';

/** The code of the error a terminal exits with when the agent refuses its token (a new token after the agent's data directory was replaced). */
export const TOKEN_REFUSED = 'AGENT_TOKEN_REFUSED';

export type LinkPhase = 'connecting' | 'ready' | 'retrying' | 'unauthorized';

export interface LinkSnapshot {
  phase: LinkPhase;
  view: StationView | null;
  status: StationStatus | null;
  feedback: FeedbackView | null;
  /** The terminal's keyboard layout in use: `--keyboard`, else the agent's `wedge.keyboard`, else the locale's. */
  keyboard?: KeyboardLayout;
  /** The site's IANA time zone from the agent's welcome (`site.timeZone`); absent from an agent that does not say it. */
  timeZone?: string;
}

export interface AgentLinkOptions {
  url: string;
  /**
   * Where the agent listens now, asked before every connection: a restarted agent may listen on
   * another port (its runtime file says which). Undefined: not running yet, try again shortly.
   */
  locate?: () => string | undefined;
  token: string;
  station: string;
  /** The layout the terminal was started with (`quai tui --keyboard`): wins over the agent's. */
  keyboard?: KeyboardLayout | undefined;
  /** The layout when neither the terminal nor the agent names one (from the locale). */
  fallbackKeyboard?: KeyboardLayout;
}

/**
 * The terminal's connection to the agent. It keeps nothing of the business: on reconnect the
 * agent sends the station's view again and the operator is back on the same line.
 */
export class AgentLink {
  private ws: WebSocket | undefined;
  /** The WebSocket client and the frames' decoder, loaded by `start` (after the first frame). */
  private wire: typeof import('./agent-wire.js') | undefined;
  private snapshot: LinkSnapshot;
  private readonly listeners = new Set<(s: LinkSnapshot) => void>();
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private nextId = 1;
  /** The feedback id the last view carried: a view repeating it must not hide a newer message of the terminal's own (not sent, agent error). */
  private lastViewFeedback: number | null | undefined;
  /** Intents sent whose result has not come. */
  private readonly unanswered = new Set<string>();
  /** Results come whose view (the next one: protocol.md, "Intents, results and views") has not. */
  private viewsDue = 0;
  /** When the last intent went out or the last result came (ms, `performance.now()`). */
  private awaitedSince = 0;

  constructor(private readonly options: AgentLinkOptions) {
    this.snapshot = { phase: 'connecting', view: null, status: null, feedback: null, keyboard: this.keyboardWith(null) };
  }

  /** The terminal's own layout, else the site's (`siteKeyboard`, from the agent's welcome), else the locale's. */
  private keyboardWith(siteKeyboard: KeyboardLayout | null): KeyboardLayout {
    return this.options.keyboard ?? siteKeyboard ?? this.options.fallbackKeyboard ?? 'us';
  }

  get current(): LinkSnapshot {
    return this.snapshot;
  }

  /**
   * Whether an intent sent is still unanswered: its result, or the view after it, has not come.
   * Keys typed meanwhile wait for that view (use-station-keys.ts). A link that drops answers
   * nothing more: false again. Nothing heard for HOLD_LIMIT_MS (a view the agent failed to push
   * after its result): what was awaited is forgotten, so one lost answer costs one wait, not one
   * per key from then on.
   */
  get answering(): boolean {
    if (this.unanswered.size === 0 && this.viewsDue === 0) return false;
    if (performance.now() - this.awaitedSince < HOLD_LIMIT_MS) return true;
    this.forgetUnanswered();
    return false;
  }

  subscribe(listener: (s: LinkSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Loads the wire (ws, zod and the protocol's schemas) then connects: called once the first frame
   * is drawn, so the operator sees the terminal (connecting) without waiting for them.
   */
  start(): void {
    void import('./agent-wire.js').then(
      (wire) => {
        this.wire = wire;
        if (!this.closed) this.connect();
      },
      // an installation missing a part of itself: said on the screen, not thrown out of the terminal
      (error: Error) => this.update({ feedback: { id: Date.now(), level: 'error', code: 'AGENT_ERROR', params: { message: error.message } } }),
    );
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, 'terminal closing');
  }

  /** Sends an intent; an input, a lot or a supervisor's code carries the terminal's keyboard layout, for the agent to read a wedge burst through it. */
  send(intent: ClientIntent): void {
    const keyboard = this.snapshot.keyboard;
    const id = String(this.nextId++);
    if (this.sendMessage({ type: 'intent', id, intent: (intent.type === 'input' || intent.type === 'lot' || intent.type === 'check-supervisor') && keyboard ? { ...intent, keyboard } : intent })) {
      this.unanswered.add(id);
      this.awaitedSince = performance.now();
    }
  }

  /** Zero or tare the station's scale; the scale's answer comes in the station's view, like an intent's. */
  scale(command: 'zero' | 'tare'): void {
    this.sendMessage({ type: 'scale', id: String(this.nextId++), command });
  }

  /** Print the last parcel's label again; whether it printed comes in the station's view. */
  reprint(): void {
    this.sendMessage({ type: 'reprint', id: String(this.nextId++) });
  }

  /** True when sent; not sent, the operator is told (never a silent drop: the scan did not count, do it again). */
  private sendMessage(message: ClientMessage): boolean {
    if (this.ws && this.ws.readyState === this.ws.OPEN) {
      this.ws.send(JSON.stringify(message));
      return true;
    }
    this.update({ feedback: { id: Date.now(), level: 'error', code: 'NOT_SENT' } });
    return false;
  }

  /** Nothing sent is awaited any more (the link dropped, or the agent refused the terminal). */
  private forgetUnanswered(): void {
    this.unanswered.clear();
    this.viewsDue = 0;
  }

  private update(patch: Partial<LinkSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  private connect(): void {
    const url = this.options.locate ? this.options.locate() : this.options.url;
    if (!url) return this.retry();
    const { WebSocket, decodeAgentFrame } = this.wire!;
    const ws = new WebSocket(url, LOCAL_SUBPROTOCOL, { handshakeTimeout: 3000 });
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: this.options.token, station: this.options.station })));
    ws.on('message', (data) => {
      const message = decodeAgentFrame(data);
      if (message) this.onMessage(message);
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.ws === ws) this.forgetUnanswered();
      if (this.closed) return;
      if (code === CLOSE_UNAUTHORIZED) {
        this.update({ phase: 'unauthorized' });
        return;
      }
      this.retry();
    });
  }

  /** Half a second between tries: a restarted agent is found again within a second or two. */
  private retry(): void {
    if (this.closed) return;
    if (this.snapshot.phase !== 'retrying') this.update({ phase: 'retrying' });
    this.retryTimer = setTimeout(() => this.connect(), 500);
  }

  private onMessage(message: AgentMessage): void {
    switch (message.type) {
      case 'view': {
        if (this.viewsDue > 0) this.viewsDue--;
        const feedbackId = message.feedback?.id ?? null;
        const changed = feedbackId !== this.lastViewFeedback;
        this.lastViewFeedback = feedbackId;
        this.update({ phase: 'ready', view: message.view, status: message.status, ...(changed ? { feedback: message.feedback } : {}) });
        return;
      }
      case 'error':
        // an intent the agent failed has no result nor view to wait for
        if (message.id !== undefined) this.unanswered.delete(message.id);
        else this.forgetUnanswered();
        if (message.code === 'UNAUTHORIZED') this.update({ phase: 'unauthorized' });
        else this.update({ feedback: { id: Date.now(), level: 'error', code: 'AGENT_ERROR', params: { message: message.message } } });
        return;
      case 'welcome':
        this.update({ keyboard: this.keyboardWith(message.keyboard ?? null), ...(message.timeZone && { timeZone: message.timeZone }) });
        return;
      case 'result':
        if (this.unanswered.delete(message.id)) {
          this.viewsDue++;
          this.awaitedSince = performance.now();
        }
        return;
      case 'status':
      case 'sync-started':
        return;
    }
  }
}
