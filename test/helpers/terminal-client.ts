import WebSocket from 'ws';
import { LOCAL_SUBPROTOCOL, type AgentMessage, type ClientIntent, type StationView } from '../../src/protocol/local-api.js';
import { waitFor } from './wait-for.js';

type ViewMessage = Extract<AgentMessage, { type: 'view' }>;

/** A scripted terminal on the agent's local API, as the TUI is, for tests and benchmarks. */
export class TerminalClient {
  readonly messages: AgentMessage[] = [];
  /** When each message arrived (performance.now()), for benchmarks. */
  readonly arrivals: number[] = [];
  lastView: ViewMessage | undefined;
  closeCode: number | undefined;
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as AgentMessage;
      this.arrivals.push(performance.now());
      this.messages.push(message);
      if (message.type === 'view') this.lastView = message;
    });
    ws.on('close', (code) => (this.closeCode = code));
  }

  /** A null token opens the socket without saying hello. */
  static async open(port: number, token: string | null, station?: string): Promise<TerminalClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, LOCAL_SUBPROTOCOL);
    const client = new TerminalClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (token !== null) ws.send(JSON.stringify({ type: 'hello', token, ...(station && { station }) }));
    if (station) await waitFor(() => client.lastView, 'first view');
    return client;
  }

  get view(): StationView {
    return this.lastView!.view;
  }

  /** Sends an intent and resolves with the view pushed after the agent committed it. */
  async act(intent: ClientIntent): Promise<ViewMessage> {
    const id = String(this.nextId++);
    const seen = this.messages.length;
    this.ws.send(JSON.stringify({ type: 'intent', id, intent }));
    const resultAt = await waitFor(() => {
      const index = this.messages.findIndex((m, i) => i >= seen && m.type === 'result' && m.id === id);
      return index >= 0 ? index + 1 : 0;
    }, `result of ${intent.type}`);
    return waitFor(() => this.messages.slice(resultAt).find((m): m is ViewMessage => m.type === 'view'), `view after ${intent.type}`);
  }

  input(data: string): Promise<ViewMessage> {
    return this.act({ type: 'input', data, source: 'keyboard' });
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}

/** Picks the order on screen to the end, scanning each line's location then its barcode. */
export async function pickWholeOrder(terminal: TerminalClient): Promise<void> {
  for (let guard = 0; guard < 200 && terminal.view.screen === 'pick'; guard++) {
    const view = terminal.view;
    if (view.screen !== 'pick') break;
    if (view.phase === 'empty-check') await terminal.act({ type: 'empty-check', remaining: 0 });
    else if (view.phase === 'location') await terminal.input(view.line.location);
    else await terminal.input(view.line.barcode!);
  }
}
