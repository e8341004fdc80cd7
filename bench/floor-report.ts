import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { figureSteps, type AppliedEvent } from '../src/domain/floor-figures.js';
import type { DomainEvent } from '../src/domain/events.js';
import { siteDaySpan } from '../src/domain/site-time.js';
import { openHubStore } from '../src/hub/store/hub-store.js';
import { foldFloorFigures, type FoldedEvent } from '../src/hub/store/floor-figures-repo.js';
import { CLI } from '../test/helpers/quai-process.js';
import type { BenchRow } from './percentiles.js';

/** Bump when the generated store changes (its events, or the figures' tables): the cached store is made again. */
const GENERATOR_VERSION = 4;
/** Where generated stores are kept between runs (gitignored). */
const CACHE_DIR = resolve('.bench-cache');
const YEAR = 2025;
const EVENTS = 5_000_000;
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo', 'Europe/Berlin', 'Africa/Johannesburg'];
const SITES = 20;
const OPERATORS = 12;
const RUNS = 5;

/** A small deterministic generator (mulberry32): the same store at each generation. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
/** The year's working days (Monday to Saturday). */
const WORKING_DAYS = (() => {
  const days: string[] = [];
  for (let d = new Date(Date.UTC(YEAR, 0, 1)); d.getUTCFullYear() === YEAR; d = new Date(+d + 86_400_000)) if (d.getUTCDay() !== 0) days.push(dayOf(d));
  return days;
})();

/**
 * One event of a site's floor, as the fold reads it (only the fields figureSteps reads are set): a
 * mix of picking (most), packing, receiving, counting and replenishment, the ERP refusing 1 in 200.
 */
function floorEvent(r: () => number): { event: DomainEvent; orderClosed: boolean } {
  const x = r();
  const quantity = 1 + Math.floor(r() * 6);
  const of = (type: string, payload: Record<string, unknown>) => ({ type, payload }) as unknown as DomainEvent;
  if (x < 0.55) return { event: of('pick.line.picked', { quantity }), orderClosed: r() < 0.25 };
  if (x < 0.58) return { event: of('pick.short', { picked: quantity - 1, short: 1, reason: ['empty-location', 'damaged', 'not-found', 'insufficient'][Math.floor(r() * 4)] }), orderClosed: r() < 0.25 };
  if (x < 0.7) return { event: of('parcel.packed', { items: [{ quantity }, { quantity: 1 }], overridden: r() < 0.03 }), orderClosed: false };
  if (x < 0.705) return { event: of('weight.check.failed', { reason: ['above', 'below'][Math.floor(r() * 2)] }), orderClosed: false };
  if (x < 0.71) return { event: of('weight.override', { supervisor: ['SUP1', 'SUP2'][Math.floor(r() * 2)] }), orderClosed: false };
  if (x < 0.78) return { event: of('shipment.shipped', {}), orderClosed: false };
  if (x < 0.86) return { event: of('receipt.line.received', { quantity: quantity * 12 }), orderClosed: false };
  if (x < 0.87) return { event: of('receipt.discrepancy', { quantity: 1, kind: ['over', 'unexpected', 'damaged', 'short', 'expired'][Math.floor(r() * 5)] }), orderClosed: false };
  if (x < 0.88) return { event: of('receipt.closed', { lines: [{ ordered: 10, received: r() < 0.2 ? 9 : 10, damaged: 0, missing: 0 }] }), orderClosed: false };
  if (x < 0.97) return { event: of('count.line.counted', { expected: 20, counted: r() < 0.1 ? 19 : 20 }), orderClosed: false };
  return { event: of('replenishment.requested', { quantity: quantity * 10 }), orderClosed: false };
}

/**
 * A day of one site: `count` events spread over two shifts (06:00-14:00 and 14:00-22:00 by the
 * site's clock: from its midnight, so a DST day's shifts are an hour off), each operator on one
 * shift. An operator's events of one hour are handed to the fold as one (their steps together): the
 * fold sums steps per site hour and per day and operator, so the rows are the same as one by one,
 * and it reads the site's clock once per hour rather than per event (generation in minutes, not ten).
 */
function siteDay(site: number, day: string, zone: string, count: number, r: () => number): FoldedEvent[] {
  const midnight = +siteDaySpan(day, zone).start;
  const hours = new Map<string, FoldedEvent>();
  for (let i = 0; i < count; i++) {
    const operator = Math.floor(r() * OPERATORS);
    const hour = (operator % 2 === 0 ? 6 : 14) + Math.floor(r() * 8);
    const key = `${operator}:${hour}`;
    const held = hours.get(key) ?? hours.set(key, { at: new Date(midnight + hour * 3_600_000 + 60_000).toISOString(), operator: `S${site}-OP${String(operator + 1).padStart(2, '0')}`, steps: [] }).get(key)!;
    const { event, orderClosed } = floorEvent(r);
    const applied: AppliedEvent = { event, outcome: r() < 0.005 ? 'rejected' : 'accepted', orderClosed };
    held.steps.push(...figureSteps(applied));
  }
  return [...hours.values()];
}

