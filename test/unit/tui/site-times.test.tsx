import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator, type Lang } from '../../../src/tui/i18n/translate.js';
import { expiryPhrase, expiryText, localDay, timeAgo } from '../../../src/tui/i18n/relative-time.js';
import type { StationView } from '../../../src/protocol/local-api.js';
import { SITE_NOW, renderTui, type RenderedTui } from '../../helpers/render-tui.js';
import { expectWhole } from '../../helpers/whole-frame.js';
import { lookupView, receiveView } from '../../helpers/station-view-samples.js';

const fr = createTranslator('fr');
const en = createTranslator('en');
const PARIS = 'Europe/Paris';
const MIN = 60_000;

describe('how long ago, in French and English', () => {
  const now = Date.parse('2026-11-30T09:00:00Z');
  it('short: il y a 3 min / 3 min ago, floored to the largest whole unit', () => {
    expect(timeAgo(now - 3 * MIN, now, 'fr')).toBe('il y a 3 min');
    expect(timeAgo(now - 3 * MIN, now, 'en')).toBe('3 min ago');
    expect(timeAgo(now - 3 * MIN - 59_000, now, 'fr')).toBe('il y a 3 min');
    expect(timeAgo(now - 42_000, now, 'fr')).toBe('il y a 42 s');
    expect(timeAgo(now - 150 * MIN, now, 'fr')).toBe('il y a 2 h');
    expect(timeAgo(now - 150 * MIN, now, 'en')).toBe('2 h ago');
    expect(timeAgo(now - 3 * 24 * 60 * MIN, now, 'fr')).toBe('il y a 3 j');
    expect(timeAgo(now - 3 * 24 * 60 * MIN, now, 'en')).toBe('3 d ago');
    expect(timeAgo(now - 400 * 24 * 60 * MIN, now, 'fr')).toBe('il y a 1 an');
  });

  it('long: date-fns words as they are', () => {
    expect(timeAgo(now - 3 * MIN, now, 'fr', 'long')).toBe('il y a 3 minutes');
    expect(timeAgo(now - 3 * MIN, now, 'en', 'long')).toBe('3 minutes ago');
  });

  it('a time a little ahead of now (clocks a second apart) reads as now, never as a future', () => {
    expect(timeAgo(now + 1500, now, 'fr')).toBe('il y a 0 s');
  });
});

describe("a lot's expiry, in calendar days at the site", () => {
  // 23:30 UTC on 30 November: already 1 December in Paris
  const now = Date.parse('2026-11-30T23:30:00Z');
  it('expire dans 12 jours / expires in 12 days', () => {
    expect(expiryPhrase('2026-12-13', now, PARIS, fr)).toBe('expire dans 12 jours');
    expect(expiryPhrase('2026-12-13', now, PARIS, en)).toBe('expires in 12 days');
    expect(expiryPhrase('2026-12-02', now, PARIS, fr)).toBe('expire dans 1 jour');
  });

  it("today, past, and far off; a day's length across the clock change does not count", () => {
    expect(expiryPhrase('2026-12-01', now, PARIS, fr)).toBe('expire aujourd’hui');
    expect(expiryPhrase('2026-12-01', now, PARIS, en)).toBe('expires today');
    expect(expiryPhrase('2026-11-28', now, PARIS, fr)).toBe('périmé il y a 3 jours');
    expect(expiryPhrase('2026-11-28', now, PARIS, en)).toBe('expired 3 days ago');
    // beyond 60 days, date-fns' months (211 days: 7)
    expect(expiryPhrase('2027-06-30', now, PARIS, fr)).toBe('expire dans 7 mois');
    expect(expiryPhrase('2027-06-30', now, PARIS, en)).toBe('expires in 7 months');
    // 1 March to 31 March 2026 holds the 23-hour day: still 30 calendar days
    expect(expiryPhrase('2026-03-31', Date.parse('2026-03-01T10:00:00Z'), PARIS, fr)).toBe('expire dans 30 jours');
    expect(expiryPhrase('2026-10-31', Date.parse('2026-10-01T10:00:00Z'), PARIS, en)).toBe('expires in 30 days');
  });

  it("the site's today decides: the same instant is a day further in New York", () => {
    expect(expiryPhrase('2026-12-13', now, 'America/New_York', en)).toBe('expires in 13 days');
  });

  it('the date written the language’s way; a date not in YYYY-MM-DD shows as sent', () => {
    expect(localDay('2027-06-30', 'fr')).toBe('30/06/2027');
    expect(localDay('2027-06-30', 'en')).toBe('30 Jun 2027');
    expect(expiryText('2026-12-13', now, PARIS, fr)).toBe('expire dans 12 jours (13/12/2026)');
    expect(expiryText('31/12/2026', now, PARIS, fr)).toBe('31/12/2026');
  });
});

