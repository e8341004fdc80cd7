// first: Ink must see CI unset when it is imported
import '../helpers/live-ink-frames.js';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { fakeTerminal } from '../../bench/fake-terminal.js';
import { LOCAL_SUBPROTOCOL } from '../../src/protocol/local-api.js';
import { AgentLink } from '../../src/tui/agent-link.js';
import { HOLD_LIMIT_MS } from '../../src/tui/input/held-keys.js';
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

describe('an intent is answered when its result and the view after it have come', () => {
  /** A stand-in agent on a real websocket: the test says what it answers, frame by frame. */
  async function scriptedAgent() {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => LOCAL_SUBPROTOCOL });
    await new Promise((resolve) => server.once('listening', resolve));
    const intents: string[] = [];
    let greeted = false;
    let socket: import('ws').WebSocket | undefined;
    server.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: string };
        if (message.type === 'hello') {
          ws.send(JSON.stringify({ type: 'welcome', agentId: 'AGENT-1', station: 'PICK-1', keyboard: null }));
          greeted = true;
        }
        if (message.type === 'intent') intents.push(message.id!);
      });
    });
    const status = { station: 'PICK-1', operator: null, link: 'online', pending: 0, rejected: 0, loading: null, scale: null, devicesOffline: [] };
    return {
      url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
      intents,
      greeted: () => greeted,
      view: (feedbackId: number) => socket!.send(JSON.stringify({ type: 'view', view: { screen: 'signin' }, status, feedback: { id: feedbackId, level: 'info', code: 'SIGNED_OUT' } })),
      result: (id: string) => socket!.send(JSON.stringify({ type: 'result', id, feedback: null })),
      error: (id?: string) => socket!.send(JSON.stringify({ type: 'error', code: id ? 'INTERNAL' : 'HELLO_FIRST', message: id ? 'internal error, ref 0badcafe in the agent log' : 'send hello with the token first', ...(id && { id }) })),
      drop: () => socket!.terminate(),
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('a push before the result does not end the wait; an error for it does; a lost view ends it once; a dropped link does', async () => {
    const agent = await scriptedAgent();
    const link = new AgentLink({ url: agent.url, token: 't', station: 'PICK-1' });
    link.start();
    try {
      await waitFor(agent.greeted, 'the hello');
      agent.view(1);
      await waitFor(() => link.current.feedback?.id === 1, 'the first view');
      expect(link.answering).toBe(false);

      link.send({ type: 'menu', choice: 'pick' });
      expect(link.answering).toBe(true);
      await waitFor(() => agent.intents.length === 1, 'the intent at the agent');
      // another terminal's action pushed the station's view: not the answer
      agent.view(2);
      await waitFor(() => link.current.feedback?.id === 2, 'the push');
      expect(link.answering).toBe(true);
      agent.result(agent.intents[0]!);
      agent.view(3);
      await waitFor(() => link.current.feedback?.id === 3, 'the view after the result');
      expect(link.answering).toBe(false);

      link.send({ type: 'menu', choice: 'pick' });
      await waitFor(() => agent.intents.length === 2, 'the second intent');
      agent.error(agent.intents[1]!);
      await waitFor(() => link.current.feedback?.code === 'AGENT_ERROR', 'the agent error');
      expect(link.answering).toBe(false);

      // an error naming no request: nothing sent is awaited any more
      link.send({ type: 'menu', choice: 'pick' });
      await waitFor(() => agent.intents.length === 3, 'the third intent');
      expect(link.answering).toBe(true);
      agent.error();
      await waitFor(() => !link.answering, 'the wait ended by the error');

      // a result whose view the agent failed to push: the wait ends after HOLD_LIMIT_MS, once
      link.send({ type: 'menu', choice: 'pick' });
      await waitFor(() => agent.intents.length === 4, 'the fourth intent');
      const resulted = performance.now();
      agent.result(agent.intents[3]!);
      await waitFor(() => !link.answering, 'the wait given up', HOLD_LIMIT_MS * 2);
      expect(performance.now() - resulted).toBeGreaterThanOrEqual(HOLD_LIMIT_MS);
      agent.view(4);
      await waitFor(() => link.current.feedback?.id === 4, 'a later push');
      expect(link.answering).toBe(false);

      link.send({ type: 'menu', choice: 'pick' });
      await waitFor(() => agent.intents.length === 5, 'the fifth intent');
      expect(link.answering).toBe(true);
      agent.drop();
      await waitFor(() => link.current.phase === 'retrying', 'the link down');
      expect(link.answering).toBe(false);
    } finally {
      link.close();
      await agent.close();
    }
  });
});
