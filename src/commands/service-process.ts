import type { Logger } from '../runtime/logger.js';
import { QuaiError } from '../runtime/quai-error.js';

/**
 * Runs a long-lived service (agent or hub) in this process: stops it cleanly on SIGINT/SIGTERM,
 * tells a parent that forked it (the demo) its port, and exits if that parent goes away, so a
 * demo never leaves a process behind, even when the demo itself is killed.
 */
export async function runService(start: () => Promise<{ port: number; logger: Logger; stop(): Promise<void> }>): Promise<void> {
  const service = await start();
  // A fault nobody caught: record it where the admin looks (the service log), then exit non-zero
  // so a supervisor (systemd, the demo) sees it; the store's last commit is intact.
  const fatal = (error: unknown) => {
    if (error instanceof QuaiError) {
      // a typed end (the store taken over by another agent, say): one line, as any failed command
      service.logger.fatal({ code: error.code }, `${error.message}; exiting`);
      process.stderr.write(`quai: ${error.message} [${error.code}]\n`);
    } else service.logger.fatal({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'unexpected fault; exiting');
    service.logger.flush();
    setTimeout(() => process.exit(1), 100);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await service.stop();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  if (process.send) {
    process.on('disconnect', () => void stop(0));
    process.send({ type: 'ready', port: service.port });
  }
}
