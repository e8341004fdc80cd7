/**
 * The host keyboard layouts a terminal may have, as pure data: for each key position of a US
 * keyboard (the layout wedge scanners are left on), the character each host layout turns it into.
 * A wedge scanner sends key positions (HID usages) for US; the host reads them with its own layout
 * (shared/reference/devices.md §4.5). Rows are the digit row (E), then rows D, C and B, unshifted
 * then shifted; `◌` is a dead key (no character of its own), never produced by a burst we map.
 * Layouts: French AZERTY (fr-FR), Belgian AZERTY (fr-BE), Swiss QWERTZ (de-CH/fr-CH), German
 * QWERTZ (de-DE), US (the identity). The ISO-only keys (`<`, `\`) and `` ` `` are left out: no code
 * a scanner reads for us uses them.
 */
export const KEYBOARD_LAYOUTS = ['fr', 'be', 'ch', 'de', 'us'] as const;
export type KeyboardLayout = (typeof KEYBOARD_LAYOUTS)[number];

/** A dead key: the position gives no character by itself on that layout. */
export const DEAD_KEY = '◌';

interface LayoutRows {
  unshifted: readonly [string, string, string, string];
  shifted: readonly [string, string, string, string];
}

/** The US keys, row by row: the characters a US-configured scanner means. */
export const US_ROWS: LayoutRows = {
  unshifted: ['1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'],
  shifted: ['!@#$%^&*()_+', 'QWERTYUIOP{}', 'ASDFGHJKL:"', 'ZXCVBNM<>?'],
};

/** What each host layout gives for the same key positions. */
export const HOST_ROWS: Record<KeyboardLayout, LayoutRows> = {
  fr: {
    unshifted: ['&é"\'(-è_çà)=', 'azertyuiop◌$', 'qsdfghjklmù', 'wxcvbn,;:!'],
    shifted: ['1234567890°+', 'AZERTYUIOP◌£', 'QSDFGHJKLM%', 'WXCVBN?./§'],
  },
  be: {
    unshifted: ['&é"\'(§è!çà)-', 'azertyuiop◌$', 'qsdfghjklmù', 'wxcvbn,;:='],
    shifted: ['1234567890°_', 'AZERTYUIOP◌*', 'QSDFGHJKLM%', 'WXCVBN?./+'],
  },
  ch: {
    unshifted: ["1234567890'◌", 'qwertzuiopü◌', 'asdfghjklöä', 'yxcvbnm,.-'],
    shifted: ['+"*ç%&/()=?◌', 'QWERTZUIOPè!', 'ASDFGHJKLéà', 'YXCVBNM;:_'],
  },
  de: {
    unshifted: ['1234567890ß◌', 'qwertzuiopü+', 'asdfghjklöä', 'yxcvbnm,.-'],
    shifted: ['!"§$%&/()=?◌', 'QWERTZUIOPÜ*', 'ASDFGHJKLÖÄ', 'YXCVBNM;:_'],
  },
  us: US_ROWS,
};