describe('look-up and reception screens: times relative to now, at 80x24 and 40x16, FR and EN', () => {
  let tui: RenderedTui | undefined;
  afterEach(() => tui?.unmount());

  const lookup: StationView = {
    ...lookupView(),
    movements: [
      { at: new Date(SITE_NOW - 3 * MIN).toISOString(), type: 'pick.line.picked', productCode: 'P-100', location: 'A-01-02-3', quantity: -2 },
      { at: new Date(SITE_NOW - 26 * 60 * MIN).toISOString(), type: 'receipt.line.received', productCode: 'P-100', location: 'C-04-10-3', quantity: 8 },
    ],
    levels: lookupView().levels.map((l) => (l.lot ? { ...l, expiry: '2026-12-12' } : l)),
  };
  const receive = receiveView({ pending: { ...receiveView().pending!, expiry: '2026-12-12' } });
  const words: Record<Lang, { ago: string; dayAgo: string; expires: string }> = {
    fr: { ago: 'il y a 3 min', dayAgo: 'il y a 1 j', expires: 'expire dans 12 jours (12/12/2026)' },
    en: { ago: '3 min ago', dayAgo: '1 d ago', expires: 'expires in 12 days (12 Dec 2026)' },
  };

  for (const lang of ['fr', 'en'] as Lang[]) {
    const w = words[lang];
    it(`lookup 80x24 ${lang}: the lot's expiry and the movements, how long ago, in a column`, async () => {
      tui = renderTui(lookup, { columns: 80, rows: 24, lang });
      const frame = await tui.waitForText(w.ago);
      expect(frame).toMatch(new RegExp(`C-04-10-3 +8 +0 +8  L-2611 · ${w.expires.replace(/[()]/g, '\\$&')}`));
      const rows = tui.lines();
      const recent = rows.find((r) => r.includes(w.ago))!;
      const older = rows.find((r) => r.includes(w.dayAgo))!;
      // both movements' words start in the same column
      expect(recent.indexOf(lang === 'fr' ? 'prélèvement' : 'pick')).toBe(older.indexOf(lang === 'fr' ? 'réception' : 'receipt'));
      expectWhole(frame, 80, 24);
    });

    it(`lookup 40x16 ${lang}: how long ago fits, nothing cut`, async () => {
      // a bin of one product: room left for the movements on a handheld
      tui = renderTui({ ...lookup, target: { kind: 'location', code: 'A-01-02-3', name: 'A-01-02-3' }, levels: lookup.levels.slice(0, 1) }, { columns: 40, rows: 16, lang });
      const frame = await tui.waitForText(w.ago);
      expect(frame).toContain(w.dayAgo);
      expectWhole(frame, 40, 16);
    });

    for (const size of [{ columns: 80, rows: 24 }, { columns: 40, rows: 16 }]) {
      it(`reception ${size.columns}x${size.rows} ${lang}: the lot to put away says when it expires`, async () => {
        tui = renderTui(receive, { ...size, lang });
        const frame = await tui.waitForText('L-2611');
        expect(frame.replace(/\s+/g, ' ')).toContain(`lot L-2611 · ${w.expires}`);
        expectWhole(frame, size.columns, size.rows);
      });
    }
  }

  it('each view is read against the clock at the time it is drawn', async () => {
    let now = SITE_NOW;
    tui = renderTui(lookup, { columns: 80, rows: 24, lang: 'en', clock: () => now });
    await tui.waitForText('3 min ago');
    now += 2 * MIN;
    tui.show({ ...lookup, incoming: 7 });
    await tui.waitForText('5 min ago');
  });
});
