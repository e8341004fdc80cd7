import { createInterface } from 'node:readline';
import type { SerialSettings } from '../devices/serial-settings.js';
import { startSimulator, type SimulatorSpec } from '../devices/simulators/device-simulator.js';
import { SIM_HELP } from '../devices/simulators/sim-commands.js';
import type { ContinuousStyle, SimMtSicsUnit } from '../devices/simulators/scale-responders.js';
import { scaleProfile, unknownProfileProblem } from '../devices/scale/scale-profiles.js';
import type { ScaleProtocolName } from '../devices/scale/scale-frame.js';
import { WEIGHT_UNITS } from '../domain/weight.js';

/** The continuous format each continuous profile's scales send (the simulator's style). */
const CONTINUOUS_STYLE: Record<string, ContinuousStyle> = { 'adam-continuous': 'adam', 'cas-22-byte': 'cas-22' };

export type SimulatedScaleSpec = Extract<SimulatorSpec, { kind: 'scale' }>;

/**
 * What `quai sim scale` simulates: a profile's protocol, reading and format under the flags given
 * (`--protocol`, `--unit`, `--decimals`).
 * Throws an Error saying what is wrong (an unknown profile, a unit the protocol cannot send).
 */
export function simulatedScale(opts: { profile?: string; protocol?: string; unit?: string; decimals?: number }): SimulatedScaleSpec {
  const profile = opts.profile === undefined ? undefined : scaleProfile(opts.profile);
  const problem = opts.profile === undefined ? null : unknownProfileProblem(opts.profile);
  if (problem) throw new Error(problem);
  const protocol = (opts.protocol ?? profile?.protocol) as ScaleProtocolName | undefined;
  if (!protocol) throw new Error('a scale needs --protocol or --profile');
  const unit = opts.unit ?? profile?.unit;
  const units: readonly string[] = protocol === 'mt-sics' ? [...WEIGHT_UNITS, 'lb:oz'] : WEIGHT_UNITS;
  if (unit !== undefined && (protocol === 'continuous' || !units.includes(unit))) throw new Error(`--unit ${unit}: ${protocol === 'continuous' ? 'the continuous simulator sends kg' : `one of ${units.join(', ')}`}`);
  const decimals = opts.decimals ?? profile?.decimals;
  if (decimals !== undefined && protocol !== 'toledo-8217') throw new Error('--decimals is for a Toledo 8217 scale that omits the point');
  const style = profile ? CONTINUOUS_STYLE[profile.name] : undefined;
  return { kind: 'scale', protocol, ...(unit && { unit: unit as SimMtSicsUnit }), ...(decimals !== undefined && { decimals }), ...(style && { style }) };
}

/** `quai sim scale|scanner`: a simulator on a serial path, driven by lines on stdin. */
export async function runSimulatorCommand(spec: SimulatorSpec, serial: SerialSettings): Promise<void> {
  const simulator = startSimulator(spec, serial);
  simulator.port.on('state', (state) => process.stderr.write(`port ${serial.path}: ${state.state}${'reason' in state ? ` (${state.reason})` : ''}\n`));
  process.stderr.write(`${spec.kind} simulator on ${serial.path}; commands: ${SIM_HELP}\n`);
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${await simulator.handle(line)}\n`);
    if (line.trim().toLowerCase() === 'quit') break;
  }
  lines.close();
  process.stdin.destroy();
  await simulator.stop();
}
