import type { Knex } from 'knex';

/**
 * Which tote each order was in (cluster picking: `tote.assigned`, `tote.released`), one row per
 * binding: open while `released_at` is null. Kept at the hub, whatever the ERP (no ERP effect);
 * the events' ids make a redelivered event change nothing.
 */
export const orderTotes = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('order_totes', (t) => {
      t.increments('id');
      t.string('order_id').notNullable().index();
      t.string('tote').notNullable();
      t.string('cart').notNullable();
      t.integer('position').notNullable();
      t.string('assigned_event').notNullable().unique();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('assigned_at').notNullable();
      t.string('released_event').nullable().unique();
      t.string('released_at').nullable();
      t.string('release_reason').nullable();
      t.string('released_by').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('order_totes');
  },
};
