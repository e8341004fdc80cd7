import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { floorMetrics } from '../../src/domain/floor-figures.js';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import type { Figures, FloorReport } from '../../src/hub/floor-report.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { receiveAndApply } from '../helpers/hub-apply.js';
import { CLI, runQuai } from '../helpers/quai-process.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const opened: Knex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
});

const data = generateDemoData(DEMO_DEFAULTS);
const longOrders = data.orders.filter((o) => o.lines.length >= 3);
const paris = longOrders[0]!;
const kolkata = longOrders[1]!;

let next = 0;
function event(seq: number, type: UpstreamEvent['type'], at: string, operator: string, payload: Record<string, unknown>): UpstreamEvent {
  next++;
  return { id: `0193a000-0000-7000-8000-${String(next).padStart(12, '0')}`, seq, type, at, operator, station: 'PICK-1', payload };
}
type Line = (typeof paris.lines)[number];
const picked = (order: typeof paris, line: Line, quantity = line.quantity) => ({ orderId: order.id, lineId: line.lineId, productCode: line.productCode, location: line.locationCode, quantity, lots: [] });
const shorted = (order: typeof paris, line: Line) => ({ orderId: order.id, lineId: line.lineId, productCode: line.productCode, location: line.locationCode, picked: 0, short: line.quantity, reason: 'damaged', lots: [] });

/** Figures with these counted, every other one zero. */
function figures(counted: Partial<Record<keyof Figures, { n: number; quantity: number; by?: Record<string, { n: number; quantity: number }> }>>): Figures {
  return Object.fromEntries(floorMetrics.map((m) => [m, { n: 0, quantity: 0, by: {}, ...counted[m] }])) as Figures;
}

/**
 * A hub store holding two sites' applied events around 2026-03-29, the day Paris springs forward
 * (23 hours: 2026-03-28T23:00Z to 2026-03-29T22:00Z): site PARIS (agent A-PARIS, Europe/Paris) and
 * site KOLKATA (agent A-KOLKATA, Asia/Kolkata, +05:30: its day starts at 18:30Z the day before).
 */
async function twoSites(backend: Backend): Promise<string> {
  const location = await freshDatabase(backend, tempDir(), 'hub');
  const db = await openHubStore(location);
  opened.push(db);
  await seedHub(db, data);
  const [p1, ...pRest] = paris.lines;
  const parisEvents = [
    // 00:30 in Paris on the 29th (+01:00), the 28th in UTC
    event(1, 'pick.line.picked', '2026-03-28T23:30:00.000Z', 'OP01', picked(paris, p1!)),
    // 23:30 on the 29th (+02:00): the order's last lines, shorted, close it
    ...pRest.map((line, i) => event(i + 2, 'pick.short', '2026-03-29T21:30:00.000Z', 'OP02', shorted(paris, line))),
    // refused (the line is done): 23:40 on the 29th
    event(pRest.length + 2, 'pick.line.picked', '2026-03-29T21:40:00.000Z', 'OP02', picked(paris, p1!, 1)),
    // refused, 00:30 on the 30th
    event(pRest.length + 3, 'pick.line.picked', '2026-03-29T22:30:00.000Z', 'OP01', picked(paris, p1!, 1)),
  ];
  await receiveAndApply(db, 'A-PARIS', parisEvents, new Date('2026-03-30T08:00:00Z'), { siteId: 'PARIS', timeZone: 'Europe/Paris' });
  const [k1, k2] = kolkata.lines;
  const kolkataEvents = [
    // 23:45 on the 28th in Kolkata
    event(1, 'pick.line.picked', '2026-03-28T18:15:00.000Z', 'OP07', picked(kolkata, k1!)),
    // 00:15 on the 29th
    event(2, 'pick.line.picked', '2026-03-28T18:45:00.000Z', 'OP07', picked(kolkata, k2!)),
    // refused (done already), 23:50 on the 29th
    event(3, 'pick.line.picked', '2026-03-29T18:20:00.000Z', 'OP07', picked(kolkata, k1!, 1)),
    // refused, 00:05 on the 30th
    event(4, 'pick.line.picked', '2026-03-29T18:35:00.000Z', 'OP07', picked(kolkata, k2!, 1)),
  ];
  await receiveAndApply(db, 'A-KOLKATA', kolkataEvents, new Date('2026-03-30T08:00:00Z'), { siteId: 'KOLKATA', timeZone: 'Asia/Kolkata' });
  return location;
}

const report = (args: string[]) => runQuai(['hub', 'report', ...args], 20_000);

