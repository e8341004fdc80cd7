import { parseWeight, withImpliedDecimals } from '../../domain/weight.js';
import type { ImpliedReading, ScaleAnswer, ScaleFrame, ScaleRefusal } from './scale-frame.js';

const STX = '\x02';

/** Status byte bits (DIVA manual); bit 6 is always 1 and bit 7 is parity, stripped by 7E1. */
const STATUS_BITS = ['motion', 'over-capacity', 'under-zero', 'outside-zero-range', 'centre-of-zero', 'net-mode'] as const;

export function toledoStatusFlags(statusChar: string): string[] {
  const code = statusChar.charCodeAt(0);
  return STATUS_BITS.filter((_, bit) => (code & (1 << bit)) !== 0);
}

const body = (frame: string) => frame.replace(/\r$/, '').replace(new RegExp(`^${STX}`), '');
const statusOf = (text: string) => (text.startsWith('?') && text.length === 2 ? toledoStatusFlags(text[1]!) : undefined);

/**
 * Parses one Toledo 8217 frame, the bytes between STX and CR: a weight (`01.234`, `1.234N` for
 * net) or `?` and a status byte, sent instead of a weight when the scale moves, is over
 * capacity or under zero, and as the answer to Z, T and C (read by `toledoCommandAnswer`).
 * A weight with three decimals is in kg, with two in lb (DIVA manual §6.1.3.2). Scales set to
 * send it without a point (`00150`, 8217-compatible Dibal and Bizerba modes) are read with the
 * device's `decimals` and `unit` (g unless set); without `decimals` such a frame is garbled.
 */
export function parseToledoFrame(frame: string, reading: ImpliedReading = {}): ScaleFrame {
  const text = body(frame);
  const flags = statusOf(text);
  if (flags) {
    if (flags.includes('over-capacity')) return { type: 'overload' };
    if (flags.includes('under-zero')) return { type: 'underload' };
    if (flags.includes('motion')) return { type: 'motion' };
    return { type: 'status', flags };
  }
  const match = /^\s*(\d+)(?:\.(\d+))?(N?)$/.exec(text);
  if (!match) return { type: 'garbled', raw: frame };
  const [, whole, fraction, net] = match;
  let weight;
  if (fraction !== undefined) {
    // three decimals is the kg format (WW.WWW), two the lb format (WW.WW)
    weight = parseWeight(`${whole}.${fraction}`, fraction.length === 3 ? 'kg' : 'lb');
  } else if (reading.decimals !== undefined) {
    weight = parseWeight(withImpliedDecimals(whole!, reading.decimals), reading.unit ?? 'g');
  }
  return weight ? { type: 'weight', weight, motion: false, net: net === 'N' } : { type: 'garbled', raw: frame };
}

/**
 * What the status a Toledo scale sends back after Z, T or C says of the command. The scale
 * answers every one with its status, done or not (DIVA manual: Z only when stable, within the
 * zero capture range and with no tare; T needs tare enabled; C is ignored when not stable), so
 * it is read from the status: in motion, over or under, outside the zero range, in net mode
 * (tared) or not. Anything but a status (a poll's late weight) is not the answer: undefined.
 */
export function toledoCommandAnswer(frame: string, sent: string): ScaleAnswer | undefined {
  const flags = statusOf(body(frame));
  if (!flags) return undefined;
  const refused = (reason: ScaleRefusal): ScaleAnswer => ({ outcome: 'refused', reason });
  const net = flags.includes('net-mode');
  if (flags.includes('motion')) return refused('moving');
  if (sent === TOLEDO_8217.zero && flags.includes('outside-zero-range')) return refused('out-of-range');
  if (flags.includes('over-capacity')) return refused('overload');
  if (flags.includes('under-zero')) return refused('underload');
  switch (sent) {
    case TOLEDO_8217.zero:
      return net ? refused('tare-active') : { outcome: 'done' };
    case TOLEDO_8217.tare:
      return net ? { outcome: 'done' } : refused('not-executable');
    case TOLEDO_8217.clearTare:
      return net ? refused('not-executable') : { outcome: 'done' };
    default:
      return undefined;
  }
}

export const TOLEDO_8217 = {
  poll: 'W',
  zero: 'Z',
  tare: 'T',
  clearTare: 'C',
  /** Frames end with CR; the leading STX is stripped by the parser. */
  delimiter: '\r',
} as const;
