import { DEAD_KEY, HOST_ROWS, KEYBOARD_LAYOUTS, US_ROWS, type KeyboardLayout } from './keyboard-layouts.js';

/** GS (0x1D) is no key of any layout: a burst's separators pass through as they are. */
const GS = '\x1d';

type CharMap = ReadonlyMap<string, string>;

/** Pairs every US character with what `layout` gives at its position (dead keys left out), plus space. */
function pairs(layout: KeyboardLayout): [us: string, host: string][] {
  const host = HOST_ROWS[layout];
  const result: [string, string][] = [[' ', ' ']];
  for (const level of ['unshifted', 'shifted'] as const) {
    US_ROWS[level].forEach((row, r) => {
      [...row].forEach((us, k) => {
        const typed = [...host[level][r]!][k]!;
        if (typed !== DEAD_KEY) result.push([us, typed]);
      });
    });
  }
  return result;
}

function perLayout<T>(make: (layout: KeyboardLayout) => T): Record<KeyboardLayout, T> {
  const table: Partial<Record<KeyboardLayout, T>> = {};
  for (const layout of KEYBOARD_LAYOUTS) table[layout] = make(layout);
  return table as Record<KeyboardLayout, T>;
}

const TYPED = perLayout<CharMap>((l) => new Map(pairs(l)));
const MEANT = perLayout<CharMap>((l) => new Map(pairs(l).map(([us, host]) => [host, us])));

/**
 * What a host with `layout` shows when a US-configured wedge scanner types `text`: `1001` on
 * `fr` is `&àà&`. Null when `text` holds a character the scanner cannot type through that layout
 * (a dead key there, or no US key at all). Source: the layouts in keyboard-layouts.ts
 * (shared/reference/devices.md §4.5).
 */
export function typedThrough(text: string, layout: KeyboardLayout): string | null {
  return translate(text, TYPED[layout]);
}

/**
 * The inverse of `typedThrough`: what a US-configured scanner meant when a host with `layout`
 * shows `text` (`B&àà&` on `fr` → `B1001`, `"è-&àààààà&èàè` → `3761000001707`). GS passes
 * through. Null when a character of `text` is no key of that layout.
 */
export function meantThrough(text: string, layout: KeyboardLayout): string | null {
  return translate(text, MEANT[layout]);
}

function translate(text: string, map: CharMap): string | null {
  let out = '';
  for (const char of text) {
    const mapped = char === GS ? GS : map.get(char);
    if (mapped === undefined) return null;
    out += mapped;
  }
  return out;
}

/** A wedge burst read again as a US scanner typing through `layout`. */
export interface Remapping {
  layout: KeyboardLayout;
  text: string;
}

/**
 * The digit-row characters that tell a burst went through a layout: what the layout gives on the
 * digit row (with or without Shift) where a US host gives something else, digits left out
 * (`& é " ' ( - è _ ç à ) °` on fr, `ß " § & / ( ) = ?` on de; none on us).
 */
const DIGIT_ROW_SIGNS = perLayout<ReadonlySet<string>>((l) => {
  const signs = new Set<string>();
  for (const level of ['unshifted', 'shifted'] as const) {
    const us = [...US_ROWS[level][0]];
    [...HOST_ROWS[l][level][0]].forEach((host, k) => {
      if (host !== DEAD_KEY && host !== us[k] && !/\d/.test(host)) signs.add(host);
    });
  }
  return signs;
});

/** The layouts whose digit row gives digits only with Shift (AZERTY): a US scanner's digits never arrive as digits there. */
const SHIFTED_DIGITS = perLayout<boolean>((l) => !/\d/.test(HOST_ROWS[l].unshifted[0]));

/**
 * The readings of a wedge burst that differ from it as typed, to try in order when it matches
 * nothing as typed: the terminal's layout first (`preferred`), then the others in the order of
 * KEYBOARD_LAYOUTS; each distinct text once (fr and be read `B&àà&` alike: once, as fr).
 * A layout is tried only when the burst holds one of its digit-row signs (DIGIT_ROW_SIGNS): the
 * issue's rule, a burst of digit-row characters that matches nothing is mapped back, so a burst of
 * letters is never letter-swapped (`CHZ-1` on a German host stays as it is). And a burst holding a
 * plain digit is not read through a layout that gives digits only with Shift: a US scanner types
 * digits unshifted, so `3761000001707` on an AZERTY host was not typed through it.
 */
export function remappings(burst: string, preferred: KeyboardLayout | null): Remapping[] {
  const order = preferred ? [preferred, ...KEYBOARD_LAYOUTS.filter((l) => l !== preferred)] : KEYBOARD_LAYOUTS;
  const chars = [...burst];
  const seen = new Set([burst]);
  const result: Remapping[] = [];
  for (const layout of order) {
    if (!chars.some((char) => DIGIT_ROW_SIGNS[layout].has(char))) continue;
    if (SHIFTED_DIGITS[layout] && chars.some((char) => /\d/.test(char))) continue;
    const text = meantThrough(burst, layout);
    if (text === null || seen.has(text)) continue;
    seen.add(text);
    result.push({ layout, text });
  }
  return result;
}