describe.each(BACKENDS)('quai hub report (hub store on %s)', (backend) => {
  it("reports each site's figures on its own days: the 23-hour day in Paris, the day from 18:30Z in Kolkata (JSON, exact)", async () => {
    const db = await twoSites(backend);
    const run = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--json', '--days']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const [p1, ...pRest] = paris.lines;
    const shortUnits = pRest.reduce((sum, l) => sum + l.quantity, 0);
    const parisDay = figures({
      'pick.line': { n: paris.lines.length + 1, quantity: p1!.quantity + 1 },
      'pick.short': { n: pRest.length, quantity: shortUnits, by: { damaged: { n: pRest.length, quantity: shortUnits } } },
      'order.picked': { n: 1, quantity: 0 },
      'event.rejected': { n: 1, quantity: 0, by: { 'pick.line.picked': { n: 1, quantity: 0 } } },
    });
    const k2 = kolkata.lines[1]!;
    const kolkataDay = figures({ 'pick.line': { n: 2, quantity: k2.quantity + 1 }, 'event.rejected': { n: 1, quantity: 0, by: { 'pick.line.picked': { n: 1, quantity: 0 } } } });
    expect(JSON.parse(run.out)).toEqual({
      from: '2026-03-29',
      to: '2026-03-29',
      sites: [
        {
          siteId: 'KOLKATA',
          timeZone: 'Asia/Kolkata',
          agents: ['A-KOLKATA'],
          figures: kolkataDay,
          // two site hours: 00:00 (18:30Z) and 23:00 (17:30Z), each starting at half past a UTC hour
          operators: [{ operator: 'OP07', hoursWorked: 2, linesPerHour: 1, unitsPerHour: Math.round(((k2.quantity + 1) / 2) * 10) / 10, figures: kolkataDay }],
          days: [{ day: '2026-03-29', figures: kolkataDay }],
        },
        {
          siteId: 'PARIS',
          timeZone: 'Europe/Paris',
          agents: ['A-PARIS'],
          figures: parisDay,
          operators: [
            { operator: 'OP01', hoursWorked: 1, linesPerHour: 1, unitsPerHour: p1!.quantity, figures: figures({ 'pick.line': { n: 1, quantity: p1!.quantity } }) },
            {
              operator: 'OP02',
              hoursWorked: 1,
              linesPerHour: pRest.length + 1,
              unitsPerHour: 1,
              figures: figures({ 'pick.line': { n: pRest.length + 1, quantity: 1 }, 'pick.short': parisDay['pick.short'], 'order.picked': { n: 1, quantity: 0 }, 'event.rejected': parisDay['event.rejected'] }),
            },
          ],
          days: [{ day: '2026-03-29', figures: parisDay }],
        },
      ],
    });
  });

  it('a year is read as whole months and the days at its ends: the same sums, no days unless --days', async () => {
    const db = await twoSites(backend);
    const days = await report(['--db', db, '--from', '2026-03-28', '--to', '2026-03-30', '--json']);
    const year = await report(['--db', db, '--from', '2025-12-31', '--to', '2026-12-31', '--json']);
    const months = await report(['--db', db, '--from', '2026-03-01', '--to', '2026-04-30', '--json']);
    expect([days.code, year.code, months.code]).toEqual([0, 0, 0]);
    const sites = (out: string) => (JSON.parse(out) as FloorReport).sites;
    expect(sites(days.out).every((site) => site.days === undefined)).toBe(true);
    expect(sites(year.out)).toEqual(sites(days.out));
    expect(sites(months.out)).toEqual(sites(days.out));
  });

  it("--shift 22:00-06:00: each site's night shift by its own clock, the one starting on the 29th across the clock change (JSON, --days)", async () => {
    const db = await twoSites(backend);
    const run = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--shift', '22:00-06:00', '--json', '--days']);
    expect(run.err).toBe('');
    const shifted = JSON.parse(run.out) as FloorReport;
    expect(shifted.shift).toEqual({ start: '22:00', end: '06:00' });
    const [p1, ...pRest] = paris.lines;
    // Paris: from 22:00 (+02:00, 20:00Z) on the 29th to 06:00 on the 30th: the shorts at 23:30, the refused picks at 23:40 and 00:30;
    // not OP01's pick at 00:30 on the 29th (the night shift begun on the 28th)
    const parisNight = figures({
      'pick.line': { n: pRest.length + 2, quantity: 2 },
      'pick.short': { n: pRest.length, quantity: pRest.reduce((sum, l) => sum + l.quantity, 0), by: { damaged: { n: pRest.length, quantity: pRest.reduce((sum, l) => sum + l.quantity, 0) } } },
      'order.picked': { n: 1, quantity: 0 },
      'event.rejected': { n: 2, quantity: 0, by: { 'pick.line.picked': { n: 2, quantity: 0 } } },
    });
    // Kolkata: 22:00 on the 29th (16:30Z) to 06:00 on the 30th (00:30Z): the two refused picks
    const kolkataNight = figures({ 'pick.line': { n: 2, quantity: 2 }, 'event.rejected': { n: 2, quantity: 0, by: { 'pick.line.picked': { n: 2, quantity: 0 } } } });
    expect(shifted.sites.map((site) => [site.siteId, site.figures, site.operators, site.days])).toEqual([
      ['KOLKATA', kolkataNight, [], [{ day: '2026-03-29', figures: kolkataNight }]],
      ['PARIS', parisNight, [], [{ day: '2026-03-29', figures: parisNight }]],
    ]);
    // the night begun on the 28th: OP01's first pick, 00:30 on the 29th (the night lasts 7 hours: the clocks go forward)
    const before = JSON.parse((await report(['--db', db, '--from', '2026-03-28', '--to', '2026-03-28', '--shift', '22:00-06:00', '--json'])).out) as FloorReport;
    expect(before.sites.find((site) => site.siteId === 'PARIS')!.figures['pick.line']).toEqual({ n: 1, quantity: p1!.quantity, by: {} });
    // a morning shift over two days: OP01's pick at 00:30 on the 29th; not the refused pick at 00:30 on the 30th (the day after --to)
    const mornings = JSON.parse((await report(['--db', db, '--from', '2026-03-28', '--to', '2026-03-29', '--site', 'PARIS', '--shift', '00:00-12:00', '--json', '--days'])).out) as FloorReport;
    expect(mornings.sites[0]!.figures['pick.line']).toEqual({ n: 1, quantity: p1!.quantity, by: {} });
    expect(mornings.sites[0]!.figures['event.rejected'].n).toBe(0);
    expect(mornings.sites[0]!.days!.map((d) => d.day)).toEqual(['2026-03-29']);
    const table = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--shift', '22:00-06:00', '--lang', 'fr']);
    expect(table.out).toContain('Équipe 22:00–06:00 chaque jour (sans opérateurs : leurs chiffres sont par jour)');
  });

  it('--site KOLKATA --csv: one site, RFC 4180 rows per period, day and operator, totals and details (exact lines)', async () => {
    const db = await twoSites(backend);
    const run = await report(['--db', db, '--from', '2026-03-28', '--to', '2026-03-30', '--site', 'KOLKATA', '--csv', '--days']);
    expect(run.code).toBe(0);
    const [k1, k2] = kolkata.lines;
    const site = 'KOLKATA,Asia/Kolkata';
    const zeros = (except: string[]) => floorMetrics.filter((m) => !except.includes(m)).map((m) => `${site},,,${m},,0,0`);
    const lines = run.out.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual([
      'site,time_zone,day,operator,metric,detail,events,units',
      `${site},,,pick.line,,4,${k1!.quantity + k2!.quantity + 2}`,
      ...zeros(['pick.line', 'event.rejected']),
      `${site},,,event.rejected,,2,0`,
      `${site},,,event.rejected,pick.line.picked,2,0`,
      `${site},2026-03-28,,pick.line,,1,${k1!.quantity}`,
      `${site},2026-03-29,,pick.line,,2,${k2!.quantity + 1}`,
      `${site},2026-03-29,,event.rejected,,1,0`,
      `${site},2026-03-29,,event.rejected,pick.line.picked,1,0`,
      `${site},2026-03-30,,pick.line,,1,1`,
      `${site},2026-03-30,,event.rejected,,1,0`,
      `${site},2026-03-30,,event.rejected,pick.line.picked,1,0`,
      // four site hours, each from half past a UTC hour
      `${site},,OP07,hours.worked,,4,0`,
      `${site},,OP07,pick.line,,4,${k1!.quantity + k2!.quantity + 2}`,
      `${site},,OP07,event.rejected,,2,0`,
      `${site},,OP07,event.rejected,pick.line.picked,2,0`,
    ]);
  });

  it('prints a table per site in French, at most 80 columns, and in English with --lang en', async () => {
    const db = await twoSites(backend);
    const fr = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--lang', 'fr']);
    expect(fr.code).toBe(0);
    expect(fr.out).toContain('2026-03-29 → 2026-03-29, les jours de chaque site dans son propre fuseau horaire');
    expect(fr.out).toContain('Site PARIS (Europe/Paris) · agents A-PARIS');
    expect(fr.out).toMatch(/ {2}lignes prélevées ; unités prélevées +\d+ +\d+\n/);
    // a detail code in words; the rejected event's type is a name
    expect(fr.out).toMatch(/ {4}article abîmé +\d+ +\d+\n/);
    expect(fr.out).toMatch(/ {4}pick\.line\.picked +1 +–\n/);
    expect(fr.out).toMatch(/ {2}OP07 +2 +2 +\d+ +1,0 +[\d,]+\n/);
    for (const line of fr.out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const en = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--lang', 'en']);
    expect(en.out).toContain("each site's days in its own time zone");
    expect(en.out).toMatch(/ {2}events rejected, by type +1 +–\n/);
    expect(en.out).toMatch(/ {4}item damaged +\d+ +\d+\n/);
    expect(en.out).toMatch(/ {2}OP07 +2 +2 +\d+ +1\.0 +[\d.]+\n/);
  });

  it('finds the store as quai hub inspect does: $QUAI_HUB_DB when no --db', async () => {
    const db = await twoSites(backend);
    const run = spawnSync(process.execPath, [CLI, 'hub', 'report', '--from', '2026-03-29', '--to', '2026-03-29', '--site', 'PARIS', '--json'], { encoding: 'utf8', env: { ...process.env, QUAI_HUB_DB: db, QUAI_LOG_LEVEL: 'warn' } });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as FloorReport).sites.map((s) => s.siteId)).toEqual(['PARIS']);
  });

  it('an unknown --site says which sites the hub has (exit 2)', async () => {
    const db = await twoSites(backend);
    const run = await report(['--db', db, '--from', '2026-03-29', '--to', '2026-03-29', '--site', 'LYON', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.err).toBe('error: no site LYON at this hub; its sites: KOLKATA, PARIS\n');
    expect(run.out).toBe('');
  });
});

