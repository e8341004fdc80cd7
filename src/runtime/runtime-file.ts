import { isPidAlive } from './process-identity.js';
import { QuaiError } from './quai-error.js';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a running agent or hub can be found: written on start, removed on clean exit. */
export interface RuntimeInfo {
  pid: number;
  port: number;
  startedAt: string;
  /** Where the process writes its log, if to a file (`quai monitor` shows its tail). */
  logFile?: string;
}

/** Writes it whole (a reader never sees half a file), in a data directory made if need be (a store on PostgreSQL makes none). */
export function writeRuntimeFile(path: string, info: RuntimeInfo): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(info), { mode: 0o644 });
  renameSync(temporary, path);
}

/** The runtime info if that process is still alive; a stale file left by a crash reads as absent. */
export function readRuntimeFile(path: string): RuntimeInfo | undefined {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
  return isPidAlive(info.pid) ? info : undefined;
}

export function removeRuntimeFile(path: string): void {
  rmSync(path, { force: true });
}

/** One agent (or hub) per data directory: two writers on one store would fight over it. */
export function claimRuntimeFile(path: string, what: string): void {
  const running = readRuntimeFile(path);
  if (running && running.pid !== process.pid) {
    throw new QuaiError('ALREADY_RUNNING', `${what} is already running from this data directory (pid ${running.pid}, port ${running.port})`);
  }
}
