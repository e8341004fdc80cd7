import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { enrolAgent, revokeAgent } from '../../src/hub/agent-credentials.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { LOCAL_SUBPROTOCOL } from '../../src/protocol/local-api.js';
import { SYNC_SUBPROTOCOL } from '../../src/protocol/sync.js';
import { enrolled, hello, INCARNATION_B, rawLink } from '../helpers/raw-sync-link.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

const event = (seq: number, payload: Record<string, unknown>) => ({
  id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  type: 'pick.line.picked',
  at: '2026-11-22T10:00:00.000Z',
  operator: 'OP01',
  station: 'PICK-1',
  payload,
});

describe('hub: hostile and broken frames are refused, nothing is applied, the link recovers', () => {
  it.each([
    ['not JSON', () => 'hello?', 'bad-message'],
    ['a hello with wrong types', () => JSON.stringify({ type: 'hello', protocol: '1', agentId: 42 }), 'bad-message'],
    ['an unknown message type', () => JSON.stringify({ type: 'drop-tables' }), 'bad-message'],
    ['events before hello', () => JSON.stringify({ type: 'events', events: [event(1, {})] }), 'unauthorized'],
    ['a bad token', () => hello('not-the-token'), 'unauthorized'],
    ["an agent not enrolled, with another agent's token", (token: string) => hello(token), 'unauthorized'],
    ["an enrolled agent's id with another agent's token", (token: string) => hello(token, { agentId: 'AGENT-2' }), 'unauthorized'],
    ['an unknown protocol version', (token: string) => hello(token, { protocol: 99 }), 'unsupported-protocol'],
  ])('%s', async (_name, frame, kind) => {
    site = await startSite(tempDir());
    await enrolled(site, 'AGENT-2');
    const token = readSecretFile(hubPaths(join(site.dir, 'hub')).agentTokenFile('AGENT-1'));
    const link = await rawLink(site.hubPort);
    link.ws.send(frame(token));
    await waitFor(() => link.closed, 'hub closes the link');
    expect(link.messages).toEqual([expect.objectContaining({ type: 'error', kind })]);
    expect(await site.hub!.db('agents').whereIn('agent_id', ['INTRUDER', 'AGENT-2'])).toEqual([]);
    expect(await site.hub!.db('events').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(site.agent.sync.link).toBe('online');
  });

  it('refuses an oversize frame by closing the link', async () => {
    site = await startSite(tempDir());
    const link = await rawLink(site.hubPort);
    link.ws.send('x'.repeat(5 * 1024 * 1024));
    await waitFor(() => link.closed, 'hub closes the link');
    expect(link.closed?.code).toBe(1009);
  });

  it('after hello: a malformed batch is refused and the same link goes on working', async () => {
    site = await startSite(tempDir());
    const token = await enrolled(site, 'RAW-1');
    const link = await rawLink(site.hubPort);
    link.ws.send(hello(token, { agentId: 'RAW-1' }));
    await waitFor(() => link.messages.find((m) => m.type === 'welcome'), 'welcome');
    link.ws.send(JSON.stringify({ type: 'events', events: [{ ...event(1, {}), seq: -3 }] }));
    await waitFor(() => link.messages.find((m) => m.type === 'error'), 'error');
    expect(link.closed).toBeUndefined();
    // a business refusal is an outcome: the event is rejected with a reason, and its seq is used
    link.ws.send(JSON.stringify({ type: 'events', events: [event(1, { orderId: 'SO9999', lineId: '1', productCode: 'P1', location: 'A', quantity: 1, lots: [] })] }));
    expect(await waitFor(() => link.messages.find((m) => m.type === 'ack'), 'ack')).toEqual({ type: 'ack', lastSeq: 1 });
    const outcomes = await waitFor(() => link.messages.find((m) => m.type === 'outcomes'), 'outcomes');
    expect(outcomes).toEqual({ type: 'outcomes', results: [{ seq: 1, status: 'rejected', reason: 'order SO9999 has no line 1' }] });
  });
});

describe('hub: one token per agent', () => {
  it('refuses an agent whose token was revoked, with a hint to wait, and takes it back once enrolled again', async () => {
    site = await startSite(tempDir());
    const refusal = async () => {
      const link = await rawLink(site!.hubPort);
      link.ws.send(hello(readSecretFile(hubPaths(join(site!.dir, 'hub')).agentTokenFile('AGENT-1')), { agentId: 'AGENT-1' }));
      await waitFor(() => link.closed ?? link.messages.find((m) => m.type === 'welcome'), 'an answer');
      link.ws.close();
      return link.messages[0];
    };
    expect(await revokeAgent(site.hub!.db, 'AGENT-1')).toBe(true);
    expect(await refusal()).toMatchObject({ type: 'error', kind: 'unauthorized', message: 'unknown agent or bad token (quai hub agent add <agent-id> enrols one)', retryAfterMs: 60_000 });
    site.agent.sync.reconnectNow();
    await waitFor(() => site!.agent.sync.link === 'offline', 'the agent is refused');
    await enrolAgent(site.hub!.db, 'AGENT-1', hubPaths(join(site.dir, 'hub')).agentTokenFile('AGENT-1'), new Date());
    site.agent.sync.reconnectNow();
    await waitFor(() => site!.agent.sync.link === 'online', 'the agent is back');
    // the token is good again; the id is in use by the agent's own store, so another store is turned away
    expect(await refusal()).toMatchObject({ type: 'error', kind: 'agent-in-use', retryAfterMs: 10_000 });
  });
});

/** Opens a WebSocket offering `protocols`; resolves with the HTTP status of a refused handshake, or 101. */
function handshake(port: number, protocols: string[]): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, protocols);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

