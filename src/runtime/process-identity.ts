import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** A process as another process can recognise it later: host, boot, pid and when that pid started. */
export interface ProcessIdentity {
  host: string;
  /** Linux boot id: pids start again after a reboot, so the same host name may not mean the same pids. Null off Linux. */
  bootId: string | null;
  pid: number;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat, field 22): tells a reused pid from the original. Null off Linux. */
  startTicks: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Start time of a live process (clock ticks since boot), or null where /proc does not say. */
export function processStartTicks(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
  const afterName = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return afterName?.[19] ?? null;
}

export function currentProcess(): ProcessIdentity {
  return { host: hostname(), bootId: readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? null, pid: process.pid, startTicks: processStartTicks(process.pid) };
}

/** Whether a pid is alive (EPERM: alive, another user's). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `other`, seen from this host, is a process still running: undefined when it runs on
 * another host (this host cannot tell). Same host name on another boot: gone. Same pid started at
 * another time: the pid was reused, the process is gone.
 */
export function isSameHostProcessAlive(other: ProcessIdentity, here: ProcessIdentity = currentProcess()): boolean | undefined {
  if (other.host !== here.host) return undefined;
  if (other.bootId && here.bootId && other.bootId !== here.bootId) return false;
  if (!isPidAlive(other.pid)) return false;
  const started = processStartTicks(other.pid);
  return !(other.startTicks && started && other.startTicks !== started);
}
