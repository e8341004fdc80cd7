import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../../src/domain/barcode/classify-scan.js';
import { AI_TABLE } from '../../../src/domain/barcode/gs1-ai-table.js';
import { KNOWN_CHECKS } from '../../../src/domain/barcode/gs1-component-checks.js';
import { parseDigitalLink } from '../../../src/domain/barcode/gs1-digital-link.js';
import { parseGs1ElementString } from '../../../src/domain/barcode/gs1-element-string.js';

const now = new Date('2026-11-22T10:00:00Z');
const GS = '\x1d';
const strict = { now, mode: 'strict' as const };

describe('the whole GS1 AI table', () => {
  it('holds every AI of the General Specifications, each with known checks', () => {
    expect(AI_TABLE.size).toBeGreaterThan(500);
    for (const ai of ['00', '01', '253', '3103', '3695', '3919', '4309', '7039', '7239', '8013', '8030', '8200', '90', '99']) expect(AI_TABLE.has(ai), ai).toBe(true);
    for (const ai of ['3106', '23', '3944', '9']) expect(AI_TABLE.has(ai), ai).toBe(false);
    for (const def of AI_TABLE.values()) for (const c of def.components) for (const check of c.checks) expect(KNOWN_CHECKS).toContain(check);
  });

  it('needs a separator after variable AIs and after 402/8005 even though their values have a fixed size', () => {
    expect(AI_TABLE.get('01')?.predefinedLength).toBe(true);
    expect(AI_TABLE.get('3103')?.predefinedLength).toBe(true);
    expect(AI_TABLE.get('402')?.predefinedLength).toBe(false);
    expect(AI_TABLE.get('8005')?.predefinedLength).toBe(false);
    expect(parseGs1ElementString(`4020614141000000012${GS}8005000150`, now)).toMatchObject({ ok: false });
    expect(parseGs1ElementString(`40206141410000000028005000150`, now)).toMatchObject({ ok: false });
  });
});

describe('decimal AIs as exact decimals', () => {
  it.each([
    ['(01)09521234543213(3103)000750', '3103', { value: '0.750', unit: 'kg' }],
    ['(01)09521234543213(3102)001250', '3102', { value: '12.50', unit: 'kg' }],
    ['(01)09521234543213(3200)000012', '3200', { value: '12', unit: 'lb' }],
    ['(255)9521234000006(3922)1299', '3922', { value: '12.99' }],
    ['(8020)REF1(415)9521234000006(3912)978000123', '3912', { value: '1.23', currency: '978' }],
    ['(255)9521234000006(3941)0125', '3941', { value: '12.5', percent: true }],
  ])('%s', (data, ai, decimal) => {
    const parsed = parseGs1ElementString(data, now);
    expect(parsed.ok && parsed.value.elements.find((e) => e.ai === ai)?.decimal).toEqual(decimal);
  });
});

