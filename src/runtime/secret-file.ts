import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { QuaiError } from './quai-error.js';
import { typedFault } from './system-fault.js';

/** Reads a token or password file, refusing one that other users could read (as ssh does). */
export function readSecretFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new QuaiError('SECRET_FILE_MISSING', `secret file not found: ${path}`);
  }
  if ((mode & 0o077) !== 0) {
    throw new QuaiError('SECRET_FILE_TOO_OPEN', `secret file ${path} is readable by other users; run: chmod 600 ${path}`);
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (!secret) throw new QuaiError('SECRET_FILE_EMPTY', `secret file is empty: ${path}`);
  return secret;
}

/**
 * Returns the secret in `path`, creating the file (mode 0600) with a random token first if absent.
 * The token is written aside and linked into place whole: a full disk leaves no empty token file
 * that would stop every later start (STORE_FULL, STORE_READ_ONLY when it cannot be written).
 */
export function ensureSecretFile(path: string): string {
  if (existsSync(path)) return readSecretFile(path);
  const aside = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    rmSync(aside, { force: true });
    writeFileSync(aside, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    // a link fails with EEXIST where the file is already there, as 'wx' would: the first one stays
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw typedFault(error);
  } finally {
    rmSync(aside, { force: true });
  }
  return readSecretFile(path);
}
