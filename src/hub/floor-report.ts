import type { Knex } from 'knex';
import { HOURS_WORKED, emptyFigures, type Figures } from '../domain/floor-figures.js';
import { shiftSpan, siteClockOf, siteDaysOf, type Shift, type SiteDay } from '../domain/site-time.js';
import { agentSites } from './store/agents-repo.js';
import { figuresByDay, figuresByHour, figuresByOperator, figuresInSpans, type DaySpan, type FigureScope, type FigureSum } from './store/floor-figures-repo.js';

export type { FigureCount, Figures } from '../domain/floor-figures.js';
export { hubSites } from './store/agents-repo.js';

export interface OperatorFigures {
  /** The operator's code; null gathers the events no operator signed (none today: every floor event has one). */
  operator: string | null;
  /** Hours (the site's clock hours) in which the operator did anything. */
  hoursWorked: number;
  /** Pick lines (`pick.line`) and units picked per hour worked, to 0.1; null without an hour worked. */
  linesPerHour: number | null;
  unitsPerHour: number | null;
  figures: Figures;
}

export interface SiteFigures {
  siteId: string;
  /** The site's IANA time zone (its first agent by id that said one in its hello; UTC until then): its days and hours are read in it. */
  timeZone: string;
  agents: string[];
  figures: Figures;
  operators: OperatorFigures[];
  /** With `days`: the period's days that saw any figure, in order. */
  days?: { day: SiteDay; figures: Figures }[];
  /** With `hours`: the period's site hours that saw any figure, in order (`start` UTC ISO, `label` the site's `HH:mm`). */
  hours?: { start: string; day: SiteDay; label: string; figures: Figures }[];
}

/** The floor's figures of a period, per site: `quai hub report`, `quai hub monitor`. */
export interface FloorReport {
  from: SiteDay;
  to: SiteDay;
  /** With `shift`: the shift's clock times; the figures are those of its hours on each day. */
  shift?: { start: string; end: string };
  sites: SiteFigures[];
}

export interface FloorReportQuery {
  /** First and last site days of the period (both in), each site's days in its own time zone. */
  from: SiteDay;
  to: SiteDay;
  /** Only this site (its `site_id`); all sites when absent. */
  site?: string;
  /** Add each site's days. */
  days?: boolean;
  /** Add each site's hours. */
  hours?: boolean;
  /**
   * Only the hours of this shift, on each day of the period (the shift that starts that day, a
   * night shift ending the next morning), in each site's clock. Operators' figures are kept per
   * day, not per hour: a shift's report has none.
   */
  shift?: Shift;
}


function addSum(figures: Figures, sum: FigureSum): void {
  if (sum.metric === HOURS_WORKED) return;
  const figure = figures[sum.metric];
  figure.n += sum.n;
  figure.quantity += sum.quantity;
  if (sum.detail === '') return;
  const by = (figure.by[sum.detail] ??= { n: 0, quantity: 0 });
  by.n += sum.n;
  by.quantity += sum.quantity;
}

/** `total` per hour of `hours`, to 0.1; null without an hour. */
export const perHour = (total: number, hours: number): number | null => (hours > 0 ? Math.round((total / hours) * 10) / 10 : null);

/**
 * The floor's figures from `query.from` to `query.to` per site (an agent's figures under its
 * `site_id`; several agents of a site add up), with per operator totals and rates, and the days
 * and hours when asked. A site's figures are its operators' added up (one read: a year is twelve
 * months of sums). Sites with no agent in scope are left out; a site whose agents sent nothing in
 * the period has zero figures.
 */
