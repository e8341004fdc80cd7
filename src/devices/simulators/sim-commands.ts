import { parseWeight, type Weight } from '../../domain/weight.js';

/** A line typed (or piped) into `quai sim`: what to do to the simulated device. */
export type SimCommand =
  | { kind: 'place'; weight: Weight }
  | { kind: 'remove' }
  | { kind: 'shake'; ms: number }
  | { kind: 'overload' }
  | { kind: 'underload' }
  | { kind: 'normal' }
  | { kind: 'mute' }
  | { kind: 'unmute' }
  | { kind: 'scan'; data: string }
  | { kind: 'unplug'; ms: number }
  | { kind: 'quit' };

export const SIM_HELP =
  'place <value> [g|kg|lb|oz] · remove · shake [ms] · overload · underload · normal · mute · unmute · scan <data> (<GS> for a group separator) · unplug [ms] · quit';

/** Parses one control line; an error message for anything else. */
export function parseSimCommand(line: string): SimCommand | { error: string } {
  const [verb = '', ...rest] = line.trim().split(/\s+/);
  const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : /^\d+$/.test(text) ? Number(text) : NaN);
  switch (verb.toLowerCase()) {
    case 'place': {
      const weight = parseWeight(rest[0] ?? '', rest[1] ?? 'kg');
      return weight ? { kind: 'place', weight } : { error: `place needs a weight such as "place 1.234 kg", not "${rest.join(' ')}"` };
    }
    case 'remove':
      return { kind: 'remove' };
    case 'shake': {
      const ms = number(rest[0], 1000);
      return Number.isNaN(ms) ? { error: 'shake takes a duration in ms' } : { kind: 'shake', ms };
    }
    case 'overload':
    case 'underload':
    case 'normal':
    case 'mute':
    case 'unmute':
    case 'quit':
      return { kind: verb.toLowerCase() as 'overload' | 'underload' | 'normal' | 'mute' | 'unmute' | 'quit' };
    case 'scan': {
      // everything after "scan " verbatim, so spaces inside the data survive
      const data = line.trim().slice(4).trimStart().replace(/<GS>/gi, '\x1d').replace(/\\x1d/gi, '\x1d');
      return data ? { kind: 'scan', data } : { error: 'scan needs the data to send' };
    }
    case 'unplug': {
      const ms = number(rest[0], 1000);
      return Number.isNaN(ms) ? { error: 'unplug takes a duration in ms' } : { kind: 'unplug', ms };
    }
    default:
      return { error: `unknown command "${verb}"; commands: ${SIM_HELP}` };
  }
}
