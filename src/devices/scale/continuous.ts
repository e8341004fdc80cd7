import { parseWeight, withImpliedDecimals } from '../../domain/weight.js';
import type { ImpliedReading, ScaleFrame } from './scale-frame.js';

/**
 * A&D-style continuous output and its many copies: `ST,+00123.45  g`, `US,GS,+  4.876kg`,
 * `ST,GS,-0001.20 lb`, `OL,+999999.9  g`. Stability header, optional gross/net header, sign,
 * number, unit. Other makers' formats can be given as a pattern with the same named groups.
 */
export const CONTINUOUS_DEFAULT_PATTERN = /^(?<status>ST|US|OL|QT)\s*,\s*(?:(?<mode>GS|NT)\s*,?\s*)?(?<sign>[+-])?\s*(?<value>\d+(?:\.\d+)?)\s*(?<unit>[A-Za-z]+)\s*$/;

/**
 * Reads one line of continuous output. A number without a point is read with the device's
 * `decimals` when set; a line whose pattern has no `unit` (or an empty one) is in the device's
 * `unit`, and garbled when none is set.
 */
export function parseContinuousLine(line: string, pattern: RegExp = CONTINUOUS_DEFAULT_PATTERN, reading: ImpliedReading = {}): ScaleFrame {
  const text = line.replace(/[\r\n]+$/, '');
  const groups = pattern.exec(text)?.groups;
  const unit = groups?.unit?.trim() || reading.unit;
  if (!groups?.value || !unit) return { type: 'garbled', raw: text };
  if (groups.status === 'OL') return { type: 'overload' };
  const value = reading.decimals === undefined ? groups.value : withImpliedDecimals(groups.value, reading.decimals);
  const weight = parseWeight(`${groups.sign === '-' ? '-' : ''}${value}`, unit);
  if (!weight) return { type: 'garbled', raw: text };
  return { type: 'weight', weight, motion: groups.status === 'US', net: groups.mode === 'NT' };
}

/**
 * Builds a custom pattern from configuration text; it must name the group `value`, and the group
 * `unit` unless the device's unit is set.
 */
export function continuousPattern(source: string, unitSet = false): RegExp {
  const pattern = new RegExp(source);
  if (!/\(\?<value>/.test(source)) throw new Error('a continuous-output pattern needs the named group value');
  if (!unitSet && !/\(\?<unit>/.test(source)) throw new Error('a continuous-output pattern needs the named group unit, or the device needs a unit');
  return pattern;
}
