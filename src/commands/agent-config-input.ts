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
  /** `--metrics-port`: serves `metrics.port`. */
  metricsPort?: number;
}

/** What stands in where neither the file nor a flag says: paths under `--data-dir`. */
export interface AgentDefaults {
  /** The agent's data directory (`<data-dir>/agent`). */
  dataDir: string;
  /** The token file `quai hub agent add` writes for this agent on the same machine. */
  hubTokenFile(agentId: string): string;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The configuration document `quai agent` checks: the file's object with the flags laid over it
 * (flags win), then the defaults. Nothing is dropped or invented on the way: an unknown key in the
 * file, or a `hub` / `listen` that is not an object, reaches parseAgentConfig as written, so its
 * error names the file's own path (`hub.urll: unknown key`, `hub: expected an object, not a string`).
 */
export function agentConfigInput(file: Record<string, unknown>, flags: AgentFlags, defaults: AgentDefaults): Record<string, unknown> {
  const agentId = flags.agentId ?? (typeof file.agentId === 'string' ? file.agentId : 'AGENT-1');
  const fileHub = file.hub ?? {};
  const fileListen = file.listen ?? {};
  return {
    ...file,
    dataDir: file.dataDir ?? defaults.dataDir,
    ...(flags.agentId && { agentId: flags.agentId }),
    ...(flags.siteId && { siteId: flags.siteId }),
    ...(flags.db && { db: flags.db }),
    ...(flags.logFile && { logFile: flags.logFile }),
    // a file's metrics that is not an object stays as written, for its error
    ...(flags.metricsPort !== undefined && { metrics: file.metrics === undefined || isObject(file.metrics) ? { ...file.metrics, port: flags.metricsPort } : file.metrics }),
    hub: isObject(fileHub)
      ? {
          ...fileHub,
          url: flags.hubUrl ?? fileHub.url ?? 'ws://127.0.0.1:7310',
          ...(flags.hubCa && { caFile: flags.hubCa }),
          tokenFile: flags.hubTokenFile ?? fileHub.tokenFile ?? defaults.hubTokenFile(agentId),
        }
      : fileHub,
    listen: isObject(fileListen) ? { ...fileListen, host: flags.host ?? fileListen.host ?? '127.0.0.1', port: flags.port ?? fileListen.port ?? 7311 } : fileListen,
  };
}
