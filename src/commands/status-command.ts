import { existsSync } from 'node:fs';
import { agentPaths } from '../runtime/agent-paths.js';
import { readAgentStatus } from '../agent/agent-status.js';
import { AgentStore } from '../agent/store/agent-store.js';
import { LAST_SYNC_AT } from '../agent/store/meta-repo.js';
import type { AgentStatus } from '../protocol/local-api.js';
import { QuaiError } from '../runtime/quai-error.js';
import { withStore } from './admin-timeouts.js';
import { agentDir } from './data-dirs.js';
import { findRunningAgent } from './running-agent.js';
import { requestAgent } from './local-api-client.js';

export type StatusReport = Omit<AgentStatus, 'link'> & { running: boolean; link: AgentStatus['link'] | 'not-running' };

/**
 * Asks the agent running from Quai's data directory `dataDir`; when none runs, reads its store (`db`,
 * else `<dataDir>/agent/agent.sqlite`), so "0 events waiting" can be checked after a demo.
 */
export async function agentStatus(dataDir: string, db?: string): Promise<StatusReport> {
  const agent = findRunningAgent(dataDir);
  if (agent) {
    const answer = await requestAgent(agent.port, agent.token, { type: 'status' }, 'status');
    return { running: true, ...answer.status };
  }
  return withAgentStore(db ?? agentPaths(agentDir(dataDir)).db, async (store) => {
    const status = await readAgentStatus(store, { agentId: (await store.meta.get('agentId')) ?? '?', siteId: (await store.meta.get('siteId')) ?? '?', link: 'offline', lastSyncAt: (await store.meta.get(LAST_SYNC_AT)) ?? null, loading: null, devices: [] });
    return { ...status, running: false, link: 'not-running' as const };
  });
}

/**
 * The agent's store for an admin command when no agent runs (`status`, `audit`): AGENT_STORE_MISSING
 * when there is none, STORE_TIMEOUT when it does not answer within STORE_TIMEOUT_MS.
 */
export function withAgentStore<T>(location: string, task: (store: AgentStore) => Promise<T>): Promise<T> {
  if (!/^postgres/.test(location) && !existsSync(location)) {
    throw new QuaiError('AGENT_STORE_MISSING', `no agent store at ${location} (run the agent or the demo first, or pass --data-dir)`);
  }
  return withStore(location, () => AgentStore.open(location), (store) => store.close(), task);
}

export function formatStatus(report: StatusReport): string {
  return [
    `agent        ${report.agentId}${report.running ? '' : ' (not running)'}`,
    `hub link     ${report.link}`,
    ...(report.loading ? [`loading      ${report.loading.stream} ${report.loading.done}/${report.loading.total}`] : []),
    `waiting      ${report.pending} event(s) not yet at the hub, ${report.awaitingOutcome} awaiting the ERP's outcome`,
    `rejected     ${report.rejected} event(s)`,
    `store        incarnation ${report.incarnation.id} since ${report.incarnation.since}${report.incarnation.reason === 'history-diverged' ? " (renewed: the hub held history this store had lost; events without an outcome were sent again)" : ''}`,
    `last sync    ${report.lastSyncAt ?? '-'}`,
    `catalog      ${report.catalog.products} products, ${report.catalog.locations} locations, ${report.catalog.openOrders} open orders`,
    ...report.devices.map((d) => `device       ${d.station} ${d.id} (${d.kind}${d.profile ? ` ${d.profile}` : ''} on ${d.path}${d.resolvedPath ? ` → ${d.resolvedPath}` : ''}): ${d.state}${d.reason ? ` (${d.reason})` : ''}`),
    ...report.supervisorLockouts.map((l) => `supervisor   ${l.supervisor}: ${l.locked ? `approvals locked until ${l.lockedUntil} (lockout ${l.lockouts})` : `${l.failures} wrong PIN(s) in a row`}`),
    ...report.rejectedEvents.map((e) => `  rejected #${e.seq} ${e.type} at ${e.at}: ${e.reason ?? ''}`),
  ].join('\n');
}
