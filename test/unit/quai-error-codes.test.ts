import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUAI_ERROR_CODES } from '../../src/runtime/quai-error.js';

/**
 * A QuaiError's code is one of QUAI_ERROR_CODES (the type checker refuses any other); this holds
 * docs/operations.md's "Faults and their codes" to the same list, so the code an admin reads in
 * `quai: … [CODE]` is always written down.
 */
function documentedCodes(): string[] {
  const doc = readFileSync('docs/operations.md', 'utf8');
  const section = doc.split('## Faults and their codes')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!));
}

describe('error codes', () => {
  it('docs/operations.md names every code of QUAI_ERROR_CODES, and no other (but UNEXPECTED, a bug)', () => {
    const documented = documentedCodes();
    expect([...new Set(documented)].sort()).toEqual([...QUAI_ERROR_CODES, 'UNEXPECTED'].sort());
  });

  it('lists each code once', () => {
    expect(new Set(QUAI_ERROR_CODES).size).toBe(QUAI_ERROR_CODES.length);
  });
});
