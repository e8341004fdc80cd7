import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { QuaiError } from './quai-error.js';
import { typedFault } from './system-fault.js';

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

/**
 * The certificate (chain) and key of a wss:// server, read and checked by OpenSSL together: a key
 * that is not the certificate's, or a PEM that does not decode, is TLS_FILE_INVALID naming both
 * files (TLS_FILE_MISSING, TLS_FILE_NOT_PEM as for readPemFile).
 */
export function readTlsPair(files: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  const pair = { cert: readPemFile(files.certFile, 'TLS certificate'), key: readPemFile(files.keyFile, 'TLS key') };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw typedFault(error, { tls: files });
  }
  return pair;
}
