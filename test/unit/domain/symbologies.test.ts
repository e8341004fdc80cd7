import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import { isbnToGtin, issnToGtin } from '../../../src/domain/barcode/isbn-issn.js';
import { expandUpcE } from '../../../src/domain/barcode/upc-e.js';
import { parseGs1ElementString } from '../../../src/domain/barcode/gs1-element-string.js';

const now = new Date('2026-11-22T10:00:00Z');
const GS = '\x1d';

describe('UPC-E (GS1 General Specifications, zero suppression by the last data digit; shared/reference/devices.md §5.5)', () => {
  it.each([
    // d6 = 0, 1, 2: manufacturer d1 d2 d6 0 0, item 0 0 d3 d4 d5
    ['07838604', '078000003864'],
    ['01234505', '012000003455'],
    ['04182635', '041800000265'],
    // d6 = 3: manufacturer d1 d2 d3 0 0, item 0 0 0 d4 d5
    ['01234531', '012300000451'],
    // d6 = 4: manufacturer d1 d2 d3 d4 0, item 0 0 0 0 d5
    ['01234543', '012340000053'],
    // d6 = 5..9: manufacturer d1..d5, item 0 0 0 0 d6
    ['00079198', '000791000098'],
    ['01234565', '012345000065'],
    // number system 1
    ['11234562', '112345000062'],
  ])('%s expands to UPC-A %s', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
  });

  it('is not a UPC-E: number system 2..9, a check digit that fails on the UPC-A, other lengths', () => {
    expect(expandUpcE('27838604')).toBeUndefined();
    expect(expandUpcE('07838605')).toBeUndefined();
    expect(expandUpcE('0783860')).toBeUndefined();
  });

  it('reads 07838604 as UPC-E (its EAN-8 check digit fails) → GTIN 00078000003864', () => {
    expect(classifyScan('07838604', now)).toEqual({ kind: 'gtin', gtin: '00078000003864', reading: 'upc-e' });
  });

  it('reads 00079198, valid as EAN-8 and as UPC-E, both ways', () => {
    expect(classifyScan('00079198', now)).toEqual({
      kind: 'gtin-choice',
      data: '00079198',
      readings: [
        { reading: 'ean-8', gtin: '00000000079198' },
        { reading: 'upc-e', gtin: '00000791000098' },
      ],
    });
  });

  it('lets the AIM identifier decide: ]E0 is UPC-E (never EAN-8), ]E4 is EAN-8', () => {
    expect(classifyScan(']E000079198', now)).toEqual({ kind: 'gtin', gtin: '00000791000098', reading: 'upc-e' });
    expect(classifyScan(']E400079198', now)).toEqual({ kind: 'gtin', gtin: '00000000079198', reading: 'ean-8' });
    expect(classifyScan(']E407838604', now)).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT' } });
  });

  it('an EAN-8 that is not a UPC-E stays an EAN-8; neither reading verifying is a bad check digit', () => {
    expect(classifyScan('96385074', now)).toEqual({ kind: 'gtin', gtin: '00000096385074', reading: 'ean-8' });
    expect(classifyScan('07838605', now)).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHECK_DIGIT', detail: '07838605' } });
  });
});

describe('EAN/UPC symbology identifiers (ISO/IEC 15424; GS1 Syntax Engine scandata.c)', () => {
  it('takes ]E0 13 digits (UPC-A with a leading 0), ]E0 12 digits, ]E3 with add-on, ]I1 ITF-14 as GTINs', () => {
    expect(classifyScan(']E00036000291452', now)).toEqual({ kind: 'gtin', gtin: '00036000291452', reading: 'ean-13' });
    expect(classifyScan(']E0036000291452', now)).toEqual({ kind: 'gtin', gtin: '00036000291452', reading: 'upc-a' });
    expect(classifyScan(']E3977031784700105', now)).toEqual({ kind: 'gtin', gtin: '09770317847001', reading: 'issn' });
    expect(classifyScan(']I110614141000415', now)).toEqual({ kind: 'gtin', gtin: '10614141000415', reading: 'gtin-14' });
  });

  it('refuses an EAN/UPC identifier with data that symbol cannot carry', () => {
    expect(classifyScan(']E4123', now)).toEqual({ kind: 'invalid', error: { code: 'BARCODE_BAD_LENGTH', detail: ']E4123' } });
    expect(classifyScan(']E0ABC', now)).toMatchObject({ kind: 'invalid', error: { code: 'BARCODE_BAD_CHARACTER' } });
  });
});

