import type { Knex } from 'knex';

/**
 * The weight checks that failed at the pack stations (`weight.check.failed`), one row per failed
 * weighing: kept at the hub whatever the ERP (no ERP effect), shown per order by `quai hub
 * inspect`. The event's id makes a redelivered event change nothing.
 */
export const weightCheckFailures = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('weight_check_failures', (t) => {
      t.increments('id');
      t.string('event_id').notNullable().unique();
      t.string('order_id').notNullable().index();
      t.integer('parcel_no').notNullable();
      t.string('box').notNullable();
      // "value unit", as weighed
      t.string('measured').notNullable();
      t.string('weight_source').notNullable();
      t.string('expected').notNullable();
      t.string('tolerance').notNullable();
      t.string('difference').notNullable();
      t.string('reason').notNullable();
      t.text('missing_weights').notNullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('weight_check_failures');
  },
};
