import { TZDate, tz } from '@date-fns/tz';
import { addDays, addHours, differenceInCalendarDays, differenceInHours, endOfMonth, format, getMilliseconds, getMinutes, getSeconds, isMatch, parse } from 'date-fns';

/**
 * Time as the floor lives it: a site's day, its shifts and its hours in the site's IANA time zone
 * (`Europe/Paris`), never the server's nor UTC. Every calculation goes through date-fns and
 * @date-fns/tz: a day in Paris lasts 23 hours on the last Sunday of March and 25 on the last
 * Sunday of October, and an hour bucket is a real hour. Pure: the instant "now" is always given.
 */

/** A calendar day of a site, `YYYY-MM-DD`, read in the site's time zone. */
export type SiteDay = string;

/** A half-open span of time `[start, end)`, as UTC instants. */
export interface Span {
  start: Date;
  end: Date;
}

/** A site's day: its first instant, the first instant of the next day, and how many hours it lasts (23, 24 or 25). */
export interface SiteDaySpan extends Span {
  day: SiteDay;
  hours: number;
}

/**
 * One real hour of a site's day. `label` is the local clock time it starts at (`HH:mm`); on the day
 * the clocks go back, two buckets have the same label, and `offset` (`+02:00`, then `+01:00`) tells them apart.
 */
export interface HourBucket extends Span {
  label: string;
  offset: string;
}

/** A shift by its local clock times (`HH:mm`); `end` at or before `start` ends the next day (a night shift, `22:00`–`06:00`). */
export interface Shift {
  name: string;
  start: string;
  end: string;
}

const DAY_FORMAT = 'yyyy-MM-dd';
const CLOCK_FORMAT = 'HH:mm';

/** The runtime's IANA zones by their lower-case names: a list ICU gives without loading its zone data. */
let zonesByLowerCase: Map<string, string> | undefined;

/**
 * `name` when it names an IANA time zone, its case set right (`europe/paris` → `Europe/Paris`), or
 * null when it names none. A name the runtime knows under another (`Asia/Kolkata`, which ICU calls
 * `Asia/Calcutta`) stays as written. Bare UTC offsets (`+01:00`) are refused: they know no DST.
 * A canonical name is found in `Intl.supportedValuesOf('timeZone')`; only another (an alias) is
 * tried on a `DateTimeFormat`, whose first use loads ICU's zone data (about 8 MB of memory).
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  // ICU's list leaves out UTC, the zone of many a server (`/etc/localtime` → Etc/UTC)
  zonesByLowerCase ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC'].map((zone) => [zone.toLowerCase(), zone]));
  const listed = zonesByLowerCase.get(name.toLowerCase());
  if (listed) return listed;
  let known: string;
  try {
    known = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return known.toLowerCase() === name.toLowerCase() ? known : name;
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isSiteDay(text: string): text is SiteDay {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isMatch(text, DAY_FORMAT);
}

/** The site's calendar day at `instant` (ms since the epoch, or a Date) in `zone`. */
export function siteDayOf(instant: number | Date, zone: string): SiteDay {
  return format(new TZDate(+instant, zone), DAY_FORMAT);
}

/** The local clock time (`HH:mm`) of `instant` in `zone`. */
export function siteClockOf(instant: number | Date, zone: string): string {
  return format(new TZDate(+instant, zone), CLOCK_FORMAT);
}

/**
 * The site's hour holding `instant` (ms since the epoch, or a Date) in `zone`: the UTC instant its
 * local hour began (at :30 past a UTC hour in a zone such as Asia/Kolkata) and the site's day.
 * The two 02:00 hours of a fall-back night are two hours, one UTC hour apart.
 */
export function siteHourOf(instant: number | Date, zone: string): { start: Date; day: SiteDay } {
  const local = new TZDate(+instant, zone);
  // back by the local minutes past the hour: startOfHour sets the clock to HH:00, which in the
  // second 02:00 of a fall-back night names the first one
  const intoHourMs = (getMinutes(local) * 60 + getSeconds(local)) * 1000 + getMilliseconds(local);
  return { start: new Date(+instant - intoHourMs), day: format(local, DAY_FORMAT) };
}

/** Midnight of `day` in `zone`, as a date living in that zone. Throws RangeError for a day that is not `YYYY-MM-DD`. */
function midnight(day: SiteDay, zone: string): TZDate {
  assertDays(day);
  return parse(day, DAY_FORMAT, new TZDate(0, zone), { in: tz(zone) });
}

/**
 * The span of `day` in `zone`: from its midnight to the next day's, as UTC instants, with its
 * length in hours (23 on a spring-forward day, 25 on a fall-back day). Throws RangeError for a bad day.
 */
export function siteDaySpan(day: SiteDay, zone: string): SiteDaySpan {
  const start = midnight(day, zone);
  const end = addDays(start, 1);
  return { day, start: new Date(+start), end: new Date(+end), hours: differenceInHours(end, start) };
}

/** Today's span at the site: the day holding `now` (ms since the epoch) in `zone`. */
export function siteToday(now: number, zone: string): SiteDaySpan {
  return siteDaySpan(siteDayOf(now, zone), zone);
}

/** Throws RangeError naming the first of `days` that is not a real `YYYY-MM-DD` day. */
function assertDays(...days: string[]): void {
  const bad = days.find((day) => !isSiteDay(day));
  if (bad !== undefined) throw new RangeError(`not a day (YYYY-MM-DD): ${bad}`);
}

