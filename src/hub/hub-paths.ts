import { join } from 'node:path';

/**
 * A hub's files under its data directory (`<data-dir>/hub`): its SQLite store, the agents' tokens
 * it wrote, its runtime file. Apart from start-hub.ts so the admin commands that only open the
 * store (`hub inspect`, `hub report`, `hub monitor`) do not load the hub's server.
 */
export const hubPaths = (dataDir: string) => ({
  db: join(dataDir, 'hub.sqlite'),
  /** Where `quai hub agent add` and `--enrol` put an agent's token, to copy to that agent. */
  agentTokenFile: (agentId: string) => join(dataDir, 'agent-tokens', agentId),
  runtimeFile: join(dataDir, 'hub.json'),
});
