import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/** What the proxy forwards in place of one frame: nothing, the frame, or several frames. */
export type FrameRule = (frame: string) => string[];

export interface FrameProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A WebSocket proxy on loopback between an agent and the hub that passes each frame through a
 * rule per direction: frames dropped, duplicated, or held and released later, in a real link.
 */
export async function frameProxy(hubUrl: string, rules: { toHub?: FrameRule; toAgent?: FrameRule }): Promise<FrameProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  const pass: FrameRule = (frame) => [frame];
  server.on('connection', (downstream, request) => {
    const upstream = new WebSocket(hubUrl, request.headers['sec-websocket-protocol']);
    const queue: string[] = [];
    upstream.on('open', () => queue.splice(0).forEach((m) => upstream.send(m)));
    downstream.on('message', (data) => {
      for (const frame of (rules.toHub ?? pass)(data.toString())) {
        if (upstream.readyState === WebSocket.OPEN) upstream.send(frame);
        else queue.push(frame);
      }
    });
    upstream.on('message', (data) => {
      for (const frame of (rules.toAgent ?? pass)(data.toString())) downstream.send(frame);
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
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** The hub stores and applies, the agent never learns it: the window a crash can fall into, made wide. */
export function ackDroppingProxy(hubUrl: string): Promise<FrameProxy> {
  return frameProxy(hubUrl, { toAgent: (frame) => (/^\{"type":"(ack|outcomes)"/.test(frame) ? [] : [frame]) });
}
