import type { Weight, WeightUnit } from '../../domain/weight.js';

/**
 * Why a scale did not do a zero, tare or clear-tare: stable codes, which terminals translate.
 * `busy`: MT-SICS `I` (busy, or not steady before the scale's stability timeout); `moving`:
 * Toledo motion bit; `overload` / `underload`: over capacity / under zero; `above-range` /
 * `below-range`: MT-SICS `+` / `-` on Z or T (the load is outside the zero or tare range);
 * `out-of-range`: Toledo "outside the zero capture range"; `tare-active`: a Toledo scale does
 * not zero with a tare on; `not-executable`: `L`, `EL` or a status that says it was not done;
 * `unknown-command`: `ES`; `transmission`: `ET`; `timeout`: no answer in time.
 */
export const SCALE_REFUSALS = [
  'busy',
  'moving',
  'overload',
  'underload',
  'above-range',
  'below-range',
  'out-of-range',
  'tare-active',
  'not-executable',
  'unknown-command',
  'transmission',
  'timeout',
] as const;
export type ScaleRefusal = (typeof SCALE_REFUSALS)[number];

/** What came of a zero, tare or clear-tare sent to a scale. */
export type ScaleAnswer =
  /** The scale said it was done; a tare with the value the scale reported, when it reports one. */
  | { outcome: 'done'; tare?: Weight }
  | { outcome: 'refused'; reason: ScaleRefusal }
  /** The scale's protocol takes no commands (continuous output). */
  | { outcome: 'no-commands' }
  /** No scale online to ask, or it went offline before it answered. */
  | { outcome: 'unavailable' };

/** What one frame from a scale says, whatever its protocol. */
export type ScaleFrame =
  | { type: 'weight'; weight: Weight; motion: boolean; net: boolean }
  | { type: 'overload' }
  | { type: 'underload' }
  /** The scale says it moves but sends no value (Toledo `?A`). */
  | { type: 'motion' }
  /** A zero/tare/clear command was done (MT-SICS `Z A`, `T S 1.000 kg`, `TAC A`). */
  | { type: 'done'; command: string; tare?: Weight }
  /** A command was understood but not done (MT-SICS `I`, `L`, `+`, `-`), or an error line (`ES`, `ET`, `EL`: command `?`). */
  | { type: 'refused'; command: string; reason: Extract<ScaleRefusal, 'busy' | 'not-executable' | 'above-range' | 'below-range' | 'unknown-command' | 'transmission'> }
  | { type: 'identity'; serial: string }
  /** Toledo status byte bits other than motion/over/under, e.g. "outside zero range", "net mode". */
  | { type: 'status'; flags: string[] }
  /** Bytes that do not make a frame of this protocol: reported, never guessed at. */
  | { type: 'garbled'; raw: string };

export type ScaleProtocolName = 'mt-sics' | 'toledo-8217' | 'continuous';

/**
 * How a device's numbers are read when its frames leave something out (device config):
 * `decimals`, the decimal places of a number sent without a point (`00150` with 0 → 150, with 3
 * → 0.150); `unit`, the unit of a frame that names none (g unless set).
 */
export interface ImpliedReading {
  decimals?: number;
  unit?: WeightUnit;
}
