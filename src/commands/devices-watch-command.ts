import { deviceConfig } from '../devices/device-config.js';
import { unknownProfileProblem } from '../devices/scale/scale-profiles.js';
import { watchDevice } from './devices-command.js';
import { serialFrom, watchedScale, type SerialFlags } from './serial-options.js';
import { usageError } from './usage-error.js';

/** `quai devices watch`'s flags as commander gives them. */
export interface WatchFlags extends SerialFlags {
  kind: 'scale' | 'scanner';
  protocol?: string;
  profile?: string;
  decimals?: number;
  unit?: string;
  suffix: string;
  json: boolean;
}

/**
 * `quai devices watch`: prints each reading or scan of the device on stdout (JSON lines with
 * `json`), its state changes on stderr, until SIGINT or SIGTERM. A scale without `--protocol` or
 * `--profile`, an unknown profile or settings the device's schema refuses are usage errors (exit 2).
 */
export async function runDevicesWatch(flags: WatchFlags): Promise<void> {
  if (flags.kind === 'scale' && !flags.protocol && !flags.profile) usageError('a scale needs --protocol or --profile');
  const profileProblem = flags.profile === undefined ? null : unknownProfileProblem(flags.profile);
  if (profileProblem) usageError(profileProblem);
  const config = deviceConfig.safeParse(flags.kind === 'scale' ? await watchedScale(flags) : { kind: 'scanner', id: 'watch', serial: await serialFrom(flags), suffix: flags.suffix });
  if (!config.success) usageError(config.error.issues.map((i) => `${i.path.join('.') || 'device'}: ${i.message}`).join('; '));
  const watcher = watchDevice(config.data, flags.json, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher.stop();
}
