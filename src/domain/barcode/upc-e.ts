import { hasValidCheckDigit } from './check-digit.js';

/**
 * Expands an 8-digit UPC-E (number system 0 or 1, six data digits d1…d6, check digit) to its
 * 12-digit UPC-A, or returns undefined when it is not one: another number system, or a check
 * digit that does not verify on the UPC-A (the check digit of a UPC-E is that of its UPC-A).
 * Zero suppression by d6 (GS1 General Specifications, UPC-E symbol; shared/reference/devices.md §5.5):
 * 0–2 → `d1 d2 d6 0 0` + `0 0 d3 d4 d5`; 3 → `d1 d2 d3 0 0` + `0 0 0 d4 d5`;
 * 4 → `d1 d2 d3 d4 0` + `0 0 0 0 d5`; 5–9 → `d1 … d5` + `0 0 0 0 d6`.
 * Example: `07838604` → `078000003864`.
 */
export function expandUpcE(code: string): string | undefined {
  if (code.length !== 8 || (code[0] !== '0' && code[0] !== '1') || !/^\d{8}$/.test(code)) return undefined;
  const d = code.slice(1, 7);
  const last = d[5]!;
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  const upcA = `${code[0]}${body}${code[7]}`;
  return hasValidCheckDigit(upcA) ? upcA : undefined;
}
