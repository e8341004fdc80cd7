import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A loopback proxy between an agent and the hub that forwards everything but the hub's acks:
 * the hub applies, the agent never learns it. The window a crash can fall into, made wide.
 */
export async function ackDroppingProxy(hubUrl: string): Promise<{ url: string; forwardedEvents: () => number; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  let forwarded = 0;
  server.on('connection', (downstream, request) => {
    const upstream = new WebSocket(hubUrl, request.headers['sec-websocket-protocol']);
    const queue: WebSocket.RawData[] = [];
    upstream.on('open', () => queue.splice(0).forEach((m) => upstream.send(m.toString())));
    downstream.on('message', (data) => {
      if (String(data).includes('"type":"events"')) forwarded++;
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data.toString());
      else queue.push(data);
    });
    upstream.on('message', (data) => {
      if (!String(data).startsWith('{"type":"ack"')) downstream.send(data.toString());
    });
    const closeBoth = () => {
      downstream.terminate();
      upstream.terminate();
    };
    upstream.on('close', closeBoth);
    downstream.on('close', closeBoth);
    upstream.on('error', closeBoth);
    downstream.on('error', closeBoth);
  });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardedEvents: () => forwarded,
    close: () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}
