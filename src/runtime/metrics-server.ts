import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { Logger } from './logger.js';
import { typedFault } from './system-fault.js';

/** The metrics endpoint listens on the loopback only: a site's Prometheus scrapes it through its own node's agent or a tunnel. */
export const METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  /** The port bound (the one asked for, or the one the system chose for 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `registry` in Prometheus text format at `GET /metrics` on 127.0.0.1:`port`; any other
 * path answers 404. Gauges read their value at scrape time (their `collect`). The process's own
 * metrics (CPU, memory, event loop lag, GC) join the registry here, so a process serving none
 * (a test starting agents by the dozen) does not run their samplers.
 * Throws a QuaiError PORT_IN_USE / PORT_NOT_PERMITTED when the port cannot be bound
 * (`listener` names who wanted it in the message, e.g. "the agent's metrics endpoint").
 */
export async function serveMetrics(registry: Registry, port: number, logger: Logger, listener: string): Promise<MetricsServer> {
  collectDefaultMetrics({ register: registry });
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('quai metrics: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text),
      (error: Error) => {
        logger.error({ err: error.message }, 'metrics not collected');
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics not collected: see the log\n');
      },
    );
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => resolve((server.address() as AddressInfo).port));
  }).catch((error: unknown) => {
    throw typedFault(error, { listener, portOption: 'metrics.port (--metrics-port)' });
  });
  logger.info({ host: METRICS_HOST, port: bound }, 'metrics served at /metrics');
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