/** A calendar month of site days, `YYYY-MM`. */
export type SiteMonth = string;

/** `day` as a calendar date (in UTC, where every day has a midnight): for counting days and months only. */
const calendarDate = (day: SiteDay): TZDate => parse(day, DAY_FORMAT, new TZDate(0, 'UTC'), { in: tz('UTC') });

/**
 * A period of site days (`from` to `to`, both in) split the way figures are summed: the run of
 * calendar months it holds whole (`first` to `last`, `YYYY-MM`, or null when none), and the days
 * left at either end as `[first, last]` ranges (at most two). Calendar arithmetic only: the same for
 * every zone. Throws RangeError for a bad day; no months and no edges when `to` is before `from`.
 */
export function wholeMonthsOf(from: SiteDay, to: SiteDay): { months: { first: SiteMonth; last: SiteMonth } | null; edges: [SiteDay, SiteDay][] } {
  assertDays(from, to);
  if (to < from) return { months: null, edges: [] };
  // the first month starting on or after `from`, and the last ending on or before `to`
  const firstWhole = from.endsWith('-01') ? from : dayAfter(format(endOfMonth(calendarDate(from)), DAY_FORMAT));
  const lastWholeEnd = to === format(endOfMonth(calendarDate(to)), DAY_FORMAT) ? to : dayBefore(`${to.slice(0, 7)}-01`);
  if (lastWholeEnd < firstWhole) return { months: null, edges: from.slice(0, 7) === to.slice(0, 7) ? [[from, to]] : [[from, dayBefore(`${to.slice(0, 7)}-01`)], [`${to.slice(0, 7)}-01`, to]] };
  const edges: [SiteDay, SiteDay][] = [];
  if (firstWhole > from) edges.push([from, dayBefore(firstWhole)]);
  if (lastWholeEnd < to) edges.push([dayAfter(lastWholeEnd), to]);
  return { months: { first: firstWhole.slice(0, 7), last: lastWholeEnd.slice(0, 7) }, edges };
}

/** The calendar days from `from` to `to`, both in, in order (none when `to` is before `from`). Throws RangeError for a bad day. */
export function siteDaysOf(from: SiteDay, to: SiteDay): SiteDay[] {
  assertDays(from, to);
  const days: SiteDay[] = [];
  for (let day = from; day <= to; day = dayAfter(day)) days.push(day);
  return days;
}

/** How many calendar days from `from` to `to`, both in (0 when `to` is before `from`). Throws RangeError for a bad day. */
export function siteDayCount(from: SiteDay, to: SiteDay): number {
  assertDays(from, to);
  return Math.max(0, differenceInCalendarDays(calendarDate(to), calendarDate(from)) + 1);
}

/** The calendar day before `day`. Throws RangeError for a bad day. */
export function dayBefore(day: SiteDay): SiteDay {
  return daysFrom(day, -1);
}

/** The calendar day after `day`. Throws RangeError for a bad day. */
export function dayAfter(day: SiteDay): SiteDay {
  return daysFrom(day, 1);
}

function daysFrom(day: SiteDay, days: number): SiteDay {
  assertDays(day);
  return format(addDays(calendarDate(day), days), DAY_FORMAT);
}

/** The real hours of `day` in `zone`, in order: 23, 24 or 25 buckets, each labelled with its local clock time. */
export function hourBuckets(day: SiteDay, zone: string): HourBucket[] {
  const span = siteDaySpan(day, zone);
  return Array.from({ length: span.hours }, (_, i) => {
    const start = addHours(new TZDate(+span.start, zone), i);
    return { start: new Date(+start), end: new Date(+addHours(start, 1)), label: format(start, CLOCK_FORMAT), offset: format(start, 'xxx') };
  });
}

/** The index of the hour bucket of `buckets` holding `instant`, or -1 when it falls outside them. */
export function bucketIndexOf(buckets: readonly Span[], instant: number | Date): number {
  return buckets.findIndex((b) => +instant >= +b.start && +instant < +b.end);
}

/** `HH:mm` on `day` in `zone`; a clock time the clocks skip (02:30 on a spring-forward day) is the instant an hour later. */
function atClock(day: SiteDay, clock: string, zone: string): TZDate {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(clock)) throw new RangeError(`not a clock time (HH:mm): ${clock}`);
  return parse(`${day} ${clock}`, `${DAY_FORMAT} ${CLOCK_FORMAT}`, new TZDate(0, zone), { in: tz(zone) });
}

/**
 * The span of `shift` started on `day` in `zone`, as UTC instants: a night shift ends the next
 * day, and a shift across a clock change lasts an hour less or more. Throws RangeError for a bad day or clock time.
 */
export function shiftSpan(day: SiteDay, shift: Shift, zone: string): Span {
  const start = atClock(day, shift.start, zone);
  const endsNextDay = shift.end <= shift.start;
  const end = atClock(endsNextDay ? format(addDays(midnight(day, zone), 1), DAY_FORMAT) : day, shift.end, zone);
  return { start: new Date(+start), end: new Date(+end) };
}

/**
 * Calendar days from the site's today (at `now`, ms since the epoch, in `zone`) to `day`: 0 today,
 * 1 tomorrow, negative when past. Throws RangeError for a bad day.
 */
export function siteDaysUntil(day: SiteDay, now: number, zone: string): number {
  return differenceInCalendarDays(midnight(day, zone), new TZDate(now, zone), { in: tz(zone) });
}
