import type { Knex } from 'knex';
import type { FigureStep, FloorMetric } from '../../domain/floor-figures.js';
import { siteHourOf, type SiteDay } from '../../domain/site-time.js';

/** An applied event as the figures keep it: when (agent time, ISO), who, and its figure steps. */
export interface FoldedEvent {
  at: string;
  operator: string | null;
  steps: FigureStep[];
}

/** A figure summed over the rows a query grouped. */
export interface FigureSum {
  metric: FloorMetric;
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

/**
 * Adds an agent's applied events to the floor's figures, in the caller's transaction (the one that
 * records their outcomes: exactly once). Days and hours are read in the agent's site time zone
 * (`agents.time_zone`; UTC until the agent names one). An event with an operator marks that
 * operator's hour as worked, whatever its figures.
 */
export async function foldFloorFigures(trx: Knex.Transaction, agentId: string, events: readonly FoldedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const agent: { time_zone: string | null } | undefined = await trx('agents').where({ agent_id: agentId }).first('time_zone');
  const zone = agent?.time_zone ?? 'UTC';
  const hours = new Map<string, { agent_id: string; hour_start: string; day: string; metric: string; detail: string } & Counted>();
  const days = new Map<string, { agent_id: string; day: string; operator: string; metric: string; detail: string } & Counted>();
  const worked = new Map<string, { agent_id: string; operator: string; hour_start: string; day: string }>();
  for (const event of events) {
    const hour = siteHourOf(Date.parse(event.at), zone);
    const hourStart = hour.start.toISOString();
    const operator = event.operator ?? '';
    if (event.operator) worked.set(`${operator}\n${hourStart}`, { agent_id: agentId, operator, hour_start: hourStart, day: hour.day });
    for (const { metric, detail, n, quantity } of event.steps) {
      add(hours, `${hourStart}\n${metric}\n${detail}`, { agent_id: agentId, hour_start: hourStart, day: hour.day, metric, detail, n, quantity });
      add(days, `${hour.day}\n${operator}\n${metric}\n${detail}`, { agent_id: agentId, day: hour.day, operator, metric, detail, n, quantity });
    }
  }
  await upsertSums(trx, 'floor_hours', ['agent_id', 'hour_start', 'metric', 'detail'], [...hours.values()]);
  await upsertSums(trx, 'floor_days', ['agent_id', 'day', 'operator', 'metric', 'detail'], [...days.values()]);
  const rows = [...worked.values()];
  for (let i = 0; i < rows.length; i += CHUNK) await trx('floor_operator_hours').insert(rows.slice(i, i + CHUNK)).onConflict(['agent_id', 'operator', 'hour_start']).ignore();
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
  return { ...row, metric: row.metric as FloorMetric, n: Number(row.n), quantity: Number(row.quantity) };
}

/** Each agent's figures per site day (all operators together). */
export async function figuresByDay(db: Knex, scope: FigureScope): Promise<({ agentId: string; day: SiteDay } & FigureSum)[]> {
  const rows: SumRow<{ agentId: string; day: SiteDay }>[] = await scoped(db('floor_days').select('agent_id as agentId', 'day', 'metric', 'detail', ...sums(db)), scope).groupBy('agent_id', 'day', 'metric', 'detail');
  return rows.map(toSum);
}

/** Each agent's figures per operator over the scope's days ('' gathers events without an operator). */
export async function figuresByOperator(db: Knex, scope: FigureScope): Promise<({ agentId: string; operator: string } & FigureSum)[]> {
  const rows: SumRow<{ agentId: string; operator: string }>[] = await scoped(db('floor_days').select('agent_id as agentId', 'operator', 'metric', 'detail', ...sums(db)), scope).groupBy('agent_id', 'operator', 'metric', 'detail');
  return rows.map(toSum);
}

/** Each agent's figures per site hour (its UTC start, ISO) over the scope's days. */
export async function figuresByHour(db: Knex, scope: FigureScope): Promise<({ agentId: string; hourStart: string; day: SiteDay } & FigureSum)[]> {
  const rows: SumRow<{ agentId: string; hourStart: string; day: SiteDay }>[] = await scoped(db('floor_hours').select('agent_id as agentId', 'hour_start as hourStart', 'day', 'metric', 'detail', ...sums(db)), scope).groupBy('agent_id', 'hour_start', 'day', 'metric', 'detail');
  return rows.map(toSum);
}

/** How many hours each operator of each agent did anything in, over the scope's days. */
export async function operatorHoursWorked(db: Knex, scope: FigureScope): Promise<{ agentId: string; operator: string; hours: number }[]> {
  const rows: { agentId: string; operator: string; hours: unknown }[] = await scoped(db('floor_operator_hours').select('agent_id as agentId', 'operator', db.raw('count(*) as hours')), scope).groupBy('agent_id', 'operator');
  return rows.map((r) => ({ agentId: r.agentId, operator: r.operator, hours: Number(r.hours) }));
}
