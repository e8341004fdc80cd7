import { readFileSync } from 'node:fs';
import { QuaiError } from './quai-error.js';

/** Reads a PEM file (certificate, key, CA bundle), saying which one is missing. */
export function readPemFile(path: string, what: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch {
    throw new QuaiError('TLS_FILE_MISSING', `${what} not readable: ${path}`);
  }
  if (!pem.includes('-----BEGIN ')) throw new QuaiError('TLS_FILE_NOT_PEM', `${what} is not a PEM file: ${path}`);
  return pem;
}