/**
 * A SQLite hub store holding a year (2025) of figures for 20 sites (10 time zones, 12 operators
 * each, Monday to Saturday): 5M events folded by the hub's own fold (figureSteps, foldFloorFigures),
 * one transaction per site. Kept in `.bench-cache/` under GENERATOR_VERSION; returns its path and
 * how long it took to make (ms, 0 when cached).
 */
async function yearStore(): Promise<{ file: string; madeMs: number }> {
  const file = join(CACHE_DIR, `floor-report-v${GENERATOR_VERSION}.sqlite`);
  if (existsSync(file)) return { file, madeMs: 0 };
  mkdirSync(CACHE_DIR, { recursive: true });
  const making = `${file}.making`;
  for (const f of [making, `${making}-wal`, `${making}-shm`]) rmSync(f, { force: true });
  const started = performance.now();
  const db = await openHubStore(making);
  try {
    const perDay = Math.round(EVENTS / (SITES * WORKING_DAYS.length));
    for (let site = 1; site <= SITES; site++) {
      const zone = ZONES[(site - 1) % ZONES.length]!;
      const agentId = `AGENT-${site}`;
      await db('agents').insert({ agent_id: agentId, site_id: `SITE-${String(site).padStart(2, '0')}`, last_seq: 0, time_zone: zone });
      const r = random(site);
      await db.transaction(async (trx) => {
        for (const day of WORKING_DAYS) await foldFloorFigures(trx, agentId, siteDay(site, day, zone, perDay, r));
      });
      process.stderr.write(`\rfloor report: site ${site}/${SITES} folded (${((performance.now() - started) / 1000).toFixed(0)} s)  `);
    }
  } finally {
    await db.destroy();
  }
  process.stderr.write('\n');
  renameSync(making, file);
  return { file, madeMs: performance.now() - started };
}

/** CPU time (ms, user + system) of this process's children waited for so far: `/proc/self/stat`'s cutime and cstime (clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // fields from the state (3rd of stat): cutime is stat's 16th, cstime its 17th
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Wall and CPU time (ms) of `quai <args>` from dist/, output read to its end. Throws on a failed run. */
function timeQuai(args: string[]): { wall: number; cpu: number } {
  const cpu = childrenCpuMs();
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, QUAI_LOG_LEVEL: 'warn' } });
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`quai ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  return { wall, cpu: childrenCpuMs() - cpu };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * `quai hub report` on a year of generated figures (20 sites, 5M events), run from dist/ as an admin
 * runs it: the whole year for all sites as JSON (goal <= 1 s), one site's year, one day, a year
 * with ragged ends, the year with each day (`--days`), the year's morning shifts (`--shift`); the median
 * of RUNS runs each, after one warm-up, wall and CPU (user + system); and `quai --version`, the process's own floor.
 */
export async function benchFloorReport(): Promise<BenchRow[]> {
  const { file, madeMs } = await yearStore();
  const made = `${madeMs > 0 ? `store made in ${(madeMs / 1000).toFixed(0)} s` : 'store cached'}, load ${loadavg()[0]!.toFixed(1)}`;
  const time = (args: string[]) => {
    timeQuai(args);
    const runs = Array.from({ length: RUNS }, () => timeQuai(args));
    return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
  };
  const seconds = (t: { wall: number; cpu: number }) => `${(t.wall / 1000).toFixed(2)} s (CPU ${(t.cpu / 1000).toFixed(2)} s)`;
  const year = ['hub', 'report', '--db', file, '--from', `${YEAR}-01-01`, '--to', `${YEAR}-12-31`, '--json'];
  const all = time(year);
  const one = time([...year, '--site', 'SITE-01']);
  const day = time(['hub', 'report', '--db', file, '--from', `${YEAR}-06-12`, '--to', `${YEAR}-06-12`, '--json']);
  const ragged = time(['hub', 'report', '--db', file, '--from', `${YEAR}-01-15`, '--to', `${YEAR}-12-14`, '--json']);
  const withDays = time([...year, '--days']);
  const shift = time([...year, '--shift', '06:00-14:00']);
  const bare = time(['--version']);
  return [
    { name: `quai hub report: a year, 20 sites, 5M events (${made})`, value: seconds(all), goal: '<= 1 s', met: all.wall <= 1000 },
    { name: 'quai hub report: one site, a year', value: seconds(one) },
    { name: 'quai hub report: 20 sites, one day', value: seconds(day) },
    { name: 'quai hub report: 20 sites, 15 Jan to 14 Dec (months and edge days)', value: seconds(ragged) },
    { name: 'quai hub report --days: a year, 20 sites, with each day', value: seconds(withDays) },
    { name: 'quai hub report --shift 06:00-14:00: a year, 20 sites', value: seconds(shift) },
    { name: 'floor: quai --version (node, the bundle)', value: seconds(bare) },
  ];
}
