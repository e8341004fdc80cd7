import WebSocket from 'ws';
import { LOCAL_SUBPROTOCOL, type AgentMessage, type ClientIntent, type StationView } from '../protocol/local-api.js';
import { QuaiError } from '../runtime/quai-error.js';
import { AGENT_TIMEOUT_MS } from './admin-timeouts.js';

export type ViewMessage = Extract<AgentMessage, { type: 'view' }>;

/**
 * A terminal driven by a script on the agent's local API, as the TUI is driven by a person:
 * `quai load` runs many of them; tests and benchmarks use it too. Waits are event-driven.
 */
export class ScriptedTerminal {
  readonly messages: AgentMessage[] = [];
  /** When each message arrived (performance.now()), for benchmarks. */
  readonly arrivals: number[] = [];
  lastView: ViewMessage | undefined;
  closeCode: number | undefined;
  private nextId = 1;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as AgentMessage;
      this.arrivals.push(performance.now());
      this.messages.push(message);
      if (message.type === 'view') this.lastView = message;
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /**
   * A null token opens the socket without saying hello. An agent that does not complete the
   * handshake within AGENT_TIMEOUT_MS (hung, or not an agent) is AGENT_TIMEOUT.
   */
  static async open(port: number, token: string | null, station?: string, host = '127.0.0.1'): Promise<ScriptedTerminal> {
    const ws = new WebSocket(`ws://${host}:${port}`, LOCAL_SUBPROTOCOL);
    const client = new ScriptedTerminal(ws);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new QuaiError('AGENT_TIMEOUT', `the agent on port ${port} did not answer within ${AGENT_TIMEOUT_MS / 1000} s`));
      }, AGENT_TIMEOUT_MS);
      ws.once('open', () => (clearTimeout(timer), resolve()));
      ws.once('error', (error) => (clearTimeout(timer), reject(error)));
    });
    if (token !== null) ws.send(JSON.stringify({ type: 'hello', token, ...(station && { station }) }));
    if (station) await client.until(() => client.lastView, 'first view');
    return client;
  }

  get view(): StationView {
    return this.lastView!.view;
  }

  /** Resolves with the first truthy value of `probe`, checked now and on each message. */
  until<T>(probe: () => T, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        let value: T;
        try {
          value = probe();
        } catch (error) {
          clearTimeout(timer);
          reject(error as Error);
          return true;
        }
        if (value) {
          clearTimeout(timer);
          resolve(value as NonNullable<T>);
          return true;
        }
        if (this.closeCode !== undefined) {
          clearTimeout(timer);
          reject(new QuaiError('TERMINAL_CLOSED', `the agent closed the link (${this.closeCode}) while waiting for ${what}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new QuaiError('TERMINAL_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  /** Sends an intent and resolves with the view pushed after the agent committed it. */
  async act(intent: ClientIntent): Promise<ViewMessage> {
    const id = String(this.nextId++);
    const seen = this.messages.length;
    this.ws.send(JSON.stringify({ type: 'intent', id, intent }));
    const resultAt = await this.until(() => {
      const index = this.messages.findIndex((m, i) => i >= seen && ((m.type === 'result' && m.id === id) || m.type === 'error'));
      const found = this.messages[index];
      if (found?.type === 'error') throw new QuaiError(`AGENT_${found.code}`, `the agent failed ${intent.type}: ${found.message}`);
      return index >= 0 ? index + 1 : 0;
    }, `result of ${intent.type}`);
    return this.until(() => this.messages.slice(resultAt).find((m): m is ViewMessage => m.type === 'view'), `view after ${intent.type}`);
  }

  input(data: string): Promise<ViewMessage> {
    return this.act({ type: 'input', data, source: 'keyboard' });
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Forgets the messages kept so far (a long-running script would otherwise hold them all). */
  forget(): void {
    this.messages.length = 0;
    this.arrivals.length = 0;
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const waiter of this.waiters.slice()) waiter();
  }
}

type PickView = Extract<StationView, { screen: 'pick' }>;

/**
 * The next action on a pick line (discrete, or a cart's stop): its bin, a lot-tracked line's FEFO
 * lot typed first (a short pick when its bin has no lot known), its barcode, a short pick when the
 * line has no barcode.
 */
export function pickLineAction(terminal: ScriptedTerminal, view: Pick<PickView, 'phase' | 'lots'> & { line: PickView['line'] }): () => Promise<ViewMessage> {
  if (view.phase === 'empty-check') return () => terminal.act({ type: 'empty-check', remaining: 0 });
  if (view.phase === 'location') return () => terminal.input(view.line.location);
  if (view.lots && !view.lots.current) {
    const fefo = view.lots.inBin[0]?.lot;
    return () => (fefo ? terminal.act({ type: 'lot', lot: fefo }) : terminal.act({ type: 'short', reason: 'not-found' }));
  }
  if (view.line.barcode) return () => terminal.input(view.line.barcode!);
  return () => terminal.act({ type: 'short', reason: 'not-found' });
}

/**
 * Picks the order on screen to the end, scanning each line's location then its barcode (a short
 * pick when a line has none; a lot-tracked line's FEFO lot typed first, a short pick when its bin
 * has no lot known). `step` runs each action: `quai load` times them there.
 */
export async function pickWholeOrder(terminal: ScriptedTerminal, step: (send: () => Promise<ViewMessage>) => Promise<unknown> = (send) => send()): Promise<number> {
  let scans = 0;
  for (let guard = 0; guard < 400; guard++) {
    const view = terminal.view;
    if (view.screen !== 'pick') break;
    await step(pickLineAction(terminal, view));
    scans++;
  }
  return scans;
}