describe('quai hub report: bad input', () => {
  it.each([
    [['--from', '2026-02-30', '--to', '2026-03-01'], 'en', 'error: --from 2026-02-30 is not a day: write it YYYY-MM-DD (a real calendar day, e.g. 2026-03-31)'],
    [['--from', '2026-03-01', '--to', 'yesterday'], 'fr', "error: --to yesterday n’est pas un jour : écrivez-le AAAA-MM-JJ (un vrai jour du calendrier, par ex. 2026-03-31)"],
    [['--from', '2026-03-02', '--to', '2026-03-01'], 'en', 'error: --to 2026-03-01 is before --from 2026-03-02: the period is from its first day to its last, both included'],
    [['--from', '2026-03-02', '--to', '2026-03-01'], 'fr', 'error: --to 2026-03-01 est avant --from 2026-03-02 : la période va de son premier jour à son dernier, tous deux compris'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--json', '--csv'], 'en', 'error: --json and --csv together: choose one (neither prints a table)'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--days'], 'fr', 'error: --days va avec --json ou --csv (le tableau ne montre que la période)'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--days'], 'en', 'error: --days goes with --json or --csv (the table shows the period only)'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--shift', '6-14'], 'en', 'error: --shift 6-14 is not a shift: write its whole hours HH:00-HH:00 (06:00-14:00; a night shift 22:00-06:00), the figures being per hour'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--shift', '06:30-14:30'], 'en', 'error: --shift 06:30-14:30 is not a shift: write its whole hours HH:00-HH:00 (06:00-14:00; a night shift 22:00-06:00), the figures being per hour'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--shift', '06:00-06:00'], 'en', 'error: --shift 06:00-06:00 starts and ends at the same hour: a shift is part of a day (for whole days, leave --shift out)'],
    [['--from', '2026-03-01', '--to', '2026-03-01', '--shift', '24:00-06:00'], 'fr', 'error: --shift 24:00-06:00 n’est pas une équipe : écrivez ses heures pleines HH:00-HH:00 (06:00-14:00 ; une équipe de nuit 22:00-06:00), les chiffres étant par heure'],
    [['--from', '2025-01-01', '--to', '2026-03-01', '--shift', '06:00-14:00'], 'en', 'error: --shift covers at most 366 days: shorten the period'],
    [['--from', '0001-01-01', '--to', '9999-12-31', '--shift', '06:00-14:00'], 'fr', 'error: --shift couvre au plus 366 jours : raccourcissez la période'],
    [['--to', '2026-03-01'], 'fr', "error: --from est requis : le premier (--from) et le dernier (--to) jour de la période, AAAA-MM-JJ"],
  ])('%j (%s): its message, exit 2, nothing on stdout', async (args, lang, message) => {
    const dir = tempDir();
    const run = await report(['--data-dir', dir, ...args, '--lang', lang]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`${message}\n`);
    expect(run.out).toBe('');
  });

  it('a data directory without a hub store: HUB_STORE_MISSING (exit 1), no store made', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'hub'));
    const run = await report(['--data-dir', dir, '--from', '2026-03-01', '--to', '2026-03-01']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^quai: no hub store at .*hub\.sqlite .*\[HUB_STORE_MISSING\]\n$/);
  });
});
