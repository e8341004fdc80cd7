import { parseWeight } from '../../domain/weight.js';
import type { ScaleFrame } from './scale-frame.js';

/**
 * A&D-style continuous output and its many copies: `ST,+00123.45  g`, `US,GS,+  4.876kg`,
 * `ST,GS,-0001.20 lb`, `OL,+999999.9  g`. Stability header, optional gross/net header, sign,
 * number, unit. Other makers' formats can be given as a pattern with the same named groups.
 */
export const CONTINUOUS_DEFAULT_PATTERN = /^(?<status>ST|US|OL|QT)\s*,\s*(?:(?<mode>GS|NT)\s*,?\s*)?(?<sign>[+-])?\s*(?<value>\d+(?:\.\d+)?)\s*(?<unit>[A-Za-z]+)\s*$/;

export function parseContinuousLine(line: string, pattern: RegExp = CONTINUOUS_DEFAULT_PATTERN): ScaleFrame {
  const text = line.replace(/[\r\n]+$/, '');
  const groups = pattern.exec(text)?.groups;
  if (!groups?.value || !groups.unit) return { type: 'garbled', raw: text };
  if (groups.status === 'OL') return { type: 'overload' };
  const weight = parseWeight(`${groups.sign === '-' ? '-' : ''}${groups.value}`, groups.unit);
  if (!weight) return { type: 'garbled', raw: text };
  return { type: 'weight', weight, motion: groups.status === 'US', net: groups.mode === 'NT' };
}

/** Builds a custom pattern from configuration text; it must name the groups value and unit. */
export function continuousPattern(source: string): RegExp {
  const pattern = new RegExp(source);
  if (!/\(\?<value>/.test(source) || !/\(\?<unit>/.test(source)) throw new Error('a continuous-output pattern needs the named groups value and unit');
  return pattern;
}
