import { QuaiError } from '../runtime/quai-error.js';

/** `--tls-cert` and `--tls-key` together; throws TLS_INCOMPLETE when one is missing. */
export function tlsFiles(certFile: string | undefined, keyFile: string | undefined): { certFile: string; keyFile: string } {
  if (!certFile || !keyFile) throw new QuaiError('TLS_INCOMPLETE', 'wss:// needs both --tls-cert and --tls-key');
  return { certFile, keyFile };
}

/**
 * The Tryton connection of `quai hub --erp tryton` from its flags (`trytonPoll` in seconds, returned
 * as `pollMs`). Throws TRYTON_CONFIG_INCOMPLETE when a flag is missing or the URL is not http(s).
 */
export function trytonOptions(opts: { trytonUrl?: string; trytonDb?: string; trytonUser?: string; trytonPasswordFile?: string; trytonPoll: number }) {
  const { trytonUrl: url, trytonDb: database, trytonUser: user, trytonPasswordFile: passwordFile } = opts;
  if (!url || !database || !user || !passwordFile) throw new QuaiError('TRYTON_CONFIG_INCOMPLETE', '--erp tryton needs --tryton-url, --tryton-db, --tryton-user and --tryton-password-file');
  if (!/^https?:\/\//.test(url)) throw new QuaiError('TRYTON_CONFIG_INCOMPLETE', `--tryton-url must be an http:// or https:// URL, not ${url}`);
  return { url, database, user, passwordFile, pollMs: opts.trytonPoll * 1000 };
}
