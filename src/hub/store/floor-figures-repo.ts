import type { Knex } from 'knex';
import { HOURS_WORKED, type FigureStep, type FloorMetric } from '../../domain/floor-figures.js';
import { siteHourOf, wholeMonthsOf, type SiteDay } from '../../domain/site-time.js';

/** An applied event as the figures keep it: when (agent time, ISO), who, and its figure steps. */
export interface FoldedEvent {
  at: string;
  operator: string | null;
  steps: FigureStep[];
}

/** A figure summed over the rows a query grouped (or an operator's hours worked, `n` hours). */
export interface FigureSum {
  metric: FloorMetric | typeof HOURS_WORKED;
  detail: string;
  n: number;
  quantity: number;
}

/** What a figures query reads: site days from `from` to `to` (both in), of `agentIds` (all agents when absent). */
export interface FigureScope {
  from: SiteDay;
  to: SiteDay;
  agentIds?: string[];
}

const CHUNK = 100;

type Counted = { n: number; quantity: number };

function add<T extends Counted>(into: Map<string, T>, key: string, row: T): void {
  const held = into.get(key);
  if (held) {
    held.n += row.n;
    held.quantity += row.quantity;
  } else into.set(key, row);
}

type Summed = { agent_id: string; operator?: string; metric: string; detail: string } & Counted;

/**
 * Adds an agent's applied events to the floor's figures, in the caller's transaction (the one that
 * records their outcomes: exactly once): per site hour (`floor_hours`), and per site day and per
 * calendar month with the operator (`floor_days`, `floor_months`). Days and hours are read in the
 * agent's site time zone (`agents.time_zone`; UTC until the agent names one). An event with an
 * operator marks that operator's hour as worked, whatever its figures: the first time, it adds an
 * `hours.worked` to the operator's day and month.
 */
export async function foldFloorFigures(trx: Knex.Transaction, agentId: string, events: readonly FoldedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const agent: { time_zone: string | null } | undefined = await trx('agents').where({ agent_id: agentId }).first('time_zone');
  const zone = agent?.time_zone ?? 'UTC';
  const hours = new Map<string, Summed & { hour_start: string; day: string }>();
  const days = new Map<string, Summed & { day: string }>();
  const months = new Map<string, Summed & { month: string }>();
  const worked = new Map<string, { operator: string; hourStart: string; day: string }>();
  const perOperator = (day: string, operator: string, metric: string, detail: string, n: number, quantity: number) => {
    add(days, `${day}\n${operator}\n${metric}\n${detail}`, { agent_id: agentId, day, operator, metric, detail, n, quantity });
    const month = day.slice(0, 7);
    add(months, `${month}\n${operator}\n${metric}\n${detail}`, { agent_id: agentId, month, operator, metric, detail, n, quantity });
  };
  for (const event of events) {
    const hour = siteHourOf(Date.parse(event.at), zone);
    const hourStart = hour.start.toISOString();
    const operator = event.operator ?? '';
    if (event.operator) worked.set(`${operator}\n${hourStart}`, { operator, hourStart, day: hour.day });
    for (const { metric, detail, n, quantity } of event.steps) {
      add(hours, `${hourStart}\n${metric}\n${detail}`, { agent_id: agentId, hour_start: hourStart, day: hour.day, metric, detail, n, quantity });
      perOperator(hour.day, operator, metric, detail, n, quantity);
    }
  }
  for (const hour of await firstWorked(trx, agentId, [...worked.values()])) perOperator(hour.day, hour.operator, HOURS_WORKED, '', 1, 0);
  await upsertSums(trx, 'floor_hours', ['agent_id', 'hour_start', 'metric', 'detail'], [...hours.values()]);
  await upsertSums(trx, 'floor_days', ['agent_id', 'day', 'operator', 'metric', 'detail'], [...days.values()]);
  await upsertSums(trx, 'floor_months', ['agent_id', 'month', 'operator', 'metric', 'detail'], [...months.values()]);
}

/** Of the operators' hours `worked`, those not yet recorded as worked: recorded now, and returned. */
async function firstWorked<T extends { operator: string; hourStart: string }>(trx: Knex.Transaction, agentId: string, worked: T[]): Promise<T[]> {
  if (worked.length === 0) return [];
  const known = new Set<string>();
  const hourStarts = [...new Set(worked.map((w) => w.hourStart))];
  for (let i = 0; i < hourStarts.length; i += CHUNK) {
    const rows: { operator: string; hour_start: string }[] = await trx('floor_operator_hours').where('agent_id', agentId).whereIn('hour_start', hourStarts.slice(i, i + CHUNK)).select('operator', 'hour_start');
    for (const row of rows) known.add(`${row.operator}\n${row.hour_start}`);
  }
  const fresh = worked.filter((w) => !known.has(`${w.operator}\n${w.hourStart}`));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    await trx('floor_operator_hours').insert(fresh.slice(i, i + CHUNK).map((w) => ({ agent_id: agentId, operator: w.operator, hour_start: w.hourStart })));
  }
  return fresh;
}