describe('links speak one protocol: anything else is refused at the handshake', () => {
  it.each([[['quai-sync.2']], [['quai-local.1']], [[]], [['quai-sync.2', 'chat']]])('the hub refuses %j', async (protocols) => {
    site = await startSite(tempDir());
    expect(await handshake(site.hubPort, protocols)).toBe(400);
    expect(await handshake(site.hubPort, ['quai-sync.2', SYNC_SUBPROTOCOL])).toBe(101);
  });

  it.each([[['quai-local.2']], [['quai-sync.1']], [[]]])("the agent's local API refuses %j", async (protocols) => {
    site = await startSite(tempDir());
    expect(await handshake(site.agent.port, protocols)).toBe(400);
    expect(await handshake(site.agent.port, [LOCAL_SUBPROTOCOL])).toBe(101);
  });
});

describe('hub: who may link', () => {
  it('answers an unknown agent id and a wrong token alike, so agent ids cannot be listed', async () => {
    site = await startSite(tempDir());
    const answer = async (frame: string) => {
      const link = await rawLink(site!.hubPort);
      link.ws.send(frame);
      await waitFor(() => link.closed, 'hub closes the link');
      return { messages: link.messages, close: link.closed };
    };
    const unknown = await answer(hello('some-token', { agentId: 'NOBODY' }));
    const wrongToken = await answer(hello('some-token', { agentId: 'AGENT-1' }));
    expect(unknown).toEqual(wrongToken);
    expect(unknown.close).toEqual({ code: 4401 });
  });

  it('one live link per agent id: the same store reconnecting replaces its old link; another store is refused while the first answers', async () => {
    site = await startSite(tempDir());
    const token = await enrolled(site, 'RAW-1');
    const first = await rawLink(site.hubPort);
    first.ws.send(hello(token, { agentId: 'RAW-1' }));
    await waitFor(() => first.messages.find((m) => m.type === 'welcome'), 'welcome');

    const sameStore = await rawLink(site.hubPort);
    sameStore.ws.send(hello(token, { agentId: 'RAW-1' }));
    await waitFor(() => sameStore.messages.find((m) => m.type === 'welcome'), 'the reconnecting store is welcome');
    await waitFor(() => first.closed, 'the old link is closed');
    expect(first.closed).toEqual({ code: 4409 });

    const otherStore = await rawLink(site.hubPort);
    otherStore.ws.send(hello(token, { agentId: 'RAW-1', incarnation: INCARNATION_B }));
    await waitFor(() => otherStore.closed, 'the other store is refused');
    expect(otherStore.messages).toEqual([expect.objectContaining({ type: 'error', kind: 'agent-in-use', retryAfterMs: 10_000 })]);
    expect(otherStore.closed).toEqual({ code: 4409 });
    expect(sameStore.closed).toBeUndefined();
  });
});
