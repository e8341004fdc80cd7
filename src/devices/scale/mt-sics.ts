import { parseWeight } from '../../domain/weight.js';
import type { ScaleFrame } from './scale-frame.js';

/** Commands whose answers carry the weight-command ID `S`. */
const WEIGHT_IDS = new Set(['S', 'SI', 'SIR', 'SU']);

/**
 * Parses one MT-SICS response line (without CR LF): `S S     100.00 g`, `S D 129.07 g`,
 * `S +`, `Z A`, `T S 12.50 g`, `I4 A "B207696838"`, `ES`… Fields are split on runs of spaces,
 * since their widths differ between models.
 */
export function parseMtSicsLine(line: string): ScaleFrame {
  const text = line.replace(/[\r\n]+$/, '');
  const tokens = text.trim().split(/\s+/);
  const [id = '', status = '', value, unit] = tokens;
  if (tokens.length === 1) {
    if (id === 'ES') return { type: 'refused', command: '?', reason: 'unknown-command' };
    if (id === 'ET') return { type: 'refused', command: '?', reason: 'transmission' };
    if (id === 'EL' || id === 'EI') return { type: 'refused', command: '?', reason: 'not-allowed' };
    return { type: 'garbled', raw: text };
  }
  if (status === 'I') return { type: 'refused', command: id, reason: 'busy' };
  if (status === 'L') return { type: 'refused', command: id, reason: 'not-allowed' };
  if (status === '+') return id === 'S' ? { type: 'overload' } : { type: 'refused', command: id, reason: 'not-allowed' };
  if (status === '-') return id === 'S' ? { type: 'underload' } : { type: 'refused', command: id, reason: 'not-allowed' };
  if (id === 'I4' && status === 'A' && value) return { type: 'identity', serial: tokens.slice(2).join(' ').replace(/^"|"$/g, '') };
  if (WEIGHT_IDS.has(id) && (status === 'S' || status === 'D') && tokens.length === 4) {
    const weight = parseWeight(value!, unit!);
    if (weight) return { type: 'weight', weight, motion: status === 'D', net: true };
    return { type: 'garbled', raw: text };
  }
  if ((id === 'T' || id === 'TI' || id === 'TA') && (status === 'S' || status === 'D' || status === 'A') && tokens.length === 4) {
    const tare = parseWeight(value!, unit!);
    return tare ? { type: 'done', command: id, tare } : { type: 'garbled', raw: text };
  }
  if ((id === 'Z' || id === 'ZI' || id === 'TAC' || id === '@') && (status === 'A' || status === 'S' || status === 'D') && tokens.length === 2) {
    return { type: 'done', command: id };
  }
  return { type: 'garbled', raw: text };
}

export const MT_SICS = {
  /** Net weight now, stable or not: polled, so motion and settling are seen as they happen. */
  poll: 'SI\r\n',
  reset: '@\r\n',
  zero: 'Z\r\n',
  tare: 'T\r\n',
  clearTare: 'TAC\r\n',
  delimiter: '\r\n',
} as const;
