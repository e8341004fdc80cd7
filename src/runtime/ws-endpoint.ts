import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readTlsPair } from './pem-file.js';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsEndpointOptions {
  /** The one WebSocket subprotocol accepted; a client offering none or only others is refused at the handshake (HTTP 400). */
  subprotocol: string;
  maxPayload: number;
  /** What a plain HTTP request is told. */
  banner: string;
  onConnection: (ws: WebSocket) => void;
  /** PEM certificate (chain) and key files: the endpoint then speaks wss:// only. */
  tls?: { certFile: string; keyFile: string };
}

/** A WebSocket endpoint on its own HTTP server, as the hub and the agent's local API each run one. */
export class WsEndpoint {
  private readonly http: Server;
  readonly wss: WebSocketServer;

  constructor(options: WsEndpointOptions) {
    const refuse = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(426).end(`${options.banner}\n`);
    this.http = options.tls ? createTlsServer(readTlsPair(options.tls), refuse) : createServer(refuse);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, handleProtocols: () => options.subprotocol });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // refused at the handshake: a client that does not speak this protocol (or another version
      // of it) never gets a WebSocket, so it cannot mistake a link for one it understands
      socket.on('error', () => socket.destroy());
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (!offered.includes(options.subprotocol)) {
        const body = `subprotocol ${options.subprotocol} required\n`;
        socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
    this.wss.on('connection', options.onConnection);
  }

  /** Resolves with the port actually bound (useful with port 0). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve((this.http.address() as AddressInfo).port));
    });
  }

  /** Closes every client with `reason`, then the server. */
  async close(reason: string, beforeServerClose?: () => Promise<unknown>): Promise<void> {
    for (const ws of this.wss.clients) ws.close(1001, reason);
    await beforeServerClose?.();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
