import { CommanderError } from 'commander';

/** A usage error found after parsing, said as commander says its own: on stderr, exit code 2 (throws a CommanderError). */
export function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  throw new CommanderError(2, 'quai.usage', `error: ${message}`);
}
