import { overlay } from './config-layers.js';

/** The `quai agent` flags that can stand for a configuration field (each optional: unset keeps the file's). */
export interface AgentFlags {
  agentId?: string;
  siteId?: string;
  db?: string;
  logFile?: string;
  hubUrl?: string;
  hubCa?: string;
  hubTokenFile?: string;
  host?: string;
  port?: number;
  metricsPort?: number;
}

/** What stands in where neither the file nor a flag says: paths under `--data-dir`. */
export interface AgentDefaults {
  /** The agent's data directory (`<data-dir>/agent`). */
  dataDir: string;
  /** The token file `quai hub agent add` writes for this agent on the same machine. */
  hubTokenFile(agentId: string): string;
}

/**
 * The configuration document `quai agent` checks: the file's object with the flags laid over it
 * (flags win), then the defaults. Nothing is dropped or invented on the way: an unknown key in the
 * file, or a `hub` / `listen` that is not an object, reaches parseAgentConfig as written, so its
 * error names the file's own path (`hub.urll: unknown key`, `hub: expected an object, not a string`).
 */
export function agentConfigInput(file: Record<string, unknown>, flags: AgentFlags, defaults: AgentDefaults): Record<string, unknown> {
  const agentId = flags.agentId ?? (typeof file.agentId === 'string' ? file.agentId : 'AGENT-1');
  const hub = overlay(file.hub, { url: flags.hubUrl, caFile: flags.hubCa, tokenFile: flags.hubTokenFile }, { url: 'ws://127.0.0.1:7310', tokenFile: defaults.hubTokenFile(agentId) });
  const metrics = overlay(file.metrics, { port: flags.metricsPort });
  return {
    ...file,
    dataDir: file.dataDir ?? defaults.dataDir,
    ...(flags.agentId && { agentId: flags.agentId }),
    ...(flags.siteId && { siteId: flags.siteId }),
    ...(flags.db && { db: flags.db }),
    ...(flags.logFile && { logFile: flags.logFile }),
    hub,
    listen: overlay(file.listen, { host: flags.host, port: flags.port }, { host: '127.0.0.1', port: 7311 }),
    ...(metrics !== undefined && { metrics }),
  };
}
