import { agentPaths } from '../runtime/agent-paths.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readRuntimeFile } from '../runtime/runtime-file.js';
import { readSecretFile } from '../runtime/secret-file.js';
import { agentDir } from './data-dirs.js';

/** A running agent as its admin tools reach it: its local API port on loopback, its API token, its log file if it writes one. */
export interface RunningAgent {
  port: number;
  token: string;
  logFile?: string | undefined;
}

/**
 * The agent running from Quai's data directory `dataDir` (its runtime file in `<dataDir>/agent`, its
 * process alive), or undefined when none runs there. Throws SECRET_FILE_* when its token file cannot be read.
 */
export function findRunningAgent(dataDir: string): RunningAgent | undefined {
  const paths = agentPaths(agentDir(dataDir));
  const runtime = readRuntimeFile(paths.runtimeFile);
  if (!runtime) return undefined;
  return { port: runtime.port, token: readSecretFile(paths.apiTokenFile), logFile: runtime.logFile };
}

/** {@link findRunningAgent} for commands that need one: throws AGENT_NOT_RUNNING naming `dataDir` when none runs. */
export function requireRunningAgent(dataDir: string): RunningAgent {
  const agent = findRunningAgent(dataDir);
  if (!agent) throw new QuaiError('AGENT_NOT_RUNNING', `no agent is running from ${dataDir}`);
  return agent;
}
