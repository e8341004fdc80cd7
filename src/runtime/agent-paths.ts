import { join } from 'node:path';

/**
 * The agent's data directory layout (paths, nothing read): its SQLite store, the local API token
 * and the runtime file saying where it listens. Shared by `quai agent` and the commands that find
 * a running agent (`quai tui`, `quai status`); kept apart from the agent's configuration so the
 * terminal does not load its schemas.
 */
export const agentPaths = (dataDir: string) => ({
  db: join(dataDir, 'agent.sqlite'),
  apiTokenFile: join(dataDir, 'api-token'),
  runtimeFile: join(dataDir, 'agent.json'),
});
