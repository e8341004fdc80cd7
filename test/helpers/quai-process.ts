import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

export interface QuaiProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/** Runs a `quai` service from the built bundle and resolves once it reports its port. */
export function spawnQuai(args: string[], env: NodeJS.ProcessEnv = {}): Promise<QuaiProcess> {
  const child = fork(CLI, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } });
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

export async function killHard(p: QuaiProcess): Promise<void> {
  p.child.kill('SIGKILL');
  await p.exited;
}

export async function stopGently(p: QuaiProcess): Promise<number | null> {
  p.child.kill('SIGTERM');
  return p.exited;
}
