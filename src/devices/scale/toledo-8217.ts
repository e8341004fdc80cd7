import { parseWeight } from '../../domain/weight.js';
import type { ScaleFrame } from './scale-frame.js';

const STX = '\x02';

/** Status byte bits (DIVA manual); bit 6 is always 1 and bit 7 is parity, stripped by 7E1. */
const STATUS_BITS = ['motion', 'over-capacity', 'under-zero', 'outside-zero-range', 'centre-of-zero', 'net-mode'] as const;

export function toledoStatusFlags(statusChar: string): string[] {
  const code = statusChar.charCodeAt(0);
  return STATUS_BITS.filter((_, bit) => (code & (1 << bit)) !== 0);
}

/**
 * Parses one Toledo 8217 frame, the bytes between STX and CR: a weight (`01.234`, `1.234N` for
 * net) or `?` and a status byte, sent instead of a weight when the scale moves, is over
 * capacity or under zero, and as the answer to Z, T and C.
 */
export function parseToledoFrame(frame: string, lastCommand = 'W'): ScaleFrame {
  const body = frame.replace(/\r$/, '').replace(new RegExp(`^${STX}`), '');
  if (body.startsWith('?') && body.length === 2) {
    const flags = toledoStatusFlags(body[1]!);
    if (flags.includes('over-capacity')) return { type: 'overload' };
    if (flags.includes('under-zero')) return { type: 'underload' };
    if (flags.includes('motion')) return { type: 'motion' };
    if (lastCommand !== 'W') return { type: 'done', command: lastCommand };
    return { type: 'status', flags };
  }
  const match = /^\s*(\d+\.\d+)(N?)$/.exec(body);
  if (match) {
    // three decimals is the kg format (WW.WWW), two the lb format (WW.WW)
    const unit = match[1]!.split('.')[1]!.length === 3 ? 'kg' : 'lb';
    const weight = parseWeight(match[1]!, unit)!;
    return { type: 'weight', weight, motion: false, net: match[2] === 'N' };
  }
  if (body === '' && lastCommand !== 'W') return { type: 'done', command: lastCommand };
  return { type: 'garbled', raw: frame };
}

export const TOLEDO_8217 = {
  poll: 'W',
  zero: 'Z',
  tare: 'T',
  clearTare: 'C',
  /** Frames end with CR; the leading STX is stripped by the parser. */
  delimiter: '\r',
} as const;
