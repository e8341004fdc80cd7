import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { agentPaths } from '../runtime/agent-paths.js';
import { DEMO_WEIGHT_LAYOUT } from '../hub/adapters/embedded/demo-data.js';
import { hubPaths } from '../hub/hub-paths.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readSecretFile } from '../runtime/secret-file.js';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import { createTranslator, langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { runTui } from '../tui/run-tui.js';
import type { WedgeSettings } from '../tui/wedge-detector.js';
import { agentDir, defaultDataDir, hubDir } from './data-dirs.js';
import { startDemoDevices } from './demo-devices.js';
import { requestAgent } from './local-api-client.js';

export interface DemoOptions {
  dataDir: string;
  station: string;
  reset: boolean;
  lang?: Lang;
  wedge?: WedgeSettings;
  keyboard?: KeyboardLayout | undefined;
}

/** The last refusal a child `quai` wrote to its log (`quai: … [CODE]`, without the prefix), if any. */
function lastRefusalIn(logFile: string): string | undefined {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  return lines.reverse().find((line) => /^quai: .* \[[A-Z_]+\]$/.test(line))?.slice('quai: '.length);
}

/** Starts a child `quai` service and resolves with the port it reports once listening. */
function startChild(cli: string, args: string[], what: string, logFile: string): Promise<{ child: ChildProcess; port: number }> {
  mkdirSync(dirname(logFile), { recursive: true });
  // what a child says on stderr (a start-up refusal, before its logger exists) goes to its log too
  const stderr = openSync(logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = fork(cli, args, { stdio: ['ignore', 'ignore', stderr, 'ipc'] });
    closeSync(stderr);
    child.once('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready' && typeof message.port === 'number') resolve({ child, port: message.port });
    });
    child.once('exit', (code) => {
      const refusal = lastRefusalIn(logFile);
      reject(new QuaiError('DEMO_CHILD_FAILED', `the demo ${what} exited (code ${code}) before it was ready${refusal ? `: ${refusal}` : ''}; see ${logFile}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Waits (up to `timeoutMs`) for the agent to hold the demo's catalog, so that the sign-in hint
 * ("tapez OP01") is never shown before the agent knows OP01; past the limit the terminal starts
 * anyway and says what it waits for.
 */
async function untilDemoDataLoaded(port: number, token: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await requestAgent(port, token, { type: 'status' }, 'status').catch(() => null);
    if (answer && answer.status.catalog.products > 0 && answer.status.loading === null) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `quai demo`: embedded hub + agent (SQLite) as child processes, simulated devices, and the TUI in this terminal. */
export async function runDemo(options: DemoOptions): Promise<void> {
  if (options.reset) rmSync(options.dataDir, { recursive: true, force: true });
  const cli = process.argv[1]!;
  const hub = hubDir(options.dataDir);
  const agent = agentDir(options.dataDir);
  const hubToken = hubPaths(hub).agentTokenFile('AGENT-1');
  const hubLog = join(options.dataDir, 'hub.log');
  const agentLog = join(options.dataDir, 'agent.log');
  const children: ChildProcess[] = [];
  const t = createTranslator(options.lang ?? langFromEnv(process.env));
  // hub, agent and catalog take a few seconds before the terminal can show anything: say so at once
  process.stdout.write(`${t('demo.starting')}\n`);
  const bench = await startDemoDevices(options.dataDir);
  const agentConfig = join(options.dataDir, 'demo-agent.json');
  // the demo's weighed cheese is labelled in the demo ERP's variable-measure layout
  writeFileSync(agentConfig, JSON.stringify({ stations: bench ? { [options.station]: { devices: bench.devices } } : {}, barcodes: { variableMeasure: [DEMO_WEIGHT_LAYOUT] } }));
  try {
    const hubChild = await startChild(cli, ['hub', '--data-dir', options.dataDir, '--port', '0', '--enrol', 'AGENT-1', '--log-file', hubLog], 'hub', hubLog);
    children.push(hubChild.child);
    const agentChild = await startChild(
      cli,
      ['agent', '--config', agentConfig, '--data-dir', options.dataDir, '--hub-url', `ws://127.0.0.1:${hubChild.port}`, '--hub-token-file', hubToken, '--port', '0', '--log-file', agentLog],
      'agent',
      agentLog,
    );
    children.push(agentChild.child);
    const token = readSecretFile(agentPaths(agent).apiTokenFile);
    bench?.attach(`ws://127.0.0.1:${agentChild.port}`, token, options.station);
    await untilDemoDataLoaded(agentChild.port, token);
    await runTui({
      url: `ws://127.0.0.1:${agentChild.port}`,
      token,
      station: options.station,
      signInHint: 'OP01',
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.wedge ? { wedge: options.wedge } : {}),
      keyboard: options.keyboard,
    });
  } finally {
    await Promise.all(children.map(stopChild));
    await bench?.stop();
  }
  const where = options.dataDir === defaultDataDir() ? '' : ` --data-dir ${options.dataDir}`;
  process.stdout.write(`${t('demo.stopped', { dir: options.dataDir })}\n  npx quai status${where}\n  npx quai hub inspect${where}\n`);
}
