import { Option, type Command } from 'commander';
import { countArg } from './cli-options.js';

/** Serial line options shared by the simulators and `devices watch`; unset ones follow the protocol's usual settings. */
export function withSerialOptions(command: Command): Command {
  return command
    .requiredOption('--port <path>', 'serial device path (e.g. /dev/ttyUSB0, or one end of a socat pty pair)')
    .option('--baud <n>', 'baud rate', countArg)
    .addOption(new Option('--data-bits <n>', 'data bits').choices(['7', '8']))
    .addOption(new Option('--parity <p>', 'parity').choices(['none', 'even', 'odd']))
    .addOption(new Option('--stop-bits <n>', 'stop bits').choices(['1', '2']));
}

/** `--protocol`: the scale protocols the simulator and `devices watch` speak. */
export const scaleProtocolOption = () => new Option('--protocol <name>', 'scale protocol').choices(['mt-sics', 'toledo-8217', 'continuous']);

export interface SerialFlags {
  port: string;
  baud?: number;
  dataBits?: string;
  parity?: string;
  stopBits?: string;
}

/**
 * The line flags given, over a scale profile's line (when one is named), over the protocol's usual
 * one. The device modules load on call. Throws the zod error of serialSettings when a value is invalid.
 */
export async function serialFrom(opts: SerialFlags, protocol?: string, profileName?: string) {
  const [{ serialSettings }, { PROTOCOL_SERIAL_DEFAULTS }, { scaleProfile }] = await Promise.all([import('../devices/serial-settings.js'), import('../devices/device-config.js'), import('../devices/scale/scale-profiles.js')]);
  const line = profileName ? scaleProfile(profileName)?.serial : undefined;
  const defaults = { ...(protocol && PROTOCOL_SERIAL_DEFAULTS[protocol as keyof typeof PROTOCOL_SERIAL_DEFAULTS]), ...line };
  return serialSettings.parse({
    path: opts.port,
    baudRate: opts.baud ?? defaults.baudRate ?? 9600,
    dataBits: Number(opts.dataBits ?? defaults.dataBits ?? 8),
    parity: opts.parity ?? defaults.parity ?? 'none',
    stopBits: Number(opts.stopBits ?? defaults.stopBits ?? 1),
    xon: line?.xon ?? false,
    xoff: line?.xoff ?? false,
  });
}

/** The scale `devices watch` opens: its profile's settings, under the flags given (not yet validated: deviceConfig does). */
export async function watchedScale(opts: SerialFlags & { profile?: string; protocol?: string; decimals?: number; unit?: string }) {
  return {
    kind: 'scale',
    id: 'watch',
    serial: await serialFrom(opts, opts.protocol, opts.profile),
    ...(opts.profile && { profile: opts.profile }),
    ...(opts.protocol && { protocol: opts.protocol }),
    ...(opts.decimals !== undefined && { decimals: opts.decimals }),
    ...(opts.unit && { unit: opts.unit }),
  };
}
