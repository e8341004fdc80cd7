import { parseWeight } from '../../domain/weight.js';
import type { ScaleAnswer, ScaleFrame } from './scale-frame.js';

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
    if (id === 'EL') return { type: 'refused', command: '?', reason: 'not-executable' };
    if (id === 'EI') return { type: 'refused', command: '?', reason: 'busy' };
    return { type: 'garbled', raw: text };
  }
  if (status === 'I') return { type: 'refused', command: id, reason: 'busy' };
  if (status === 'L') return { type: 'refused', command: id, reason: 'not-executable' };
  // on a weight command + and - are the weighing range; on Z and T, the zero or tare range
  if (status === '+') return id === 'S' ? { type: 'overload' } : { type: 'refused', command: id, reason: 'above-range' };
  if (status === '-') return id === 'S' ? { type: 'underload' } : { type: 'refused', command: id, reason: 'below-range' };
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

/**
 * Whether a line answers the command sent (`Z`, `T`, `TAC`), and what it says: its own ID with
 * `A` (or `S` and the tare value), a refusal with its ID, or a general error (`ES`, `ET`, `EL`).
 * Any other line (a poll's late answer) is not this command's answer: undefined.
 */
export function mtSicsCommandAnswer(frame: ScaleFrame, sent: string): ScaleAnswer | undefined {
  if (frame.type === 'done' && frame.command === sent) return frame.tare ? { outcome: 'done', tare: frame.tare } : { outcome: 'done' };
  if (frame.type === 'refused' && (frame.command === sent || frame.command === '?')) return { outcome: 'refused', reason: frame.reason };
  return undefined;
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
