import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets are redacted wherever they appear in a logged object, whatever the caller passes. */
const REDACT = ['token', '*.token', 'password', '*.password', 'pin', '*.pin', 'headers.authorization'];

/** Log lines kept in memory while they cannot be written (a full disk); beyond, new ones are dropped. */
const MAX_UNWRITTEN_BYTES = 1 << 20;

/**
 * JSON lines to a file (when the terminal belongs to the TUI) or to stdout. A line that cannot
 * be written (the log's disk full) waits in memory, up to 1 MiB, and goes out with the next line
 * once there is room: logging never throws into the code that logs.
 */
export function createLogger(name: string, file?: string, level = process.env.QUAI_LOG_LEVEL ?? 'info'): Logger {
  // synchronous writes: the last lines before a crash (kill -9 included) are the ones that matter
  const destination = pino.destination({ dest: file ?? 1, mkdir: Boolean(file), sync: true, maxLength: MAX_UNWRITTEN_BYTES });
  // unheard, a failed write is thrown from logger.info() itself (SonicBoom emits 'error' synchronously)
  destination.on('error', () => undefined);
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
