import type { Knex } from 'knex';

/**
 * Totes bound to orders (cluster picking): one row per tote while an order is in it, written with
 * the `tote.assigned` event and removed with `tote.released` (docs/protocol.md, "Batch picking").
 */
export const totes = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('totes', (t) => {
      t.string('code').primary();
      t.string('order_id').notNullable().index();
      t.string('order_number').notNullable();
      t.string('cart').notNullable();
      t.integer('position').notNullable();
      t.string('station').notNullable();
      t.string('assigned_at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('totes');
  },
};
