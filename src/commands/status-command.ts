import { existsSync } from 'node:fs';
import { agentPaths } from '../runtime/agent-paths.js';
import { readAgentStatus } from '../agent/agent-status.js';
import { AgentStore } from '../agent/store/agent-store.js';
import type { AgentStatus } from '../protocol/local-api.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readRuntimeFile } from '../runtime/runtime-file.js';
import { readSecretFile } from '../runtime/secret-file.js';
import { withStore } from './admin-timeouts.js';
import { requestAgent } from './local-api-client.js';

export type StatusReport = Omit<AgentStatus, 'link'> & { running: boolean; link: AgentStatus['link'] | 'not-running' };

/** Asks the running agent; when none runs, reads its store, so "0 events waiting" can be checked after a demo. */
export async function agentStatus(agentDataDir: string, db?: string): Promise<StatusReport> {
  const paths = agentPaths(agentDataDir);
  const runtime = readRuntimeFile(paths.runtimeFile);
  if (runtime) {
    const answer = await requestAgent(runtime.port, readSecretFile(paths.apiTokenFile), { type: 'status' }, 'status');
    return { running: true, ...answer.status };
  }
  return withAgentStore(db ?? paths.db, async (store) => {
    const status = await readAgentStatus(store, { agentId: (await store.meta.get('agentId')) ?? '?', siteId: '?', link: 'offline', lastSyncAt: null, loading: null, devices: [] });
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

/** The running agent's devices, or null when no agent runs from this data directory. */
export async function agentDevices(agentDataDir: string): Promise<AgentStatus['devices'] | null> {
  const paths = agentPaths(agentDataDir);
  const runtime = readRuntimeFile(paths.runtimeFile);
  if (!runtime) return null;
  const answer = await requestAgent(runtime.port, readSecretFile(paths.apiTokenFile), { type: 'status' }, 'status');
  return answer.status.devices;
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