describe('character sets and content checks', () => {
  it('takes CSET 39 for a CPID and refuses lower case there', () => {
    expect(parseGs1ElementString('(8010)ABC-123/X#', now).ok).toBe(true);
    expect(parseGs1ElementString('(8010)abc', now)).toMatchObject({ ok: false, error: { code: 'GS1_BAD_CHARACTER', detail: '8010' } });
  });

  it('takes CSET 64 in a digital signature', () => {
    expect(parseGs1ElementString('(00)106141411234567897(8030)QUJDZGVm-_=', now).ok).toBe(true);
    expect(parseGs1ElementString('(00)106141411234567897(8030)a+b', now)).toMatchObject({ ok: false, error: { code: 'GS1_BAD_CHARACTER' } });
  });

  it('checks the GMN check character pair', () => {
    expect(parseGs1ElementString('(8013)1987654Ad4X4bL5ttr2310c2K', now).ok).toBe(true);
    expect(parseGs1ElementString('(8013)1987654Ad4X4bL5ttr2310c2L', now)).toMatchObject({ ok: false, error: { code: 'GS1_BAD_CHECK_DIGIT' } });
  });

  it.each([
    ['GLN check digit', '(414)9521234000007', 'GS1_BAD_CHECK_DIGIT'],
    ['GSIN check digit', '(402)06141410000000019', 'GS1_BAD_CHECK_DIGIT'],
    ['date with day 00 where it is not allowed', '(01)09521234543213(7006)261100', 'GS1_BAD_DATE'],
    ['hour 24', '(01)09521234543213(7003)2612012400', 'GS1_BAD_DATE'],
    ['bad IBAN', '(415)9521234000006(8020)R1(8007)FR7630006000011234567890188', 'GS1_BAD_CONTENT'],
    ['piece beyond total', '(8006)095212345432130302', 'GS1_BAD_CONTENT'],
    ['bad percent-encoding', '(00)106141411234567897(4300)ACME%2', 'GS1_BAD_CONTENT'],
  ])('refuses a %s', (_name, data, code) => {
    expect(parseGs1ElementString(data, now)).toMatchObject({ ok: false, error: { code } });
  });

  it('reads 7003 expiry date and time and DD=00 best-before', () => {
    const parsed = parseGs1ElementString('(01)09521234543213(15)270200(7003)2702281530', now);
    expect(parsed.ok && parsed.value.elements.map((e) => e.date)).toEqual([undefined, '2027-02-28', '2027-02-28']);
  });
});

describe('strict mode: pairing and exclusion rules', () => {
  it('refuses a lot without a GTIN, a GTIN with a CONTENT GTIN, and two net weights', () => {
    expect(parseGs1ElementString('(10)ABC', strict)).toMatchObject({ ok: false, error: { code: 'GS1_MISSING_PAIR' } });
    expect(parseGs1ElementString('(01)09521234543213(02)09521234543213(37)5', strict)).toMatchObject({ ok: false, error: { code: 'GS1_EXCLUDED_PAIR', detail: '01+02' } });
    expect(parseGs1ElementString('(01)09521234543213(3102)001250(3103)000750', strict)).toMatchObject({ ok: false, error: { code: 'GS1_EXCLUDED_PAIR' } });
  });

  it('accepts the same in lenient mode, and a complete logistics label in strict mode', () => {
    expect(parseGs1ElementString('(10)ABC', now).ok).toBe(true);
    expect(parseGs1ElementString(`00106141411234567897${GS}`, strict).ok).toBe(true);
    expect(parseGs1ElementString(`0109521234543213` + `3103000750` + `17270600` + `10LOT7${GS}21S1`, strict).ok).toBe(true);
  });
});

describe('GS1 Digital Link', () => {
  it('reads primary key, qualifiers and data attributes, on any domain and path', () => {
    const parsed = parseDigitalLink('https://example.com/shop/01/9521234543213/10/AB%2F1/21/12345?17=261231&linkType=all', { now });
    expect(parsed).toMatchObject({ ok: true, value: { gtin: '09521234543213', lot: 'AB/1', serial: '12345', expiry: '2026-12-31' } });
    expect(classifyScan(']Q1https://id.gs1.org/00/106141411234567897', now)).toMatchObject({ kind: 'sscc', sscc: '106141411234567897' });
  });

  it.each([
    ['qualifiers out of order', 'https://id.gs1.org/01/09521234543213/21/1/10/A', 'GS1_DL_BAD_ORDER'],
    ['a qualifier the key does not take', 'https://id.gs1.org/00/106141411234567897/10/A', 'GS1_DL_BAD_ORDER'],
    ['no primary key', 'https://id.gs1.org/products/42', 'GS1_DL_MALFORMED'],
    ['a bad check digit', 'https://id.gs1.org/01/09521234543214', 'GS1_BAD_CHECK_DIGIT'],
    ['broken escaping', 'https://id.gs1.org/01/09521234543213/10/%E0%A4%A', 'GS1_DL_MALFORMED'],
    ['not a URI', 'https://', 'GS1_DL_MALFORMED'],
  ])('refuses %s', (_name, uri, code) => {
    expect(parseDigitalLink(uri, { now })).toMatchObject({ ok: false, error: { code } });
  });
});
