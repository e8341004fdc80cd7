import { TZDate } from '@date-fns/tz';
import { format, formatDistanceStrict, type FormatDistanceToken, type Locale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { fr } from 'date-fns/locale/fr';
import { isSiteDay, siteDaySpan, siteDaysUntil, siteToday, type SiteDay } from '../../domain/site-time.js';
import type { Lang, Translate } from './translate.js';

/**
 * Times as people on the floor read them, in their language: how long ago (`il y a 3 min`,
 * `3 min ago`), in how long a lot expires (`expire dans 12 jours`, `expires in 12 days`), a day
 * written the locale's way. date-fns' own locales (`fr`, `enGB`) word them; the short form only
 * swaps their unit words for the abbreviations a narrow screen has room for.
 */

/** Abbreviated units of `formatDistanceStrict`'s tokens (the only ones it uses), by language. */
const SHORT_UNITS: Record<Lang, Partial<Record<FormatDistanceToken, (n: number) => string>>> = {
  fr: { xSeconds: (n) => `${n} s`, xMinutes: (n) => `${n} min`, xHours: (n) => `${n} h`, xDays: (n) => `${n} j`, xMonths: (n) => `${n} mois`, xYears: (n) => `${n} ${n > 1 ? 'ans' : 'an'}` },
  en: { xSeconds: (n) => `${n} s`, xMinutes: (n) => `${n} min`, xHours: (n) => `${n} h`, xDays: (n) => `${n} d`, xMonths: (n) => `${n} mo`, xYears: (n) => `${n} y` },
};

const SUFFIX: Record<Lang, { past: (d: string) => string; future: (d: string) => string }> = {
  fr: { past: (d) => `il y a ${d}`, future: (d) => `dans ${d}` },
  en: { past: (d) => `${d} ago`, future: (d) => `in ${d}` },
};

const LONG: Record<Lang, Locale> = { fr, en: enGB };

/**
 * A day as each language writes it: French `30/06/2027`; English with the month in words,
 * `30 Jun 2027`, which no reader takes for the 6th of some 30th month (`06/30` or `30/06`).
 */
const DAY_PATTERN: Record<Lang, string> = { fr: 'P', en: 'PP' };

/** date-fns' locale with the abbreviated units (`3 min`, `2 h`, `5 j`). */
const SHORT: Record<Lang, Locale> = {
  fr: shortLocale('fr'),
  en: shortLocale('en'),
};

function shortLocale(lang: Lang): Locale {
  const base = LONG[lang];
  return {
    ...base,
    formatDistance: (token, count, options) => {
      const unit = SHORT_UNITS[lang][token];
      if (!unit) return base.formatDistance(token, count, options);
      const distance = unit(count);
      if (!options?.addSuffix) return distance;
      return options.comparison !== undefined && options.comparison > 0 ? SUFFIX[lang].future(distance) : SUFFIX[lang].past(distance);
    },
  };
}

/**
 * How long ago `at` was at `now` (both ms since the epoch), floored to the largest whole unit:
 * `il y a 3 min` / `3 min ago` (`long`: `il y a 3 minutes`). A time a little ahead of `now` (a
 * clock between machines a second off) reads as now, never as a future.
 */
export function timeAgo(at: number, now: number, lang: Lang, style: 'short' | 'long' = 'short'): string {
  return formatDistanceStrict(Math.min(at, now), now, { addSuffix: true, roundingMethod: 'floor', locale: (style === 'short' ? SHORT : LONG)[lang] });
}

/**
 * `day` (`YYYY-MM-DD`, a calendar day: the same words in every zone) written the language's way:
 * `30/06/2027`, `30 Jun 2027`. Throws RangeError for a bad day.
 */
export function localDay(day: SiteDay, lang: Lang): string {
  return format(new TZDate(+siteDaySpan(day, 'UTC').start, 'UTC'), DAY_PATTERN[lang], { locale: LONG[lang] });
}

/**
 * When a lot expires, from the site's today at `now` (ms since the epoch) in `zone`: `expire dans
 * 12 jours`, `expire aujourd'hui`, `périmé il y a 3 jours` (in whole calendar days up to 60 days
 * away, beyond in months or years). Throws RangeError for a bad day.
 */
export function expiryPhrase(expiry: SiteDay, now: number, zone: string, t: Translate): string {
  const days = siteDaysUntil(expiry, now, zone);
  if (days === 0) return t('time.expiresToday');
  const distance = formatDistanceStrict(siteDaySpan(expiry, zone).start, siteToday(now, zone).start, {
    addSuffix: true,
    locale: LONG[t.lang],
    // whole calendar days, a DST day's hour more or less rounded away; far off, whole months or years
    ...(Math.abs(days) <= 60 ? { unit: 'day' as const } : { roundingMethod: 'floor' as const }),
  });
  return t(days > 0 ? 'time.expires' : 'time.expired', { when: distance });
}

/**
 * A lot's expiry as the lookup and reception screens show it: `expire dans 12 jours (12/12/2026)`.
 * A date the agent sends in another form than `YYYY-MM-DD` shows as sent.
 */
export function expiryText(expiry: string, now: number, zone: string, t: Translate): string {
  return isSiteDay(expiry) ? `${expiryPhrase(expiry, now, zone, t)} (${localDay(expiry, t.lang)})` : expiry;
}
