import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface ChaosOptions {
  /** Each chunk is held back a random time in this range (ms), order kept. */
  delayMs: [number, number];
  /** Each connection is cut after a random number of bytes in this range (both directions counted). */
  cutAfterBytes: [number, number];
  random?: () => number;
}

export interface ChaosProxy {
  url: string;
  /** Connections cut so far. */
  cuts(): number;
  /** While set, bytes are swallowed both ways and the sockets stay open: a link gone silent. */
  silent: boolean;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback between an agent and the hub that delays every chunk and cuts each
 * connection after a random amount of traffic, mid-frame as often as not.
 */
export async function chaosProxy(target: { host: string; port: number }, options: ChaosOptions): Promise<ChaosProxy> {
  const random = options.random ?? Math.random;
  const between = ([min, max]: [number, number]) => min + Math.floor(random() * (max - min + 1));
  const sockets = new Set<Socket>();
  let cuts = 0;
  const proxy: ChaosProxy = { url: '', cuts: () => cuts, silent: false, close: async () => undefined };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const budget = between(options.cutAfterBytes);
    let moved = 0;
    let cut = false;
    const cutBoth = () => {
      if (cut) return;
      cut = true;
      cuts++;
      client.destroy();
      upstream.destroy();
    };
    const pipe = (from: Socket, to: Socket) => {
      let tail = Promise.resolve();
      from.on('data', (chunk: Buffer) => {
        if (proxy.silent) return;
        const delay = between(options.delayMs);
        tail = tail.then(
          () =>
            new Promise<void>((resolve) => {
              setTimeout(() => {
                if (cut || to.destroyed) return resolve();
                moved += chunk.length;
                if (moved > budget) {
                  // forward part of the chunk, then cut: the peer sees half a frame
                  to.write(chunk.subarray(0, Math.max(0, chunk.length - (moved - budget))), () => cutBoth());
                } else to.write(chunk);
                resolve();
              }, delay);
            }),
        );
      });
    };
    pipe(client, upstream);
    pipe(upstream, client);
    for (const s of [client, upstream]) {
      s.on('error', () => cutBoth());
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
