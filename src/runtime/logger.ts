import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets are redacted wherever they appear in a logged object, whatever the caller passes. */
const REDACT = ['token', '*.token', 'password', '*.password', 'pin', '*.pin', 'headers.authorization'];

/** JSON lines to a file (when the terminal belongs to the TUI) or to stdout. */
export function createLogger(name: string, file?: string, level = process.env.QUAI_LOG_LEVEL ?? 'info'): Logger {
  // synchronous writes: the last lines before a crash (kill -9 included) are the ones that matter
  const destination = file ? pino.destination({ dest: file, mkdir: true, sync: true }) : pino.destination({ dest: 1, sync: true });
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
