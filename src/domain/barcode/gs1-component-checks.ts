import { hasValidCheckDigit } from './check-digit.js';
import { parseGs1Date } from './gs1-date.js';

/** A failed content check: which one, for the operator's message. */
export type CheckFailure = { code: 'GS1_BAD_CHECK_DIGIT' | 'GS1_BAD_DATE' | 'GS1_BAD_CONTENT'; check: string };

const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/** GS1 alphanumeric check character pair (GMN, AI 8013), GS1 General Specifications 7.9.5. */
function validCheckPair(value: string): boolean {
  if (value.length < 3) return false;
  const data = value.slice(0, -2);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const index = CSET82.indexOf(data[i]!);
    if (index < 0) return false;
    sum += index * PRIMES[data.length - 1 - i]!;
  }
  sum %= 1021;
  return value.slice(-2) === CSET32[Math.floor(sum / 32)]! + CSET32[sum % 32]!;
}

function validIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(value)) return false;
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

const twoDigits = (value: string, at: number) => Number(value.slice(at, at + 2));

const CHECKS: Record<string, (value: string, now: Date) => CheckFailure['code'] | null> = {
  csum: (v) => (hasValidCheckDigit(v) ? null : 'GS1_BAD_CHECK_DIGIT'),
  csumalpha: (v) => (validCheckPair(v) ? null : 'GS1_BAD_CHECK_DIGIT'),
  date0: (v, now) => (parseGs1Date(v, now).ok ? null : 'GS1_BAD_DATE'),
  date: (v, now) => (v.slice(4) !== '00' && parseGs1Date(v, now).ok ? null : 'GS1_BAD_DATE'),
  datehour: (v, now) => (v.slice(4, 6) !== '00' && parseGs1Date(v.slice(0, 6), now).ok && twoDigits(v, 6) <= 23 ? null : 'GS1_BAD_DATE'),
  hhmm: (v) => (twoDigits(v, 0) <= 23 && twoDigits(v, 2) <= 59 ? null : 'GS1_BAD_DATE'),
  minsec: (v) => (v.length % 2 === 0 && twoDigits(v, 0) <= 59 && (v.length < 4 || twoDigits(v, 2) <= 59) ? null : 'GS1_BAD_DATE'),
  iso4217: () => null,
  iso3166: () => null,
  iso3166999: () => null,
  iso3166list: (v) => (v.length % 3 === 0 ? null : 'GS1_BAD_CONTENT'),
  iso3166alpha2: (v) => (/^[A-Z]{2}$/.test(v) ? null : 'GS1_BAD_CONTENT'),
  pcenc: (v) => (/%(?![0-9A-Fa-f]{2})/.test(v) ? 'GS1_BAD_CONTENT' : null),
  yesno: (v) => (v === '0' || v === '1' ? null : 'GS1_BAD_CONTENT'),
  zero: (v) => (v === '0' ? null : 'GS1_BAD_CONTENT'),
  nonzero: (v) => (/^0+$/.test(v) ? 'GS1_BAD_CONTENT' : null),
  winding: (v) => (['0', '1', '9'].includes(v) ? null : 'GS1_BAD_CONTENT'),
  pieceoftotal: (v) => {
    const piece = twoDigits(v, 0);
    const total = twoDigits(v, 2);
    return piece >= 1 && total >= 1 && piece <= total ? null : 'GS1_BAD_CONTENT';
  },
  hyphen: (v) => (v === '-' ? null : 'GS1_BAD_CONTENT'),
  mediatype: (v) => {
    const n = Number(v);
    return (n >= 1 && n <= 10) || n >= 80 ? null : 'GS1_BAD_CONTENT';
  },
  importeridx: (v) => (/^[-_A-Za-z0-9]$/.test(v) ? null : 'GS1_BAD_CONTENT'),
  nozeroprefix: (v) => (v.length > 1 && v.startsWith('0') ? 'GS1_BAD_CONTENT' : null),
  latitude: (v) => (Number(v) <= 1_800_000_000 ? null : 'GS1_BAD_CONTENT'),
  longitude: (v) => (Number(v) <= 3_600_000_000 ? null : 'GS1_BAD_CONTENT'),
  iban: (v) => (validIban(v) ? null : 'GS1_BAD_CONTENT'),
};

/** Runs a component's content checks; the first that fails is reported. */
export function runChecks(checks: string[], value: string, now: Date): CheckFailure | null {
  for (const check of checks) {
    const run = CHECKS[check];
    if (!run) throw new Error(`unknown GS1 check ${check}`);
    const code = run(value, now);
    if (code) return { code, check };
  }
  return null;
}

export const KNOWN_CHECKS = Object.keys(CHECKS);
