import type { Knex } from 'knex';
import { bucketIndexOf, hourBuckets, siteToday, type SiteDay } from '../domain/site-time.js';
import { floorReport, perHour, type Figures, type OperatorFigures } from './floor-report.js';
import { agentLinks, erpLink, type AgentLink, type ErpLink } from './store/agent-links-repo.js';

/** One hour of a site's day: its local clock label (`14:00`) and the pick lines and units picked in it. */
export interface HourFigures {
  label: string;
  lines: number;
  units: number;
}

/** A site's figures for its own today (the day holding `now` in its time zone). */
export interface SiteToday {
  siteId: string;
  timeZone: string;
  day: SiteDay;
  agents: string[];
  figures: Figures;
  /** Pick lines per operator hour worked (the operators' hours added up), to 0.1; null before any hour worked. */
  linesPerHour: number | null;
  /** Every real hour of the site's day in order (23, 24 or 25), zero where nothing was picked. */
  hours: HourFigures[];
  operators: OperatorFigures[];
}

/** What `quai hub monitor` draws: the ERP link, every agent's link and inbox, each site's today. */
export interface HubOverview {
  /** When it was read (ISO). */
  at: string;
  erp: ErpLink;
  agents: AgentLink[];
  sites: SiteToday[];
}

/**
 * The hub at `now`, as its store says: links read from the leases (so any process sees them), each
 * site's today from the floor's figures (floorReport over that one site day, with hours).
 */
export async function hubOverview(db: Knex, now: Date): Promise<HubOverview> {
  const agents = await agentLinks(db, now);
  const sites: SiteToday[] = [];
  for (const siteId of new Set(agents.map((a) => a.siteId))) {
    const zone = agents.find((a) => a.siteId === siteId && a.timeZone)?.timeZone ?? 'UTC';
    const { day } = siteToday(now.getTime(), zone);
    const report = (await floorReport(db, { from: day, to: day, site: siteId, hours: true })).sites[0];
    if (!report) continue;
    // each folded hour into the day's bucket holding its start (a zone whose clocks move by half an
    // hour starts some folded hours on the half hour)
    const buckets = hourBuckets(day, zone);
    const hours = buckets.map((b) => ({ label: b.label, lines: 0, units: 0 }));
    for (const hour of report.hours ?? []) {
      const bucket = hours[bucketIndexOf(buckets, Date.parse(hour.start))];
      if (!bucket) continue;
      bucket.lines += hour.figures['pick.line'].n;
      bucket.units += hour.figures['pick.line'].quantity;
    }
    const worked = report.operators.reduce((sum, o) => sum + o.hoursWorked, 0);
    sites.push({
      siteId,
      timeZone: zone,
      day,
      agents: report.agents,
      figures: report.figures,
      linesPerHour: perHour(report.figures['pick.line'].n, worked),
      hours,
      operators: report.operators,
    });
  }
  return { at: now.toISOString(), erp: await erpLink(db), agents, sites };
}
