import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A label printer on loopback (raw TCP, like port 9100): keeps every job it receives. */
export async function zplListener(): Promise<{ port: number; jobs: string[]; close(): Promise<void> }> {
  const jobs: string[] = [];
  const server: Server = createServer((socket) => {
    let job = '';
    socket.on('data', (chunk) => (job += chunk.toString('utf8')));
    socket.on('end', () => jobs.push(job));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, jobs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