describe('non-GS1 AIM identifiers give plain data, never a GS1 parse', () => {
  it.each([
    [']C00109521234543213', '0109521234543213'], // Code 128 without FNC1
    [`]d1010952123454321310ABC${GS}21X`, `010952123454321310ABC${GS}21X`], // Data Matrix without FNC1
    [']Q1(01)09521234543213', '(01)09521234543213'], // plain QR
    [']A05901234123457', '5901234123457'], // Code 39: digits, but not an EAN
    [']C0carton m', 'carton m'],
  ])('%j is the plain data %j', (scan, data) => {
    expect(classifyScan(scan, now)).toEqual({ kind: 'code', code: data });
  });

  it('a Digital Link URI in a plain QR code is still GS1 (as the GS1 Syntax Engine reads ]Q1 data)', () => {
    expect(classifyScan(']Q1https://id.gs1.org/01/09521234543213', now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213' });
  });
});

describe('ISBN and ISSN read as their GTIN (ISO 2108: 978/979; ISO 3297: 977)', () => {
  it.each([
    ['0306406152', '09780306406157'],
    ['0-306-40615-2', '09780306406157'],
    ['ISBN 0-8044-2957-X', '09780804429573'],
    ['080442957x', '09780804429573'],
    ['978-0-306-40615-7', '09780306406157'],
    ['ISBN-13: 978-0-306-40615-7', '09780306406157'],
  ])('ISBN %s → %s', (text, gtin) => {
    expect(isbnToGtin(text)).toBe(gtin);
    expect(classifyScan(text, now)).toMatchObject({ kind: 'gtin', gtin, reading: 'isbn' });
  });

  it.each([
    ['0317-8471', '09770317847001'],
    ['ISSN 0317-8471', '09770317847001'],
    ['0000006X', '09770000006005'],
    ['0000-006X', '09770000006005'],
  ])('ISSN %s → %s', (text, gtin) => {
    expect(issnToGtin(text)).toBe(gtin);
    expect(classifyScan(text, now)).toMatchObject({ kind: 'gtin', gtin, reading: 'issn' });
  });

  it('an EAN-13 of prefix 978/979 is an ISBN-13, of prefix 977 an ISSN', () => {
    expect(classifyScan('9780306406157', now)).toEqual({ kind: 'gtin', gtin: '09780306406157', reading: 'isbn' });
    expect(classifyScan('9770317847001', now)).toEqual({ kind: 'gtin', gtin: '09770317847001', reading: 'issn' });
  });

  it('a wrong check character, or a hyphenation that is not 4 groups, is not an ISBN: the text stays a code', () => {
    expect(isbnToGtin('0306406153')).toBeUndefined();
    expect(issnToGtin('0317-8472')).toBeUndefined();
    expect(classifyScan('01-02-03-04-05', now)).toEqual({ kind: 'code', code: '01-02-03-04-05' });
    expect(classifyScan('0306406153', now)).toEqual({ kind: 'code', code: '0306406153' });
  });

  it('keeps the typed ISBN-10 text, to try as a site code when the GTIN is not known', () => {
    expect(classifyScan('0306406152', now)).toMatchObject({ text: '0306406152' });
  });
});

describe('empty elements between separators (GS1 Syntax Engine src/c-lib/ai.c, gs1_processAIdata and its unit tests)', () => {
  // ai.c: "Tolerate superflous FNC1": ^0112345678901231^ and ^0112345678901231^991234 pass
  it('tolerates one GS after a fixed-length element and one GS at the end', () => {
    expect(parseGs1ElementString(`0109521234543213${GS}10ABC`, now)).toMatchObject({ ok: true, value: { gtin: '09521234543213', lot: 'ABC' } });
    expect(parseGs1ElementString(`10ABC${GS}`, now)).toMatchObject({ ok: true, value: { lot: 'ABC' } });
  });

  // ai.c: after the FNC1 is skipped, "^" cannot begin an AI: "No known AI is a prefix of"
  it.each([
    ['two GS in a row', `10ABC${GS}${GS}21X`],
    ['GS where the data starts (after ]C1)', `${GS}0109521234543213`],
    ['two GS after a fixed-length element', `0109521234543213${GS}${GS}10ABC`],
    ['two GS at the end', `10ABC${GS}${GS}`],
  ])('refuses %s as an empty element', (_name, data) => {
    expect(parseGs1ElementString(data, now)).toMatchObject({ ok: false, error: { code: 'GS1_MALFORMED' } });
    expect(classifyScan(`]C1${data}`, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_MALFORMED' } });
  });

  // Readers with AIM identifiers off send FNC1 in first position as a leading GS (Odoo fixes
  // odoo/odoo#177958 and #187875, "barcode starts with ascii 29"): one leading GS is GS1 data
  it('reads GS1 data opening with one GS when no identifier came with it', () => {
    expect(classifyScan(`${GS}0109521234543213`, now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213', elements: [{ ai: '01' }] });
    expect(classifyScan(`${GS}0109521234543213${GS}10ABC`, now)).toMatchObject({ kind: 'gtin', gtin: '09521234543213', lot: 'ABC' });
    expect(classifyScan(`${GS}00106141411234567897`, now)).toMatchObject({ kind: 'sscc', sscc: '106141411234567897' });
    expect(parseGs1ElementString(`${GS}10ABC`, { now, leadingFnc1: true })).toMatchObject({ ok: true, value: { lot: 'ABC' } });
  });

  it('still refuses two leading GS, and a second empty element after the leading one, at their position in the data', () => {
    expect(classifyScan(`${GS}${GS}0109521234543213`, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_MALFORMED', detail: 'empty element at 1' } });
    expect(classifyScan(`${GS}10ABC${GS}${GS}21X`, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_MALFORMED', detail: 'empty element at 7' } });
  });

  // ai.c validate_ai_val: "AI (%s) data is empty"; parseAIdata tests "(10)(11)98765" and "(10)12345(11)" fail
  it.each([
    ['an empty variable-length value before a GS', `10${GS}21X`, '10'],
    ['an empty value at the end', `0109521234543213` + `10`, '10'],
    ['bracketed (10)(21)X', '(10)(21)X', '10'],
    ['bracketed (10)12345(11)', '(10)12345(11)', '11'],
  ])('refuses %s', (_name, data, ai) => {
    expect(parseGs1ElementString(data, now)).toMatchObject({ ok: false, error: { code: 'GS1_VALUE_TOO_SHORT', detail: ai } });
  });
});

describe('one reading for the agent and the CLI', () => {
  it('trims surrounding spaces but never a GS', () => {
    expect(classifyScan(`  ]C110ABC${GS}  `, now)).toMatchObject({ kind: 'gs1', elements: [{ ai: '10', value: 'ABC' }] });
  });

  it('GS1 data with neither GTIN nor SSCC is its elements', () => {
    expect(classifyScan('(400)PO-1', now)).toEqual({ kind: 'gs1', elements: [{ ai: '400', title: 'ORDER NUMBER', value: 'PO-1' }] });
  });
});

describe('empty elements in a Digital Link URI (GS1 Syntax Engine src/c-lib/dl.c, gs1_parseDLuri and test_dl_parseDLuri)', () => {
  const G = '09521234543213';
  // dl.c test: "?&&&99=ABC&&&&&&98=XYZ&&&" (extraneous query param separators) and singletons pass
  it.each([
    [`https://id.gs1.org/01/${G}?&&17=271231&&`],
    [`https://id.gs1.org/01/${G}?singleton&17=271231&17x`],
    [`https://id.gs1.org/01/${G}?`],
    [`https://example.com//stem/01/${G}`],
  ])('reads %s', (uri) => {
    expect(classifyScan(uri, now)).toMatchObject({ kind: 'gtin', gtin: G });
  });

  // dl.c test: "https://a/01/12312312312333?99=" fails (empty AI value in query parameter)
  it('refuses an empty value in the query', () => {
    expect(classifyScan(`https://id.gs1.org/01/${G}?17=`, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_VALUE_TOO_SHORT', detail: '17' } });
  });

  // dl.c: walking back from the end, an empty path element leaves no key ("No GS1 DL keys found");
  // "https://a/stem/00/006141411234567890/" fails (can't end in slash); an empty value fails
  it.each([
    [`https://id.gs1.org/01/${G}//10/ABC`],
    [`https://id.gs1.org/01/${G}/`],
  ])('refuses %s', (uri) => {
    expect(classifyScan(uri, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_DL_MALFORMED' } });
  });

  // dl.c: "AI value path element is empty"
  it.each([[`https://id.gs1.org/01/${G}/10//21/X`], [`https://id.gs1.org/01/${G}/10/`]])('refuses the empty qualifier value of %s', (uri) => {
    expect(classifyScan(uri, now)).toMatchObject({ kind: 'invalid', error: { code: 'GS1_VALUE_TOO_SHORT', detail: '10' } });
  });
});