export async function floorReport(db: Knex, query: FloorReportQuery): Promise<FloorReport> {
  const agentRows = await agentSites(db, query.site);
  const sites = new Map<string, SiteFigures>();
  const siteOf = new Map<string, SiteFigures>();
  const zoned = new Set<SiteFigures>();
  for (const row of agentRows) {
    let site = sites.get(row.site_id);
    if (!site) {
      site = { siteId: row.site_id, timeZone: 'UTC', agents: [], figures: emptyFigures(), operators: [], ...(query.days ? { days: [] } : {}), ...(query.hours ? { hours: [] } : {}) };
      sites.set(row.site_id, site);
    }
    // the zone of the site's first agent that said one (as the monitor reads it)
    if (row.time_zone && !zoned.has(site)) {
      site.timeZone = row.time_zone;
      zoned.add(site);
    }
    site.agents.push(row.agent_id);
    siteOf.set(row.agent_id, site);
  }
  const period = { from: query.from, to: query.to, ...(query.shift && { shift: { start: query.shift.start, end: query.shift.end } }) };
  if (sites.size === 0) return { ...period, sites: [] };
  const scope: FigureScope = { from: query.from, to: query.to, ...(query.site ? { agentIds: [...siteOf.keys()] } : {}) };
  if (query.shift) {
    await addShiftFigures(db, scope, query.shift, sites.values(), query.days ?? false);
    return { ...period, sites: [...sites.values()] };
  }
  const operatorMaps = new Map<SiteFigures, Map<string, OperatorFigures>>();
  const operatorOf = (site: SiteFigures, operator: string): OperatorFigures => {
    const operators = operatorMaps.get(site) ?? operatorMaps.set(site, new Map()).get(site)!;
    return operators.get(operator) ?? operators.set(operator, { operator: operator === '' ? null : operator, hoursWorked: 0, linesPerHour: null, unitsPerHour: null, figures: emptyFigures() }).get(operator)!;
  };
  for (const sum of await figuresByOperator(db, scope)) {
    const site = siteOf.get(sum.agentId);
    if (!site) continue;
    const operator = operatorOf(site, sum.operator);
    if (sum.metric === HOURS_WORKED) operator.hoursWorked += sum.n;
    addSum(operator.figures, sum);
    addSum(site.figures, sum);
  }
  if (query.days) {
    const dayMaps = new Map<SiteFigures, Map<string, { day: SiteDay; figures: Figures }>>();
    for (const sum of await figuresByDay(db, scope)) {
      const site = siteOf.get(sum.agentId);
      if (!site) continue;
      const days = dayMaps.get(site) ?? dayMaps.set(site, new Map()).get(site)!;
      addSum((days.get(sum.day) ?? days.set(sum.day, { day: sum.day, figures: emptyFigures() }).get(sum.day)!).figures, sum);
    }
    for (const [site, days] of dayMaps) site.days = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }
  if (query.hours) {
    const hourMaps = new Map<SiteFigures, Map<string, NonNullable<SiteFigures['hours']>[number]>>();
    for (const sum of await figuresByHour(db, scope)) {
      const site = siteOf.get(sum.agentId);
      if (!site) continue;
      const hours = hourMaps.get(site) ?? hourMaps.set(site, new Map()).get(site)!;
      const hour = hours.get(sum.hourStart) ?? hours.set(sum.hourStart, { start: sum.hourStart, day: sum.day, label: siteClockOf(Date.parse(sum.hourStart), site.timeZone), figures: emptyFigures() }).get(sum.hourStart)!;
      addSum(hour.figures, sum);
    }
    for (const [site, hours] of hourMaps) site.hours = [...hours.values()].sort((a, b) => a.start.localeCompare(b.start));
  }
  for (const [site, operators] of operatorMaps) {
    site.operators = [...operators.values()].sort((a, b) => (a.operator ?? '').localeCompare(b.operator ?? ''));
    for (const o of site.operators) {
      o.linesPerHour = perHour(o.figures['pick.line'].n, o.hoursWorked);
      o.unitsPerHour = perHour(o.figures['pick.line'].quantity, o.hoursWorked);
    }
  }
  return { ...period, sites: [...sites.values()] };
}

/**
 * A shift's figures: the site hours that start within the shift begun on one of the scope's days
 * (a night shift's morning included), added to each site's figures and, with `days`, under the day
 * the shift began. One read per site; each zone's spans worked out once.
 */
async function addShiftFigures(db: Knex, scope: FigureScope, shift: Shift, sites: Iterable<SiteFigures>, days: boolean): Promise<void> {
  const periodDays = siteDaysOf(scope.from, scope.to);
  const spansByZone = new Map<string, DaySpan[]>();
  for (const site of sites) {
    const spans = spansByZone.get(site.timeZone) ?? spansByZone.set(site.timeZone, periodDays.map((day) => {
      const span = shiftSpan(day, shift, site.timeZone);
      return { day, start: span.start.toISOString(), end: span.end.toISOString() };
    })).get(site.timeZone)!;
    const byDay = new Map<SiteDay, Figures>();
    for (const sum of await figuresInSpans(db, site.agents, spans)) {
      addSum(site.figures, sum);
      if (days) addSum(byDay.get(sum.day) ?? byDay.set(sum.day, emptyFigures()).get(sum.day)!, sum);
    }
    if (days) site.days = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, figures]) => ({ day, figures }));
  }
}

