import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { hubPaths } from '../../src/hub/start-hub.js';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { agentStatusAt, type QuaiProcess } from './quai-process.js';
import { pickWholeOrder, TerminalClient } from './terminal-client.js';
import { waitFor } from './wait-for.js';

/** An agent of its own site, as `quai agent` runs with a configuration naming its ids and zone. */
export interface SiteAgent {
  agentId: string;
  siteId: string;
  timeZone: string;
}

/**
 * Starts `site`'s agent as a process through `start` (e.g. useQuaiProcesses().start) in
 * `<dir>/<agentId>`, linked to `hubUrl` with the token the hub of `<dir>/hub` enrolled for it;
 * `args` more flags (`--db`), `hub` more of its `hub` configuration (`heartbeatMs`).
 */
export function startSiteAgent(start: (args: string[]) => Promise<QuaiProcess>, dir: string, site: SiteAgent, hubUrl: string, options: { args?: string[]; hub?: Record<string, unknown> } = {}): Promise<QuaiProcess> {
  const config = join(dir, `${site.agentId}.json`);
  writeFileSync(config, JSON.stringify({ agentId: site.agentId, siteId: site.siteId, site: { timeZone: site.timeZone }, hub: { tokenFile: hubPaths(join(dir, 'hub')).agentTokenFile(site.agentId), ...options.hub } }));
  return start(['agent', '--config', config, '--data-dir', join(dir, site.agentId), ...(options.args ?? []), '--hub-url', hubUrl, '--port', '0', '--log-file', join(dir, `${site.agentId}.log`)]);
}

/** Operator OP01 picks `order` to its end at PICK-1 of the agent started by startSiteAgent, once the agent has its orders. */
export async function pickOrderAt(dir: string, agentId: string, agent: QuaiProcess, order: string): Promise<void> {
  await waitFor(async () => (await agentStatusAt(join(dir, agentId), agent.port)).catalog.openOrders > 0, `${agentId}'s orders in`);
  const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, agentId, 'agent')).apiTokenFile), 'PICK-1');
  await terminal.input('OP01');
  await terminal.act({ type: 'menu', choice: 'pick' });
  await terminal.input(order);
  await pickWholeOrder(terminal);
  expect(terminal.view.screen).toBe('pick-done');
  terminal.close();
}
