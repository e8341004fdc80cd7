import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where Quai keeps its stores and token files unless told otherwise: $QUAI_DATA_DIR, else XDG data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUAI_DATA_DIR) return resolve(env.QUAI_DATA_DIR);
  return join(env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share'), 'quai');
}

export const agentDir = (dataDir: string) => join(dataDir, 'agent');
export const hubDir = (dataDir: string) => join(dataDir, 'hub');
