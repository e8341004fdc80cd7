import { agentPaths } from '../runtime/agent-paths.js';
import type { AuditEntry } from '../agent/store/audit-repo.js';
import { agentDir } from './data-dirs.js';
import { withAgentStore } from './status-command.js';

/**
 * `quai audit`: the latest `limit` audit entries of the agent store in `<dataDir>/agent`, newest
 * first, of one station or all (`station` null). Throws AGENT_STORE_MISSING or STORE_TIMEOUT as
 * {@link withAgentStore}.
 */
export function readAudit(dataDir: string, station: string | null, limit: number): Promise<AuditEntry[]> {
  return withAgentStore(agentPaths(agentDir(dataDir)).db, (store) => store.audit.recent(station, limit));
}

/** One entry on one line: time, station, operator, intent/source, raw scan, remapping, then its outcome. */
export function formatAuditEntry(e: AuditEntry): string {
  return `${e.at} ${e.station} ${e.operator ?? '-'} ${e.intent}${e.source ? `/${e.source}` : ''} ${e.raw ?? ''}${e.remapped ? ` remapped ${e.remapped.layout} ${e.remapped.text}` : ''} -> ${e.outcomeLevel ?? ''} ${e.outcomeCode ?? ''}`;
}
