import { agentPaths } from '../runtime/agent-paths.js';
import { agentDir } from './data-dirs.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readRuntimeFile } from '../runtime/runtime-file.js';
import { readSecretFile } from '../runtime/secret-file.js';
import { TOKEN_REFUSED } from '../tui/agent-link.js';
import { runTui, type TuiOptions } from '../tui/run-tui.js';

export interface TuiCommandOptions extends Omit<TuiOptions, 'url' | 'locate' | 'token'> {
  /** The agent's local API; without it, the agent running from `dataDir`, found again after each restart. */
  url?: string | undefined;
  /** Quai's data directory: the agent's runtime file and token are in its `agent` folder. */
  dataDir: string;
  tokenFile?: string | undefined;
}

/**
 * `quai tui`: the terminal until the operator quits. Everything it imports is on the path to the
 * first frame, so nothing of the agent (its configuration's schemas, devices) and no zod: the
 * terminal loads the protocol's schemas once its first frame is drawn (src/tui/agent-link.ts);
 * test/unit/tui/tui-chunks.test.ts holds it to that. Throws AGENT_NOT_RUNNING without --url and
 * no agent running, SECRET_FILE_* for the token file, AGENT_TOKEN_REFUSED naming it.
 */
export async function runTuiCommand(options: TuiCommandOptions): Promise<void> {
  const { url: givenUrl, dataDir, tokenFile, ...tui } = options;
  const paths = agentPaths(agentDir(dataDir));
  // without --url the terminal follows the agent of the data directory, wherever it listens after a restart
  const locate = (): string | undefined => {
    const runtime = readRuntimeFile(paths.runtimeFile);
    return runtime ? `ws://127.0.0.1:${runtime.port}` : undefined;
  };
  const url = givenUrl ?? locate();
  if (!url) throw new QuaiError('AGENT_NOT_RUNNING', `no agent is running from ${dataDir}; start one (quai agent) or pass --url`);
  const tokenPath = tokenFile ?? paths.apiTokenFile;
  await runTui({ ...tui, url, ...(givenUrl ? {} : { locate }), token: readSecretFile(tokenPath) }).catch((error: Error & { code?: string }) => {
    throw error.code === TOKEN_REFUSED ? new QuaiError(TOKEN_REFUSED, `${error.message} (${tokenPath})`) : error;
  });
}
