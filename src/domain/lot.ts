/**
 * Lots on the floor: what a typed lot number may be, and which lot of a bin goes first.
 */

/** A lot the books hold in a bin: its number, its use-by date (ISO `YYYY-MM-DD`, null when none) and units. */
export interface BinLot {
  lot: string;
  expiry: string | null;
  quantity: number;
}

/** GS1 AI (10) holds a lot of at most 20 characters: a longer one cannot be on any label. */
export const LOT_MAX_LENGTH = 20;

export type LotTextProblem = 'control' | 'charset' | 'too-long';

/** GS1 AI (10) is written in GS1 character set 82 (GS1 General Specifications §7.11, figure 7.11-1). */
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

/**
 * Why a typed lot number cannot be one (control characters — a scanner's separators or a stray
 * key —, a character no GS1 lot can hold (accents, `@`, `#`, spaces), or longer than GS1 allows),
 * or null when it may be. An empty lot is the prompt's concern.
 */
export function lotTextProblem(lot: string): LotTextProblem | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(lot)) return 'control';
  if (!CSET_82.test(lot)) return 'charset';
  if ([...lot].length > LOT_MAX_LENGTH) return 'too-long';
  return null;
}

/** A typed lot as an operator can read it back: control characters shown as `^X`/`\uNNNN`, cut to 32 characters. */
export function printableLot(lot: string): string {
  const shown = [...lot].map((c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    if (code >= 0x7f && code <= 0x9f) return `\\u${code.toString(16).padStart(4, '0')}`;
    return c;
  });
  return shown.length > 32 ? `${shown.slice(0, 31).join('')}…` : shown.join('');
}

/**
 * First expired, first out: the lots in use-by order, those without a date last, then by number
 * (so the order is the same on every terminal). The first is the lot to pick.
 */
export function fefoOrder(lots: readonly BinLot[]): BinLot[] {
  return [...lots].sort((a, b) => {
    if (a.expiry !== b.expiry) {
      if (a.expiry === null) return 1;
      if (b.expiry === null) return -1;
      return a.expiry < b.expiry ? -1 : 1;
    }
    return a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
  });
}
