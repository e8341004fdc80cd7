import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { backoffDelay } from './backoff.js';
import { QuaiError } from './quai-error.js';

/**
 * Faults of the machine rather than of the program (a full or read-only disk, a port taken, TLS
 * files OpenSSL refuses), as typed errors whose message says what to look at. This is the one
 * place that reads the codes of SQLite, PostgreSQL, Node's file system and sockets, and OpenSSL.
 */
export type SystemFaultCode =
  | 'STORE_FULL'
  | 'STORE_READ_ONLY'
  | 'STORE_UNAVAILABLE'
  | 'PORT_IN_USE'
  | 'PORT_NOT_PERMITTED'
  | 'ADDRESS_NOT_AVAILABLE'
  | 'TLS_FILE_INVALID';

const STORE_CODES = ['STORE_FULL', 'STORE_READ_ONLY', 'STORE_UNAVAILABLE'] as const satisfies readonly SystemFaultCode[];
/** The store's faults: the disk under it is full or read-only, or the store cannot be used at all. */
export type StoreFaultCode = (typeof STORE_CODES)[number];

/** Where the fault happened, for the message. */
export interface FaultPlace {
  /** The store: a SQLite file (its disk is examined when SQLite only says "I/O error") or a postgres:// URL (named without its password). */
  store?: string;
  /** What wanted the port: "the hub", "the agent's local API". */
  listener?: string;
  /** The option that chooses that port, named in the message (default `--port`). */
  portOption?: string;
  /** The TLS files being loaded. */
  tls?: { certFile: string; keyFile: string };
}

interface LowLevelError {
  code?: unknown;
  message?: unknown;
  path?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
}

/** Whether a store location is a PostgreSQL URL (`postgres://`, `postgresql://`) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** A store location as a person may read it: a PostgreSQL URL loses its password. */
export function storeLocationName(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    url.password = '';
    return `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    return 'the PostgreSQL store';
  }
}

/** What SQLite's "cannot open" or "I/O error" really was, asked of the disk under the store. */
function diagnoseDisk(file: string): 'STORE_FULL' | 'STORE_READ_ONLY' | undefined {
  const dir = dirname(file);
  try {
    if (statfsSync(dir).bavail === 0) return 'STORE_FULL';
  } catch {
    return undefined;
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return 'STORE_READ_ONLY';
  }
  return undefined;
}

const full = (where: string) => new QuaiError('STORE_FULL', `the disk holding ${where} is full: free some space there`);
const readOnly = (where: string, why: string) => new QuaiError('STORE_READ_ONLY', `${where} cannot be written (${why}): check the disk and the permissions of the data directory`);

function fromCode(error: LowLevelError, code: string, place: FaultPlace): QuaiError | undefined {
  const path = typeof error.path === 'string' ? error.path : undefined;
  // the file Node names is the closest to the fault; SQLite and PostgreSQL name none
  const where = path ?? (place.store ? storeLocationName(place.store) : 'the store');
  const theStore = where === 'the store' ? where : `the store ${where}`;
  const endpoint = `${String(error.address ?? '?')}:${String(error.port ?? '?')}`;
  const listener = place.listener ?? 'the server';
  const portOption = place.portOption ?? '--port';
  const detail = String(error.message ?? code).replace(/^.*?(SQLITE_\w+: )/, '$1');
  switch (code) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
    case '53100': // PostgreSQL disk_full
      return full(where);
    case 'SQLITE_READONLY':
      return readOnly(where, 'read-only');
    case 'EROFS':
      return readOnly(where, 'read-only file system');
    case '25006': // PostgreSQL read_only_sql_transaction
      return readOnly(where, 'the server is read-only, a standby?');
    case 'SQLITE_IOERR':
    case 'SQLITE_CANTOPEN': {
      const found = place.store && !place.store.startsWith('postgres') ? diagnoseDisk(place.store) : undefined;
      if (found === 'STORE_FULL') return full(where);
      if (found === 'STORE_READ_ONLY') return readOnly(where, 'read-only file system or permission denied');
      return new QuaiError('STORE_UNAVAILABLE', `${theStore} cannot be used: ${detail}`);
    }
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new QuaiError('STORE_UNAVAILABLE', `${theStore} cannot be used: ${detail} (is it a Quai store? a backup can be restored: quai restore)`);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case '28P01': // PostgreSQL invalid_password
    case '3D000': // PostgreSQL invalid_catalog_name: no such database
      // several addresses tried (IPv4 and IPv6) fail as one error whose own message is empty
      if (place.store) return new QuaiError('STORE_UNAVAILABLE', `${theStore} cannot be reached: ${String(error.message || code)}`);
      return undefined;
    case 'EACCES':
    case 'EPERM':
      if (error.syscall === 'listen') return new QuaiError('PORT_NOT_PERMITTED', `${listener} may not listen on ${endpoint} (a port below 1024 needs privileges): choose another ${portOption}`);
      return readOnly(where, 'permission denied');
    case 'EADDRINUSE':
      return new QuaiError('PORT_IN_USE', `${listener} cannot listen on ${endpoint}: the port is in use (another agent or hub?); stop it or choose another ${portOption}`);
    case 'EADDRNOTAVAIL':
      return new QuaiError('ADDRESS_NOT_AVAILABLE', `${listener} cannot listen on ${endpoint}: this machine has no such address`);
  }
  if (place.tls && code.startsWith('ERR_OSSL')) {
    return new QuaiError('TLS_FILE_INVALID', `the TLS certificate ${place.tls.certFile} and key ${place.tls.keyFile} cannot be used: ${String(error.message ?? code).replace(/^error:\w+:/, '')}`);
  }
  return undefined;
}

/** The typed fault behind `error` (or its cause), or undefined when it is not a fault of the machine. */
export function systemFault(error: unknown, place: FaultPlace = {}): QuaiError | undefined {
  for (let e = error, depth = 0; depth < 3 && e !== null && typeof e === 'object'; e = (e as LowLevelError).cause, depth++) {
    const code = (e as LowLevelError).code;
    if (typeof code !== 'string') continue;
    const typed = fromCode(e as LowLevelError, code, place);
    if (typed) return typed;
  }
  return undefined;
}

/** `error` as a typed error when it is a fault of the machine; otherwise (a QuaiError already, a bug) unchanged. */
export function typedFault(error: unknown, place?: FaultPlace): unknown {
  if (error instanceof QuaiError) return error;
  return systemFault(error, place) ?? error;
}

/** The typed fault when `error` is the store's (full, read-only, unusable): operators are told, links wait. */
export function storeFault(error: unknown, place?: FaultPlace): (QuaiError & { code: StoreFaultCode }) | undefined {
  const typed = error instanceof QuaiError ? error : systemFault(error, place);
  return typed && (STORE_CODES as readonly string[]).includes(typed.code) ? (typed as QuaiError & { code: StoreFaultCode }) : undefined;
}

/**
 * How long a link waits before trying again after the store failed to record what came over it
 * (the `n`th time in a row, from 0): 30 s to 1 min at first, growing to 5 min. A full disk is a
 * matter of minutes to hours; trying again at once only fails again and fills the log.
 */
export function storeFaultDelay(n: number, random: () => number = Math.random): number {
  return backoffDelay(n, 60_000, 300_000, random);
}