async function upsertSums(trx: Knex.Transaction, table: string, key: string[], rows: Counted[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(key)
      .merge({ n: trx.raw('?? + excluded.n', [`${table}.n`]), quantity: trx.raw('?? + excluded.quantity', [`${table}.quantity`]) });
  }
}

function scoped(query: Knex.QueryBuilder, scope: FigureScope): Knex.QueryBuilder {
  query.whereBetween('day', [scope.from, scope.to]);
  if (scope.agentIds) query.whereIn('agent_id', scope.agentIds);
  return query;
}

const sums = (db: Knex) => [db.raw('sum(n) as n'), db.raw('sum(quantity) as quantity')];

type SumRow<K> = K & { metric: string; detail: string; n: unknown; quantity: unknown };

function toSum<K>(row: SumRow<K>): K & FigureSum {
  return { ...row, metric: row.metric as FigureSum['metric'], n: Number(row.n), quantity: Number(row.quantity) };
}

/** Each agent's figures per site day (all operators together; operators' hours worked left out). */
export async function figuresByDay(db: Knex, scope: FigureScope): Promise<({ agentId: string; day: SiteDay } & FigureSum)[]> {
  const rows: SumRow<{ agentId: string; day: SiteDay }>[] = await scoped(db('floor_days').select('agent_id as agentId', 'day', 'metric', 'detail', ...sums(db)), scope).whereNot('metric', HOURS_WORKED).groupBy('agent_id', 'day', 'metric', 'detail');
  return rows.map(toSum);
}

/**
 * Each agent's figures per operator over the scope's days ('' gathers events without an operator),
 * its operators' `hours.worked` among them: whole calendar months read from `floor_months`, the
 * days at the period's ends from `floor_days`. Rows of one agent, operator, metric and detail may
 * come once per part: the caller adds them up.
 */
export async function figuresByOperator(db: Knex, scope: FigureScope): Promise<({ agentId: string; operator: string } & FigureSum)[]> {
  const { months, edges } = wholeMonthsOf(scope.from, scope.to);
  const parts: Knex.QueryBuilder[] = edges.map(([from, to]) => scoped(db('floor_days').select('agent_id as agentId', 'operator', 'metric', 'detail', ...sums(db)), { ...scope, from, to }).groupBy('agent_id', 'operator', 'metric', 'detail'));
  if (months) {
    const query = db('floor_months').select('agent_id as agentId', 'operator', 'metric', 'detail', ...sums(db)).whereBetween('month', [months.first, months.last]);
    if (scope.agentIds) query.whereIn('agent_id', scope.agentIds);
    parts.push(query.groupBy('agent_id', 'operator', 'metric', 'detail'));
  }
  const rows: SumRow<{ agentId: string; operator: string }>[] = [];
  for (const part of parts) rows.push(...((await part) as SumRow<{ agentId: string; operator: string }>[]));
  return rows.map(toSum);
}

/** Each agent's figures per site hour (its UTC start, ISO) over the scope's days. */
export async function figuresByHour(db: Knex, scope: FigureScope): Promise<({ agentId: string; hourStart: string; day: SiteDay } & FigureSum)[]> {
  const rows: SumRow<{ agentId: string; hourStart: string; day: SiteDay }>[] = await scoped(db('floor_hours').select('agent_id as agentId', 'hour_start as hourStart', 'day', 'metric', 'detail', ...sums(db)), scope).groupBy('agent_id', 'hour_start', 'day', 'metric', 'detail');
  return rows.map(toSum);
}

/** A span of UTC instants (ISO strings, `[start, end)`) filed under a day: a shift started that day. */
export interface DaySpan {
  day: SiteDay;
  start: string;
  end: string;
}

/**
 * The figures of `agentIds`' site hours that start within one of `spans`, summed per span's day
 * (one query: the spans as a VALUES list joined on the hour's start, through the hours' primary key).
 */
export async function figuresInSpans(db: Knex, agentIds: string[], spans: readonly DaySpan[]): Promise<({ day: SiteDay } & FigureSum)[]> {
  if (agentIds.length === 0 || spans.length === 0) return [];
  const sql = `with spans (day, span_start, span_end) as (values ${spans.map(() => '(?, ?, ?)').join(', ')})
    select spans.day as day, h.metric as metric, h.detail as detail, sum(h.n) as n, sum(h.quantity) as quantity
    from floor_hours h join spans on h.hour_start >= spans.span_start and h.hour_start < spans.span_end
    where h.agent_id in (${agentIds.map(() => '?').join(', ')})
    group by spans.day, h.metric, h.detail`;
  const result: SumRow<{ day: SiteDay }>[] | { rows: SumRow<{ day: SiteDay }>[] } = await db.raw(sql, [...spans.flatMap((s) => [s.day, s.start, s.end]), ...agentIds]);
  return (Array.isArray(result) ? result : result.rows).map(toSum);
}
