import { describe, expect, it } from 'vitest';
import { parseTypedWeight } from '../../../src/domain/typed-weight.js';

describe('a typed parcel weight', () => {
  it.each([
    ['850 g', { value: '850', unit: 'g' }],
    ['850g', { value: '850', unit: 'g' }],
    ['1,25 kg', { value: '1.25', unit: 'kg' }],
    [' 1.250KG ', { value: '1.250', unit: 'kg' }],
    ['0,5 kg', { value: '0.5', unit: 'kg' }],
    ['100 kg', { value: '100', unit: 'kg' }],
    ['1 g', { value: '1', unit: 'g' }],
  ])('reads %s', (typed, weight) => {
    expect(parseTypedWeight(typed)).toEqual({ ok: true, weight });
  });

  it.each([
    ['abc', 'WEIGHT_TYPED_INVALID'],
    ['kg', 'WEIGHT_TYPED_INVALID'],
    ['1.2.3 kg', 'WEIGHT_TYPED_INVALID'],
    ['1,2345 kg', 'WEIGHT_TYPED_INVALID'],
    ['850', 'WEIGHT_TYPED_UNIT'],
    ['850 lb', 'WEIGHT_TYPED_UNIT'],
    ['850 oz', 'WEIGHT_TYPED_UNIT'],
    ['12abc', 'WEIGHT_TYPED_UNIT'],
    ['-5 g', 'WEIGHT_TYPED_RANGE'],
    ['0 g', 'WEIGHT_TYPED_RANGE'],
    ['0,9 g', 'WEIGHT_TYPED_RANGE'],
    ['100,001 kg', 'WEIGHT_TYPED_RANGE'],
    ['250 kg', 'WEIGHT_TYPED_RANGE'],
    ['1234567890 g', 'WEIGHT_TYPED_INVALID'],
  ])('refuses %s (%s), naming what was typed', (typed, code) => {
    const parsed = parseTypedWeight(typed);
    expect(parsed).toMatchObject({ ok: false, error: { code, params: { typed: typed.trim() } } });
  });

  it('says the range in the refusal', () => {
    expect(parseTypedWeight('250 kg')).toEqual({ ok: false, error: { code: 'WEIGHT_TYPED_RANGE', params: { typed: '250 kg', min: '1 g', max: '100 kg' } } });
  });
});
