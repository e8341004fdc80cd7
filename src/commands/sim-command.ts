import { createInterface } from 'node:readline';
import type { SerialSettings } from '../devices/serial-settings.js';
import { startSimulator, type SimulatorSpec } from '../devices/simulators/device-simulator.js';
import { SIM_HELP } from '../devices/simulators/sim-commands.js';

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
