import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { requestAgent } from '../../src/commands/local-api-client.js';
import type { AgentStatus } from '../../src/protocol/local-api.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';

export const CLI = resolve('dist/cli.js');

export interface QuaiProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/**
 * Runs a `quai` service from the built bundle, as `node dist/cli.js` runs on a site, and resolves
 * once it reports its port. The child gets none of the parent's Node flags (`execArgv: []`): under
 * `tsx bench/run.ts` they would load tsx's loader into hub and agent (+35-43 MB of RSS, slower start).
 */
export function spawnQuai(args: string[], env: NodeJS.ProcessEnv = {}): Promise<QuaiProcess> {
  const child = fork(CLI, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolvePort, reject) => {
    child.once('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready' && message.port) resolvePort({ child, port: message.port, exited });
    });
    void exited.then((code) => reject(new Error(`quai ${args[0]} exited with ${code} before it was ready: ${stderr}`)));
  });
}

/**
 * A `quai` command run to its end (killed after `timeoutMs`): exit code, output, how long it took
 * (ms) and when its first error output came (`errMs`, ms from the start; null if none). Warn-level logs.
 */
export function runQuai(args: string[], timeoutMs = 15_000): Promise<{ code: number | null; out: string; err: string; ms: number; errMs: number | null }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QUAI_LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  let errMs: number | null = null;
  child.stderr.on('data', (chunk) => {
    errMs ??= Date.now() - started;
    err += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close', not 'exit': the output is read to its end
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started, errMs });
    }),
  );
}

export async function killHard(p: QuaiProcess): Promise<void> {
  p.child.kill('SIGKILL');
  await p.exited;
}

export async function stopGently(p: QuaiProcess): Promise<number | null> {
  p.child.kill('SIGTERM');
  return p.exited;
}

/**
 * The processes and clean-ups of one test file: `start` runs a `quai` service (warn-level logs),
 * everything started or registered is stopped after each test, the processes still alive killed.
 */
export function useQuaiProcesses(): { start(args: string[]): Promise<QuaiProcess>; cleanups: (() => Promise<unknown>)[] } {
  const running: QuaiProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
    await Promise.all(running.splice(0).map((p) => (p.child.exitCode === null ? killHard(p) : undefined)));
  });
  return {
    cleanups,
    async start(args) {
      const p = await spawnQuai(args, { QUAI_LOG_LEVEL: 'warn' });
      running.push(p);
      return p;
    },
  };
}

/** A running agent's status, asked as `quai status` asks it. */
export async function agentStatusAt(dataDir: string, port: number): Promise<AgentStatus> {
  const answer = await requestAgent(port, readSecretFile(agentPaths(join(dataDir, 'agent')).apiTokenFile), { type: 'status' }, 'status');
  return answer.status;
}
