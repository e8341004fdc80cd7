import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { QuaiError } from './quai-error.js';

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

/** Returns the secret in `path`, creating the file (mode 0600) with a random token first if absent. */
export function ensureSecretFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecretFile(path);
}
