import { join } from 'node:path';
import WebSocket from 'ws';
import { enrolAgent } from '../../src/hub/agent-credentials.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { SYNC_SUBPROTOCOL, type HubToAgent } from '../../src/protocol/sync.js';
import type { TestSite } from './site.js';

/** A quai-sync/1 link a test drives frame by frame, as an agent would: what the hub sent, and how it closed. */
export interface RawLink {
  ws: WebSocket;
  messages: HubToAgent[];
  closed: { code: number } | undefined;
}

/** Opens a raw sync link to the hub on loopback `port`. */
export async function rawLink(port: number): Promise<RawLink> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, SYNC_SUBPROTOCOL);
  const link: RawLink = { ws, messages: [], closed: undefined };
  ws.on('message', (data) => link.messages.push(JSON.parse(data.toString()) as HubToAgent));
  ws.on('close', (code) => (link.closed = { code }));
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.once('open', resolve));
  return link;
}

/** The stores raw test agents speak for: A unless a test needs a second one. */
export const INCARNATION_A = '0193a000-0000-4000-8000-00000000000a';
export const INCARNATION_B = '0193a000-0000-4000-8000-00000000000b';

/** A hello frame of agent INTRUDER (site X, store A) with `token`; `extra` overrides any field. */
export const hello = (token: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'hello', protocol: 1, agentId: 'INTRUDER', siteId: 'X', token, incarnation: INCARNATION_A, cursors: { catalog: null, work: null }, ...extra });

/** Enrols a raw test agent at the site's hub and returns its token. */
export async function enrolled(s: TestSite, agentId: string): Promise<string> {
  const file = join(s.dir, `${agentId}.token`);
  await enrolAgent(s.hub!.db, agentId, file, new Date());
  return readSecretFile(file);
}
