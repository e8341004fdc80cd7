import { kgText, type SimOutcome, type SimulatedScale } from './simulated-scale.js';

const STX = '\x02';

/** How long the simulated balance waits for a stable load on S, Z and T before it answers `I`. */
export const MT_STABILITY_TIMEOUT_MS = 2000;
/** MT-SICS commands that wait for a stable load before they act. */
const WAITS_FOR_STABILITY = new Set(['S', 'Z', 'T']);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Answers one MT-SICS command as a balance does: S, Z and T wait for the load to settle (up to
 * the stability timeout, then `I`); the others answer at once.
 */
export async function answerMtSics(command: string, scale: SimulatedScale, stabilityTimeoutMs = MT_STABILITY_TIMEOUT_MS): Promise<string> {
  if (WAITS_FOR_STABILITY.has(command.trim())) {
    const deadline = performance.now() + stabilityTimeoutMs;
    // a timer may fire a little early: wait again until the load is still or the time is up
    while (scale.inMotion() && performance.now() < deadline) await sleep(Math.min(scale.motionLeftMs(), deadline - performance.now()) + 1);
  }
  return respondMtSics(command, scale);
}

/** MT-SICS status of a zero or tare: `A`/`S` done, `I` not steady, `+`/`-` outside the range. */
const MT_REFUSAL: Record<Exclude<SimOutcome, 'done'>, string> = { moving: 'I', overload: '+', 'above-range': '+', underload: '-', 'below-range': '-' };

/** MT-SICS level 0/1 answers, as a balance sends them, now. */
export function respondMtSics(command: string, scale: SimulatedScale): string {
  const field = (mg: bigint) => kgText(mg).padStart(10, ' ');
  switch (command.trim()) {
    case '@':
      return 'I4 A "SIM0001"\r\n';
    case 'S':
    case 'SI': {
      if (scale.isOverloaded()) return 'S +\r\n';
      if (scale.underload) return 'S -\r\n';
      const moving = scale.inMotion();
      if (command.trim() === 'S' && moving) return 'S I\r\n';
      return `S ${moving ? 'D' : 'S'} ${field(scale.netMg())} kg\r\n`;
    }
    case 'Z': {
      const outcome = scale.zero();
      return outcome === 'done' ? 'Z A\r\n' : `Z ${MT_REFUSAL[outcome]}\r\n`;
    }
    case 'T': {
      const outcome = scale.tare();
      return outcome === 'done' ? `T S ${field(scale.tareMg)} kg\r\n` : `T ${MT_REFUSAL[outcome]}\r\n`;
    }
    case 'TA':
      return `TA A ${field(scale.tareMg)} kg\r\n`;
    case 'TAC':
      scale.clearTare();
      return 'TAC A\r\n';
    default:
      return 'ES\r\n';
  }
}

function toledoStatus(scale: SimulatedScale): string {
  let bits = 0x40;
  const net = scale.netMg();
  if (scale.inMotion()) bits |= 0x01;
  if (scale.isOverloaded()) bits |= 0x02;
  if (scale.underload || net < 0n) bits |= 0x04;
  if (scale.outsideZeroRange()) bits |= 0x08;
  if (!scale.inMotion() && net > -250n && net < 250n) bits |= 0x10; // within a quarter of a 1 g division
  if (scale.tareMg !== 0n) bits |= 0x20;
  return `${STX}?${String.fromCharCode(bits)}\r`;
}

/** Toledo 8217 answers to the one-byte commands W, Z, T and C: Z, T and C with the status after them. */
export function respondToledo(command: string, scale: SimulatedScale): string {
  switch (command) {
    case 'W': {
      const net = scale.netMg();
      if (scale.inMotion() || scale.isOverloaded() || scale.underload || net < 0n) return toledoStatus(scale);
      const [whole, fraction] = kgText(net).split('.');
      return `${STX}${whole!.padStart(2, '0')}.${fraction}${scale.tareMg !== 0n ? 'N' : ''}\r`;
    }
    case 'Z':
      // no zero with a tare on (the status still says net mode)
      if (scale.tareMg === 0n) scale.zero();
      return toledoStatus(scale);
    case 'T':
      scale.tare();
      return toledoStatus(scale);
    case 'C':
      // ignored when not stable
      if (!scale.inMotion()) scale.clearTare();
      return toledoStatus(scale);
    default:
      return `${STX}?${String.fromCharCode(0x40)}\r`;
  }
}

/** One line of A&D-style continuous output: `ST,+0001.234 kg`. */
export function continuousLine(scale: SimulatedScale): string {
  if (scale.isOverloaded()) return 'OL,+9999.999 kg\r\n';
  const net = scale.netMg();
  const text = kgText(net < 0n ? -net : net).padStart(8, '0');
  return `${scale.inMotion() ? 'US' : 'ST'},${net < 0n ? '-' : '+'}${text} kg\r\n`;
}
