import type { Knex } from 'knex';

/**
 * Why a count task was raised by the floor: a short pick that found a bin empty (or its product
 * not there) raises a count of that bin; each such short pick is one cause of the task.
 */
export const countCauses = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('count_task_causes', (t) => {
      t.increments('id');
      t.string('task_id').notNullable().index();
      t.string('event_id').notNullable().unique();
      t.string('kind').notNullable();
      t.string('reason').notNullable();
      t.string('order_id').notNullable();
      t.string('line_id').notNullable();
      t.string('product_code').notNullable();
      t.string('location').notNullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('count_task_causes');
  },
};
