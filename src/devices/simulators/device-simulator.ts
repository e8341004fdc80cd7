import type { ScaleProtocolName } from '../scale/scale-frame.js';
import { ManagedPort, type ManagedPortOptions } from '../managed-port.js';
import type { SerialSettings } from '../serial-settings.js';
import { suffixBytes } from '../scanner/scanner-framing.js';
import { MT_STABILITY_TIMEOUT_MS, answerMtSics, continuousLine, respondToledo, type ContinuousStyle, type SimMtSicsUnit } from './scale-responders.js';
import { parseSimCommand, type SimCommand } from './sim-commands.js';
import { SimulatedScale } from './simulated-scale.js';

/**
 * What to simulate. A scale may speak a dialect: MT-SICS in another unit than kg (`lb:oz`
 * included), Toledo 8217 without a decimal point (`decimals`, `unit`), continuous output in
 * Adam's or CAS's format.
 */
export type SimulatorSpec =
  | { kind: 'scale'; protocol: ScaleProtocolName; unit?: SimMtSicsUnit; decimals?: number; style?: ContinuousStyle }
  | { kind: 'scanner'; suffix: string };

export interface RunningSimulator {
  /** Applies one control line; resolves with what to tell the person at the bench. */
  handle(line: string): Promise<string>;
  stop(): Promise<void>;
  readonly port: ManagedPort;
}

/**
 * A device simulator on a serial path (one end of a socat pty pair): answers a driver the way
 * the real device would, and is driven by control lines (place 1.234 kg, shake, scan …).
 */
export function startSimulator(spec: SimulatorSpec, serial: SerialSettings, portOptions: ManagedPortOptions = {}): RunningSimulator {
  const port = new ManagedPort(serial, portOptions);
  const scale = new SimulatedScale();
  let stream: NodeJS.Timeout | undefined;
  let lineBuffer = '';
  /** Muted, it hears and answers nothing (a scale in its menu, a cut transmit line). */
  let muted = false;
  /** MT-SICS commands are answered one after the other, each once it is done. */
  let answering = Promise.resolve();
  // latin1: one byte a character, as the devices send them (a CAS lamp byte is above 0x7f)
  const reply = (text: string) => void port.write(Buffer.from(text, 'latin1')).catch(() => undefined);

  if (spec.kind === 'scale') {
    const mtUnit = spec.unit ?? 'kg';
    const reading = { ...(spec.decimals !== undefined && { decimals: spec.decimals }), ...(spec.unit && spec.unit !== 'lb:oz' && { unit: spec.unit }) };
    port.on('data', (data) => {
      if (muted) return;
      const text = data.toString('latin1');
      if (spec.protocol === 'toledo-8217') {
        for (const byte of text) if ('WZTC'.includes(byte)) reply(respondToledo(byte, scale, reading));
        return;
      }
      // continuous output takes no commands
      if (spec.protocol !== 'mt-sics') return;
      lineBuffer += text;
      let at: number;
      while ((at = lineBuffer.indexOf('\n')) >= 0) {
        const line = lineBuffer.slice(0, at).replace(/\r$/, '');
        lineBuffer = lineBuffer.slice(at + 1);
        answering = answering.then(async () => {
          const answer = await answerMtSics(line, scale, MT_STABILITY_TIMEOUT_MS, mtUnit);
          if (!muted) reply(answer);
        });
      }
    });
    if (spec.protocol === 'continuous') stream = setInterval(() => port.isOnline && !muted && reply(continuousLine(scale, spec.style)), 100);
  }
  port.open();

  const apply = async (command: SimCommand): Promise<string> => {
    switch (command.kind) {
      case 'place':
        scale.place(command.weight);
        return `placed ${command.weight.value} ${command.weight.unit}`;
      case 'remove':
        scale.remove();
        return 'removed';
      case 'shake':
        scale.shake(command.ms);
        return `shaking for ${command.ms} ms`;
      case 'overload':
      case 'underload':
        scale.overload = command.kind === 'overload';
        scale.underload = command.kind === 'underload';
        return command.kind;
      case 'normal':
        scale.overload = scale.underload = false;
        return 'normal';
      case 'mute':
      case 'unmute':
        muted = command.kind === 'mute';
        return muted ? 'muted: no answer to anything' : 'answering again';
      case 'scan':
        if (spec.kind !== 'scanner') return 'this simulator is a scale: scan is for `quai sim scanner`';
        await port.write(command.data + suffixBytes(spec.suffix));
        return `sent ${JSON.stringify(command.data)}`;
      case 'unplug':
        await port.close();
        setTimeout(() => port.open(), command.ms);
        return `unplugged for ${command.ms} ms`;
      case 'quit':
        return 'bye';
    }
  };

  return {
    port,
    async handle(line: string) {
      const command = parseSimCommand(line);
      if ('error' in command) return `error: ${command.error}`;
      try {
        return await apply(command);
      } catch (error) {
        return `error: ${(error as Error).message}`;
      }
    },
    async stop() {
      clearInterval(stream);
      await port.close();
    },
  };
}
