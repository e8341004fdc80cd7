import { hubPaths } from '../hub/hub-paths.js';
import { agentPaths } from '../runtime/agent-paths.js';
import { RETENTION_DEFAULTS } from '../runtime/service-config-keys.js';
import { agentStartConfig, hubStartConfig } from './service-config.js';

/** Days the retention job keeps, as the config's `retention.*` keys (and `quai prune`'s flags) say. */
export interface RetentionDays {
  outboxDays: number;
  auditDays: number;
  hubEventsDays: number;
}

/** Which store `quai backup`, `restore` and `prune` work on, as the agent or hub itself would find it. */
export interface StoreChoice {
  /** The hub's store (`--hub`), not the agent's. */
  hub: boolean;
  /** A SQLite file or a postgres:// URL. */
  location: string;
  /** The runtime file a running agent or hub keeps in its data directory. */
  runtimeFile: string;
  /** The configuration's `retention.*` (its defaults without a file). */
  retention: RetentionDays;
}

/** What the command line gave: `--hub`, `--config` (or its variable), `--data-dir`, `--db` (or its variable). */
export interface StoreFlags {
  hub: boolean;
  config?: string;
  dataDir: string;
  db?: string;
}

/**
 * The store the agent (or, `hub`, the hub) works on: read with the loader `quai agent` / `quai hub`
 * use, so the file (`--config`, else $QUAI_AGENT_CONFIG / $QUAI_HUB_CONFIG), `--db` (else
 * $QUAI_AGENT_DB / $QUAI_HUB_DB) and `--data-dir` give the same store and the same retention as
 * the service has. The variables are the kind's own: `--hub` reads the hub's. Throws what the
 * loader throws (CONFIG_NOT_FOUND, CONFIG_INVALID with every fault by its JSON path).
 */
export function resolveStore(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): StoreChoice {
  const kind = flags.hub ? 'HUB' : 'AGENT';
  const config = flags.config ?? env[`QUAI_${kind}_CONFIG`];
  const db = flags.db ?? env[`QUAI_${kind}_DB`];
  const source = { dataDir: flags.dataDir, ...(config && { config }), ...(db && { db }) };
  if (flags.hub) {
    const hub = hubStartConfig(source);
    const paths = hubPaths(hub.dataDir);
    return { hub: true, location: hub.db ?? paths.db, runtimeFile: paths.runtimeFile, retention: { ...RETENTION_DEFAULTS, ...hub.retention } };
  }
  const agent = agentStartConfig(source);
  return { hub: false, location: agent.db, runtimeFile: agentPaths(agent.dataDir).runtimeFile, retention: { ...RETENTION_DEFAULTS, ...agent.retention } };
}
