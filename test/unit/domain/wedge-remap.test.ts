import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOST_ROWS, KEYBOARD_LAYOUTS, US_ROWS } from '../../../src/domain/keyboard/keyboard-layouts.js';
import { meantThrough, remappings, typedThrough } from '../../../src/domain/keyboard/wedge-remap.js';

// Expected values: shared/reference/devices.md §4.5 (a US-configured wedge on AZERTY / QWERTZ hosts)
describe('keyboard layouts as data', () => {
  it.each(KEYBOARD_LAYOUTS)('%s: every row has one character per US key, and no character comes from two keys', (layout) => {
    const host = HOST_ROWS[layout];
    const chars: string[] = [];
    for (const level of ['unshifted', 'shifted'] as const) {
      host[level].forEach((row, r) => {
        expect([...row]).toHaveLength([...US_ROWS[level][r]!].length);
        chars.push(...[...row].filter((c) => c !== '◌'));
      });
    }
    expect(new Set(chars).size).toBe(chars.length);
  });
});

describe('a US wedge typing on a French AZERTY host', () => {
  it('types the digit row unshifted: 1234567890 arrives as &é"\'(-è_çà', () => {
    expect(typedThrough('1234567890', 'fr')).toBe('&é"\'(-è_çà');
  });

  it('badge B1001 arrives as B&àà& and is read back as B1001', () => {
    expect(typedThrough('B1001', 'fr')).toBe('B&àà&');
    expect(meantThrough('B&àà&', 'fr')).toBe('B1001');
  });

  // the issue writes `"è-&àààààà&èàè` (six à): that is 14 characters for 13 digits; five zeros give five à
  it('EAN 3761000001707 arrives as "è-&ààààà&èàè and is read back', () => {
    expect(typedThrough('3761000001707', 'fr')).toBe('"è-&ààààà&èàè');
    expect(meantThrough('"è-&ààààà&èàè', 'fr')).toBe('3761000001707');
  });

  it('swaps a/q and w/z, gives m for ; and , for m, ) for -, : for ., ! for /', () => {
    expect(typedThrough('aqwzm;-./', 'fr')).toBe('qazw,m):!');
    expect(typedThrough('AQWZM', 'fr')).toBe('QAZW?');
  });

  it('reads internal codes back: CMD-1001, A-01-02, BAC-017', () => {
    expect(typedThrough('CMD-1001', 'fr')).toBe('C?D)&àà&');
    expect(meantThrough('C?D)&àà&', 'fr')).toBe('CMD-1001');
    expect(meantThrough(typedThrough('A-01-02', 'fr')!, 'fr')).toBe('A-01-02');
    expect(meantThrough(typedThrough('BAC-017', 'fr')!, 'fr')).toBe('BAC-017');
  });

  it('lets GS through, and cannot read a character that is no key of the layout', () => {
    expect(meantThrough('&\x1dé', 'fr')).toBe('1\x1d2');
    expect(meantThrough('B&à€', 'fr')).toBeNull();
    expect(typedThrough('[', 'fr')).toBeNull(); // a dead key on AZERTY
  });
});

describe('Belgian AZERTY and QWERTZ hosts', () => {
  it('Belgian AZERTY gives § for 6 and ! for 8', () => {
    expect(typedThrough('1234567890', 'be')).toBe('&é"\'(§è!çà');
    expect(meantThrough('§!', 'be')).toBe('68');
  });

  it('German and Swiss QWERTZ give digits as digits, swap y/z, and - arrives as ß (de) or \' (ch)', () => {
    expect(typedThrough('0123456789', 'de')).toBe('0123456789');
    expect(typedThrough('0123456789', 'ch')).toBe('0123456789');
    expect(typedThrough('yz-', 'de')).toBe('zyß');
    expect(typedThrough('YZ-', 'ch')).toBe("ZY'");
    expect(meantThrough('BQC)àè', 'de')).toBeNull();
  });
});

describe('remappings: the readings tried when a burst matches nothing as typed', () => {
  it("tries the terminal's layout first, then the others, each distinct text once", () => {
    // & and à are keys of Swiss QWERTZ too (^ and "): that reading comes last
    expect(remappings('B&àà&', 'be')).toEqual([{ layout: 'be', text: 'B1001' }, { layout: 'ch', text: 'B^""^' }]);
    expect(remappings('B&àà&', null)).toEqual([{ layout: 'fr', text: 'B1001' }, { layout: 'ch', text: 'B^""^' }]);
    // - is 6 on fr, = on be; & and - are digit-row signs of Swiss QWERTZ too (^ and /)
    expect(remappings('&-', 'be')).toEqual([{ layout: 'be', text: '1=' }, { layout: 'fr', text: '16' }, { layout: 'ch', text: '^/' }]);
  });

  it('offers nothing for a burst every layout reads as typed (plain digits) ', () => {
    expect(remappings('3761000001707', 'fr')).toEqual([]);
  });

  // the issue: a burst of digit-row characters that matches nothing as typed is mapped back; letters alone never are
  it.each(KEYBOARD_LAYOUTS)('%s terminal: a burst without a digit-row sign of a layout is never read through it (CHZ-1, qzerty, AZERTY, BOX.S)', (layout) => {
    for (const burst of ['CHZ-1', 'qzerty', 'AZERTY', 'BOX.S', 'wxcvbn', 'Zürich']) expect(remappings(burst, layout)).toEqual([]);
  });

  it('a digit-row sign opens its layout only: ß on a German host, § on a German host, ° on an AZERTY one', () => {
    expect(remappings('CHYß1', 'de')).toEqual([{ layout: 'de', text: 'CHZ-1' }]);
    expect(remappings('AB§1', null)).toEqual([{ layout: 'de', text: 'AB#1' }]);
    expect(remappings('°Q', null)).toEqual([{ layout: 'fr', text: '_A' }]);
  });

  it('a plain digit closes the AZERTY layouts (their digits need Shift), not the QWERTZ ones', () => {
    expect(remappings('&1', 'fr')).toEqual([{ layout: 'ch', text: '^1' }]);
    expect(remappings('B&àà&', 'fr')[0]).toEqual({ layout: 'fr', text: 'B1001' });
  });
});

describe('property: what a US wedge types through a layout is read back as it was', () => {
  const digits = fc.stringMatching(/^\d{1,20}$/);
  const codes = fc.oneof(
    fc.stringMatching(/^CMD-\d{4}$/),
    fc.stringMatching(/^[A-Z]-\d{2}-\d{2}$/),
    fc.stringMatching(/^BAC-\d{3}$/),
    fc.stringMatching(/^B\d{4}$/),
    fc.stringMatching(/^[A-Z0-9]{1,4}-[A-Z0-9./ ]{1,12}$/),
  );

  it.each(KEYBOARD_LAYOUTS)('%s: random digit strings', (layout) => {
    fc.assert(
      fc.property(digits, (text) => {
        const typed = typedThrough(text, layout);
        expect(typed).not.toBeNull();
        expect(meantThrough(typed!, layout)).toBe(text);
        // and the agent finds the digits among the readings it tries (or as typed)
        expect(typed === text || remappings(typed!, layout)[0]?.text === text).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(KEYBOARD_LAYOUTS)('%s: internal codes', (layout) => {
    fc.assert(
      fc.property(codes, (text) => {
        expect(meantThrough(typedThrough(text, layout)!, layout)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
