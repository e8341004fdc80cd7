import type { Weight } from '../../domain/weight.js';

/** What one frame from a scale says, whatever its protocol. */
export type ScaleFrame =
  | { type: 'weight'; weight: Weight; motion: boolean; net: boolean }
  | { type: 'overload' }
  | { type: 'underload' }
  /** The scale says it moves but sends no value (Toledo `?A`). */
  | { type: 'motion' }
  /** A zero/tare/clear command was done. */
  | { type: 'done'; command: string; tare?: Weight }
  /** A command was understood but refused: busy or unstable (`I`), not allowed (`L`, `EL`), unknown (`ES`), line error (`ET`). */
  | { type: 'refused'; command: string; reason: 'busy' | 'not-allowed' | 'unknown-command' | 'transmission' }
  | { type: 'identity'; serial: string }
  /** Toledo status byte bits other than motion/over/under, e.g. "outside zero range". */
  | { type: 'status'; flags: string[] }
  /** Bytes that do not make a frame of this protocol: reported, never guessed at. */
  | { type: 'garbled'; raw: string };

export type ScaleProtocolName = 'mt-sics' | 'toledo-8217' | 'continuous';
