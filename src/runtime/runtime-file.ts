import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Where a running agent or hub can be found: written on start, removed on clean exit. */
export interface RuntimeInfo {
  pid: number;
  port: number;
  startedAt: string;
}

export function writeRuntimeFile(path: string, info: RuntimeInfo): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(info), { mode: 0o644 });
  renameSync(temporary, path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The runtime info if that process is still alive; a stale file left by a crash reads as absent. */
export function readRuntimeFile(path: string): RuntimeInfo | undefined {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
  return isAlive(info.pid) ? info : undefined;
}

export function removeRuntimeFile(path: string): void {
  rmSync(path, { force: true });
}
