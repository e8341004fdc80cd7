import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { enrolAgent, revokeAgent } from '../../src/hub/agent-credentials.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { SYNC_SUBPROTOCOL, type HubToAgent } from '../../src/protocol/sync.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

interface RawLink {
  ws: WebSocket;
  messages: HubToAgent[];
  closed: { code: number } | undefined;
}

async function rawLink(port: number): Promise<RawLink> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, SYNC_SUBPROTOCOL);
  const link: RawLink = { ws, messages: [], closed: undefined };
  ws.on('message', (data) => link.messages.push(JSON.parse(data.toString()) as HubToAgent));
  ws.on('close', (code) => (link.closed = { code }));
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.once('open', resolve));
  return link;
}

const hello = (token: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'hello', protocol: 1, agentId: 'INTRUDER', siteId: 'X', token, cursors: { catalog: null, work: null }, ...extra });

/** Enrols a raw test agent at the site's hub and returns its token. */
async function enrolled(s: TestSite, agentId: string): Promise<string> {
  const file = join(s.dir, `${agentId}.token`);
  await enrolAgent(s.hub!.db, agentId, file, new Date());
  return readSecretFile(file);
}

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
    expect(await refusal()).toMatchObject({ type: 'error', kind: 'unauthorized', message: expect.stringMatching(/AGENT-1 is not enrolled/), retryAfterMs: 60_000 });
    site.agent.sync.reconnectNow();
    await waitFor(() => site!.agent.sync.link === 'offline', 'the agent is refused');
    await enrolAgent(site.hub!.db, 'AGENT-1', hubPaths(join(site.dir, 'hub')).agentTokenFile('AGENT-1'), new Date());
    site.agent.sync.reconnectNow();
    await waitFor(() => site!.agent.sync.link === 'online', 'the agent is back');
    expect(await refusal()).toMatchObject({ type: 'welcome' });
  });
});
