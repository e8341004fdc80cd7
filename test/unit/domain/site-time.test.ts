import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketIndexOf, canonicalTimeZone, dayAfter, dayBefore, siteDayCount, hourBuckets, isSiteDay, shiftSpan, siteClockOf, siteDayOf, siteDaySpan, siteDaysOf, siteDaysUntil, siteHourOf, siteToday, wholeMonthsOf } from '../../../src/domain/site-time.js';

const PARIS = 'Europe/Paris';
const iso = (d: Date) => d.toISOString();
/** A day's span as [start, end, hours], instants in UTC. */
const spanOf = (day: string, zone: string) => {
  const span = siteDaySpan(day, zone);
  return [iso(span.start), iso(span.end), span.hours];
};

// the machine's own zone must never leak into a site's day: run the tests far from every site tested
const machineZone = process.env.TZ;
beforeAll(() => void (process.env.TZ = 'Pacific/Auckland'));
afterAll(() => void (machineZone === undefined ? delete process.env.TZ : (process.env.TZ = machineZone)));

describe('a site day in Europe/Paris', () => {
  it('an ordinary day: 24 hours from midnight CET (23:00 UTC the day before)', () => {
    expect(spanOf('2026-11-30', PARIS)).toEqual(['2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z', 24]);
  });

  it('29 March 2026, clocks forward at 02:00: a 23-hour day, no 02:00 bucket', () => {
    expect(spanOf('2026-03-29', PARIS)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23]);
    const buckets = hourBuckets('2026-03-29', PARIS);
    expect(buckets).toHaveLength(23);
    expect(buckets.slice(0, 4).map((b) => `${b.label}${b.offset}`)).toEqual(['00:00+01:00', '01:00+01:00', '03:00+02:00', '04:00+02:00']);
    expect(buckets.map((b) => b.label)).not.toContain('02:00');
    expect(iso(buckets[2]!.start)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(buckets.at(-1)!.end)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('25 October 2026, clocks back at 03:00: a 25-hour day, 02:00 twice told apart by its offset', () => {
    expect(spanOf('2026-10-25', PARIS)).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25]);
    const buckets = hourBuckets('2026-10-25', PARIS);
    expect(buckets).toHaveLength(25);
    expect(buckets.slice(1, 5).map((b) => `${b.label}${b.offset}`)).toEqual(['01:00+02:00', '02:00+02:00', '02:00+01:00', '03:00+01:00']);
    expect(buckets.slice(2, 4).map((b) => iso(b.start))).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    expect(buckets.at(-1)!.label).toBe('23:00');
    // every bucket is a real hour, end to end with no gap
    buckets.forEach((b, i) => {
      expect(+b.end - +b.start).toBe(3_600_000);
      if (i) expect(+b.start).toBe(+buckets[i - 1]!.end);
    });
  });

  it('an event is counted in the hour it happened: the second 02:00 is its own bucket', () => {
    const buckets = hourBuckets('2026-10-25', PARIS);
    expect(bucketIndexOf(buckets, Date.parse('2026-10-25T00:30:00Z'))).toBe(2);
    expect(bucketIndexOf(buckets, Date.parse('2026-10-25T01:30:00Z'))).toBe(3);
    expect(bucketIndexOf(buckets, Date.parse('2026-10-25T23:00:00Z'))).toBe(-1);
  });

  it("the hour an event is folded into is its bucket's: each of the two 02:00 hours, and the day's last hour", () => {
    const buckets = hourBuckets('2026-10-25', PARIS);
    for (const instant of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T22:59:59Z', '2026-10-24T22:00:00Z']) {
      const hour = siteHourOf(Date.parse(instant), PARIS);
      expect(hour.day).toBe('2026-10-25');
      expect(hour.start).toEqual(buckets[bucketIndexOf(buckets, Date.parse(instant))]!.start);
    }
    // spring forward: 01:59 then 03:00, one hour apart in UTC
    expect(iso(siteHourOf(Date.parse('2026-03-29T00:59:00Z'), PARIS).start)).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(siteHourOf(Date.parse('2026-03-29T01:00:00Z'), PARIS).start)).toBe('2026-03-29T01:00:00.000Z');
    expect(siteHourOf(Date.parse('2026-03-28T23:00:00Z'), PARIS)).toEqual({ start: new Date('2026-03-28T23:00:00Z'), day: '2026-03-29' });
  });

  it("today follows the site's midnight, not UTC's", () => {
    // 23:30 UTC on 30 November is already 1 December in Paris
    expect(siteToday(Date.parse('2026-11-30T23:30:00Z'), PARIS).day).toBe('2026-12-01');
    expect(siteDayOf(Date.parse('2026-11-30T22:59:59Z'), PARIS)).toBe('2026-11-30');
    expect(siteClockOf(Date.parse('2026-07-01T12:00:00Z'), PARIS)).toBe('14:00');
  });

  it('a period is its calendar days, whatever their length at the site', () => {
    expect(siteDaysOf('2026-03-28', '2026-03-31')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(siteDaysOf('2024-12-31', '2025-12-31')).toHaveLength(366);
    expect(siteDaysOf('2026-03-02', '2026-03-01')).toEqual([]);
    expect([dayBefore('2026-03-01'), dayAfter('2024-02-28'), dayAfter('2025-12-31')]).toEqual(['2026-02-28', '2024-02-29', '2026-01-01']);
    expect(() => dayAfter('2026-02-30')).toThrow(RangeError);
    expect([siteDayCount('2024-01-01', '2024-12-31'), siteDayCount('2026-03-29', '2026-03-29'), siteDayCount('2026-03-02', '2026-03-01'), siteDayCount('0001-01-01', '9999-12-31')]).toEqual([366, 1, 0, 3652059]);
  });
});

