import { fromMilligrams, type WeightUnit } from '../../domain/weight.js';
import type { ImpliedReading } from '../scale/scale-frame.js';
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
export async function answerMtSics(command: string, scale: SimulatedScale, stabilityTimeoutMs = MT_STABILITY_TIMEOUT_MS, unit: SimMtSicsUnit = 'kg'): Promise<string> {
  if (WAITS_FOR_STABILITY.has(command.trim())) {
    const deadline = performance.now() + stabilityTimeoutMs;
    // a timer may fire a little early: wait again until the load is still or the time is up
    while (scale.inMotion() && performance.now() < deadline) await sleep(Math.min(scale.motionLeftMs(), deadline - performance.now()) + 1);
  }
  return respondMtSics(command, scale, unit);
}

/** MT-SICS status of a zero or tare: `A`/`S` done, `I` not steady, `+`/`-` outside the range. */
const MT_REFUSAL: Record<Exclude<SimOutcome, 'done'>, string> = { moving: 'I', overload: '+', 'above-range': '+', underload: '-', 'below-range': '-' };

/** The units a simulated MT-SICS balance can weigh in (its display unit). */
export type SimMtSicsUnit = WeightUnit | 'lb:oz';

/** Decimal places a balance of each unit shows: g to the hundredth, kg to the gram, t to the kilogram. */
const MT_DECIMALS: Record<WeightUnit, number> = { g: 2, kg: 3, t: 3, lb: 2, oz: 2 };

/** A weight field and its unit as an MT-SICS balance writes them: `   1.234 kg`, `  12:07.50 lb:oz`. */
export function mtSicsWeight(mg: bigint, unit: SimMtSicsUnit): string {
  if (unit !== 'lb:oz') return `${fromMilligrams(mg, unit, MT_DECIMALS[unit]).padStart(10, ' ')} ${unit}`;
  const ounces = fromMilligrams(mg, 'oz', 2);
  const hundredths = BigInt(ounces.replace(/[-.]/g, ''));
  const rest = hundredths % 1600n;
  const text = `${ounces.startsWith('-') ? '-' : ''}${hundredths / 1600n}:${String(rest / 100n).padStart(2, '0')}.${String(rest % 100n).padStart(2, '0')}`;
  return `${text.padStart(10, ' ')} lb:oz`;
}

/** MT-SICS level 0/1 answers, as a balance sends them, now (in kg unless the balance is set to another unit). */
export function respondMtSics(command: string, scale: SimulatedScale, unit: SimMtSicsUnit = 'kg'): string {
  const field = (mg: bigint) => mtSicsWeight(mg, unit);
  switch (command.trim()) {
    case '@':
      return 'I4 A "SIM0001"\r\n';
    case 'S':
    case 'SI': {
      if (scale.isOverloaded()) return 'S +\r\n';
      if (scale.underload) return 'S -\r\n';
      const moving = scale.inMotion();
      if (command.trim() === 'S' && moving) return 'S I\r\n';
      return `S ${moving ? 'D' : 'S'} ${field(scale.netMg())}\r\n`;
    }
    case 'Z': {
      const outcome = scale.zero();
      return outcome === 'done' ? 'Z A\r\n' : `Z ${MT_REFUSAL[outcome]}\r\n`;
    }
    case 'T': {
      const outcome = scale.tare();
      return outcome === 'done' ? `T S ${field(scale.tareMg)}\r\n` : `T ${MT_REFUSAL[outcome]}\r\n`;
    }
    case 'TA':
      return `TA A ${field(scale.tareMg)}\r\n`;
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

/**
 * Toledo 8217 answers to the one-byte commands W, Z, T and C: Z, T and C with the status after
 * them. A weight is in kg with three decimals, or, for a scale set to omit the point, as a
 * 5-digit number of the reading's unit (g unless set) with its decimals.
 */
export function respondToledo(command: string, scale: SimulatedScale, reading: ImpliedReading = {}): string {
  switch (command) {
    case 'W': {
      const net = scale.netMg();
      if (scale.inMotion() || scale.isOverloaded() || scale.underload || net < 0n) return toledoStatus(scale);
      const suffix = `${scale.tareMg !== 0n ? 'N' : ''}\r`;
      if (reading.decimals !== undefined) return `${STX}${fromMilligrams(net, reading.unit ?? 'g', reading.decimals).replace('.', '').padStart(5, '0')}${suffix}`;
      const [whole, fraction] = kgText(net).split('.');
      return `${STX}${whole!.padStart(2, '0')}.${fraction}${suffix}`;
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

/** The continuous-output formats the simulator speaks: A&D's, Adam's (with gross/net), CAS 22-byte. */
export type ContinuousStyle = 'and' | 'adam' | 'cas-22';

/**
 * One line of continuous output, in kg: A&D `ST,+0001.234 kg`, Adam `ST,GS, 1.234 kg`, CAS
 * 22-byte `ST,GS,1<lamp>,0001.234 kg` (device id 1; lamp byte 0x80 | 0x40 stable | 0x04 gross).
 */
export function continuousLine(scale: SimulatedScale, style: ContinuousStyle = 'and'): string {
  const net = scale.netMg();
  const moving = scale.inMotion();
  const header = scale.isOverloaded() ? 'OL' : moving ? 'US' : 'ST';
  const text = kgText(net < 0n ? -net : net);
  switch (style) {
    case 'and':
      if (scale.isOverloaded()) return 'OL,+9999.999 kg\r\n';
      return `${header},${net < 0n ? '-' : '+'}${text.padStart(8, '0')} kg\r\n`;
    case 'adam':
      return `${header},GS,${net < 0n ? '-' : ' '}${text.padStart(8, ' ')} kg\r\n`;
    case 'cas-22': {
      const lamp = String.fromCharCode(0x80 | (moving ? 0 : 0x40) | 0x04);
      return `${header},GS,1${lamp},${net < 0n ? '-' : ''}${text.padStart(net < 0n ? 7 : 8, '0')} kg\r\n`;
    }
  }
}
