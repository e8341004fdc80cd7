import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the expected one in constant time (hashing evens the lengths). */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