describe('a site in another zone', () => {
  it('America/New_York: 8 March 2026 lasts 23 hours, 1 November 25, from midnight EST/EDT', () => {
    const spring = siteDaySpan('2026-03-08', 'America/New_York');
    expect([iso(spring.start), spring.hours]).toEqual(['2026-03-08T05:00:00.000Z', 23]);
    const fall = siteDaySpan('2026-11-01', 'America/New_York');
    expect([iso(fall.start), iso(fall.end), fall.hours]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25]);
    // the Paris DST day is an ordinary day in New York
    expect(siteDaySpan('2026-03-29', 'America/New_York').hours).toBe(24);
  });

  it('Asia/Kolkata: +05:30 all year, buckets start on the half hour UTC and read as whole local hours', () => {
    expect(spanOf('2026-03-29', 'Asia/Kolkata')).toEqual(['2026-03-28T18:30:00.000Z', '2026-03-29T18:30:00.000Z', 24]);
    const buckets = hourBuckets('2026-03-29', 'Asia/Kolkata');
    expect(buckets.map((b) => b.label)).toEqual(Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`));
    expect(iso(buckets[9]!.start)).toBe('2026-03-29T03:30:00.000Z');
    expect(siteDayOf(Date.parse('2026-03-29T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-03-29');
    expect(siteDayOf(Date.parse('2026-03-29T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-30');
    expect(siteHourOf(Date.parse('2026-03-29T18:29:59Z'), 'Asia/Kolkata')).toEqual({ start: new Date('2026-03-29T17:30:00Z'), day: '2026-03-29' });
  });

  it('one instant is a different day at each site', () => {
    const instant = Date.parse('2026-06-15T02:00:00Z');
    expect([siteDayOf(instant, PARIS), siteDayOf(instant, 'America/New_York'), siteDayOf(instant, 'Asia/Kolkata')]).toEqual(['2026-06-15', '2026-06-14', '2026-06-15']);
  });
});

describe('shifts', () => {
  const shifts = [
    { name: 'morning', start: '06:00', end: '14:00' },
    { name: 'afternoon', start: '14:00', end: '22:00' },
    { name: 'night', start: '22:00', end: '06:00' },
  ];

  it('a night shift ends the next day, and lasts 9 hours the night the clocks go back, 7 the night they go forward', () => {
    const back = shiftSpan('2026-10-24', shifts[2]!, PARIS);
    expect([iso(back.start), iso(back.end)]).toEqual(['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z']);
    const forward = shiftSpan('2026-03-28', shifts[2]!, PARIS);
    expect((+forward.end - +forward.start) / 3_600_000).toBe(7);
  });

  it('a clock time the clocks skip starts an hour later; a bad clock time is refused', () => {
    const span = shiftSpan('2026-03-29', { name: 'early', start: '02:30', end: '06:00' }, PARIS);
    expect(iso(span.start)).toBe('2026-03-29T01:30:00.000Z');
    expect(() => shiftSpan('2026-03-29', { name: 'x', start: '25:00', end: '06:00' }, PARIS)).toThrow(RangeError);
  });
});

describe('days and zones as written', () => {
  it('days until a date count calendar days at the site', () => {
    // 23:30 UTC on 30 November: 1 December in Paris, still 30 November in New York
    const now = Date.parse('2026-11-30T23:30:00Z');
    expect(siteDaysUntil('2026-12-13', now, PARIS)).toBe(12);
    expect(siteDaysUntil('2026-12-13', now, 'America/New_York')).toBe(13);
    expect(siteDaysUntil('2026-12-01', now, PARIS)).toBe(0);
    expect(siteDaysUntil('2026-11-28', now, PARIS)).toBe(-3);
  });

  it('a day is a real YYYY-MM-DD date', () => {
    expect(isSiteDay('2026-02-28')).toBe(true);
    expect(isSiteDay('2026-02-30')).toBe(false);
    expect(isSiteDay('28/02/2026')).toBe(false);
    expect(() => siteDaySpan('2026-13-01', PARIS)).toThrow(RangeError);
  });

  it('time zones are IANA names, spelt canonically; offsets and unknown names are refused', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    // ICU knows Asia/Kolkata as Asia/Calcutta: the name the admin wrote stays
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('+01:00')).toBeNull();
    expect(canonicalTimeZone('Europe/Pariss')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});

describe('a period split into whole months and edge days (how figures are summed)', () => {
  it('a year is twelve months; a period inside a month is one edge', () => {
    expect(wholeMonthsOf('2025-01-01', '2025-12-31')).toEqual({ months: { first: '2025-01', last: '2025-12' }, edges: [] });
    expect(wholeMonthsOf('2026-03-29', '2026-03-29')).toEqual({ months: null, edges: [['2026-03-29', '2026-03-29']] });
    expect(wholeMonthsOf('2026-03-30', '2026-03-29')).toEqual({ months: null, edges: [] });
    // ten thousand years at once: no walk month by month
    expect(wholeMonthsOf('0001-01-01', '9999-12-31')).toEqual({ months: { first: '0001-01', last: '9999-12' }, edges: [] });
  });

  it('ragged ends are days, February and leap years by the calendar', () => {
    expect(wholeMonthsOf('2024-01-15', '2024-03-31')).toEqual({ months: { first: '2024-02', last: '2024-03' }, edges: [['2024-01-15', '2024-01-31']] });
    expect(wholeMonthsOf('2026-02-01', '2026-04-02')).toEqual({ months: { first: '2026-02', last: '2026-03' }, edges: [['2026-04-01', '2026-04-02']] });
    expect(wholeMonthsOf('2026-01-15', '2026-12-14')).toEqual({ months: { first: '2026-02', last: '2026-11' }, edges: [['2026-01-15', '2026-01-31'], ['2026-12-01', '2026-12-14']] });
    expect(wholeMonthsOf('2025-12-31', '2026-01-01')).toEqual({ months: null, edges: [['2025-12-31', '2025-12-31'], ['2026-01-01', '2026-01-01']] });
    expect(wholeMonthsOf('2026-01-15', '2026-02-14')).toEqual({ months: null, edges: [['2026-01-15', '2026-01-31'], ['2026-02-01', '2026-02-14']] });
    expect(wholeMonthsOf('2024-02-01', '2024-02-29').months).toEqual({ first: '2024-02', last: '2024-02' });
    expect(wholeMonthsOf('2024-02-01', '2024-02-28')).toEqual({ months: null, edges: [['2024-02-01', '2024-02-28']] });
    expect(wholeMonthsOf('2024-02-02', '2024-02-29')).toEqual({ months: null, edges: [['2024-02-02', '2024-02-29']] });
    expect(() => wholeMonthsOf('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});
