import type { Knex } from 'knex';

/**
 * The floor's figures (src/domain/floor-figures.ts), folded by the inbox applier in the transaction
 * that records each event's outcome, so they outlive the retention job's pruning of events and a
 * year of them answers in well under a second. Days and hours are the site's own (its agent's
 * `time_zone` when the event was applied): `day` is `YYYY-MM-DD` at the site, `hour_start` the UTC
 * instant (ISO) its local hour began, `month` its `YYYY-MM`. Figures start at this migration: events applied before it
 * are not in them.
 */
export const floorFigures = {
  async up(knex: Knex): Promise<void> {
    // per site and hour (a day's sparkline), without operators
    await knex.schema.createTable('floor_hours', (t) => {
      t.string('agent_id').notNullable();
      t.string('hour_start', 24).notNullable();
      t.string('day', 10).notNullable();
      t.string('metric', 32).notNullable();
      t.string('detail', 64).notNullable();
      t.bigInteger('n').notNullable();
      t.bigInteger('quantity').notNullable();
      t.primary(['agent_id', 'hour_start', 'metric', 'detail']);
      t.index(['day', 'agent_id'], 'floor_hours_day');
    });
    // per site, day and operator ('' for events without one): a period's totals
    await knex.schema.createTable('floor_days', (t) => {
      t.string('agent_id').notNullable();
      t.string('day', 10).notNullable();
      t.string('operator').notNullable();
      t.string('metric', 32).notNullable();
      t.string('detail', 64).notNullable();
      t.bigInteger('n').notNullable();
      t.bigInteger('quantity').notNullable();
      t.primary(['agent_id', 'day', 'operator', 'metric', 'detail']);
      // covering a period's reads (figures per day, per operator): no row is looked up in the table
      t.index(['day', 'agent_id', 'metric', 'detail', 'operator', 'n', 'quantity'], 'floor_days_day');
    });
    // per site, calendar month and operator: the same sums as floor_days, so a year is read as
    // twelve months (and the days at its ends) rather than 365 days
    await knex.schema.createTable('floor_months', (t) => {
      t.string('agent_id').notNullable();
      t.string('month', 7).notNullable();
      t.string('operator').notNullable();
      t.string('metric', 32).notNullable();
      t.string('detail', 64).notNullable();
      t.bigInteger('n').notNullable();
      t.bigInteger('quantity').notNullable();
      t.primary(['agent_id', 'month', 'operator', 'metric', 'detail']);
      t.index(['month', 'agent_id', 'operator', 'metric', 'detail', 'n', 'quantity'], 'floor_months_month');
    });
    // the hours an operator did anything in, each once: its first event adds an `hours.worked` to
    // the operator's day and month (the divisor of their lines and units per hour)
    await knex.schema.createTable('floor_operator_hours', (t) => {
      t.string('agent_id').notNullable();
      t.string('operator').notNullable();
      t.string('hour_start', 24).notNullable();
      // hour first: the fold asks which of a batch's hours are counted already
      t.primary(['agent_id', 'hour_start', 'operator']);
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['floor_operator_hours', 'floor_months', 'floor_days', 'floor_hours']) await knex.schema.dropTableIfExists(table);
  },
};
