import { describe, expect, it } from 'vitest';
import { cartPositions, isToteCode } from '../../src/agent/batch-resolver.js';

const settings = { carts: [{ prefix: 'CHR-', positions: 8 }, { prefix: 'CHR-XL-', positions: 12 }], totePrefix: 'BAC-' };

describe('carts and tote labels of the site (picking.carts, picking.totePrefix)', () => {
  it('a cart code is of the type with the longest prefix it starts with, compared without case; the prefix alone is no cart', () => {
    expect(cartPositions(settings, 'CHR-01')).toBe(8);
    expect(cartPositions(settings, 'chr-xl-03')).toBe(12);
    expect(cartPositions(settings, 'CHR-')).toBeUndefined();
    expect(cartPositions(settings, 'CART-01')).toBeUndefined();
  });

  it('a tote label starts with the tote prefix, compared without case, trimmed', () => {
    expect(isToteCode(settings, ' bac-017 ')).toBe(true);
    expect(isToteCode(settings, 'BAC-')).toBe(false);
    expect(isToteCode(settings, 'A-01-02-1')).toBe(false);
  });
});
