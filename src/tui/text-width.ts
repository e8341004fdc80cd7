import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth, { type Options } from 'string-width';

/**
 * Code points that are each a grapheme of their own and as wide as their East Asian Width says:
 * printable ASCII, Latin-1 and Latin Extended (no soft hyphen), spacing modifiers, general
 * punctuation (no zero-width, separator or bidi control), arrows and technical symbols, box
 * drawing, blocks, geometric shapes, miscellaneous symbols and dingbats. No control, format
 * character, combining mark, variation selector or joiner: nothing that joins a neighbour.
 */
const SIMPLE_TEXT = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u23FF\u2500-\u27BF]*$/;
/** Colours and bold (SGR sequences, no width): Ink measures styled text too. */
const SGR = /\u001B\[[0-9;]*m/g;

/**
 * string-width for the terminal's bundle (scripts/build-options.mjs puts it in its place): the
 * same widths in columns, but text of the ranges above (coloured or not) is measured code point by
 * code point.
 * string-width segments any text beyond ASCII into graphemes and tests it against the Unicode
 * emoji property, which costs 100-190 ms on first use on this machine kind: a French word, a `─`
 * rule or a `›` prompt in the first frame paid that before the terminal showed anything.
 */
export default function textWidth(text: string, options?: Options): number {
  if (typeof text !== 'string' || options?.ambiguousIsNarrow === false || options?.countAnsiEscapeCodes) return stringWidth(text, options);
  const plain = text.includes('\u001B') ? text.replace(SGR, '') : text;
  if (!SIMPLE_TEXT.test(plain)) return stringWidth(text, options);
  let width = 0;
  for (let index = 0; index < plain.length; index++) width += eastAsianWidth(plain.charCodeAt(index));
  return width;
}
