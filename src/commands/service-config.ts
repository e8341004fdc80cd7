import { parseAgentConfig, type AgentConfig } from '../agent/agent-config.js';
import { parseHubConfig } from '../hub/hub-config.js';
import type { HubConfig } from '../hub/start-hub.js';
import { readConfigFile } from '../runtime/config-file.js';
import { CONFIG_WORDS_EN, type ConfigWords } from '../runtime/config-words.js';
import { agentConfigInput, type AgentFlags } from './agent-config-input.js';
import { agentDir, hubDir } from './data-dirs.js';
import { hubConfigInput, type HubFlags } from './hub-config-input.js';

/** `--config` (or its environment variable) and `--data-dir`, as every service command takes them. */
export interface ConfigSource {
  config?: string;
  dataDir: string;
}

/**
 * What `quai agent` runs with: the file (JSON with comments), the flags over it, the defaults under
 * `--data-dir`. Throws CONFIG_NOT_FOUND or ConfigInvalid (CONFIG_INVALID, every fault by its JSON path).
 */
export function agentStartConfig(opts: ConfigSource & AgentFlags, words: ConfigWords = CONFIG_WORDS_EN): AgentConfig {
  const file = opts.config ? readConfigFile(opts.config, words) : {};
  return parseAgentConfig(agentStartInput(file, opts), opts.config, words);
}

/**
 * The document `quai agent` checks before its schema: the file's object, the flags over it, the
 * defaults under `--data-dir` (`hub.tokenFile`: on the hub's machine, the file `quai hub agent add` wrote).
 */
export function agentStartInput(file: Record<string, unknown>, opts: { dataDir: string } & AgentFlags): Record<string, unknown> {
  return agentConfigInput(file, opts, { dataDir: agentDir(opts.dataDir), hubTokenFile: (agentId) => `${hubDir(opts.dataDir)}/agent-tokens/${agentId}` });
}

/** What `quai hub` runs with, as agentStartConfig for the hub; same errors. */
export function hubStartConfig(opts: ConfigSource & HubFlags, words: ConfigWords = CONFIG_WORDS_EN): HubConfig {
  const file = opts.config ? readConfigFile(opts.config, words) : {};
  return parseHubConfig(hubConfigInput(file, opts, hubDir(opts.dataDir)), opts.config, words);
}
