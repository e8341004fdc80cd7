// first: Ink must see CI unset when it is imported
import '../helpers/live-ink-frames.js';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { fakeTerminal } from '../../bench/fake-terminal.js';
import { LOCAL_SUBPROTOCOL } from '../../src/protocol/local-api.js';
import { AgentLink } from '../../src/tui/agent-link.js';
import { mountTui } from '../../src/tui/run-tui.js';
import { waitFor } from '../helpers/wait-for.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the terminal's link to the agent", () => {
  it('tells the operator a scan was not sent while the agent is unreachable, and keeps retrying', async () => {
    const link = new AgentLink({ url: `ws://127.0.0.1:${await closedPort()}`, token: 't', station: 'PICK-1' });
    link.start();
    try {
      await waitFor(() => link.current.phase === 'retrying', 'retrying');
      link.send({ type: 'input', data: '4006381333931', source: 'wedge' });
      expect(link.current.feedback).toMatchObject({ level: 'error', code: 'NOT_SENT' });
    } finally {
      link.close();
    }
  });

  it('draws its first frame (connecting) before it looks for the agent, then connects', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => LOCAL_SUBPROTOCOL });
    await new Promise((resolve) => server.once('listening', resolve));
    let connected = false;
    server.on('connection', () => (connected = true));
    const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
    let lookedAt: number | undefined;
    const terminal = fakeTerminal(80, 24);
    const locate = () => {
      lookedAt ??= performance.now();
      return url;
    };
    const { link, instance } = mountTui({ url, locate, token: 't', station: 'PICK-1', lang: 'en', stdout: terminal.stdout, stdin: terminal.stdin });
    try {
      await waitFor(() => connected, 'the terminal connects');
      const first = terminal.frames.find((frame) => frame.text.includes('Connecting to the agent'));
      expect(first?.at).toBeLessThan(lookedAt!);
    } finally {
      instance.unmount();
      link.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
