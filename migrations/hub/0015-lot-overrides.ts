import type { Knex } from 'knex';

/** Lots a supervisor let be picked although the agent did not know them in the bin (`lot.override`): kept at the hub whatever the ERP. */
export const lotOverrides = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('lot_overrides', (t) => {
      t.increments('id');
      t.string('event_id').notNullable().unique();
      t.string('order_id').notNullable().index();
      t.string('line_id').notNullable();
      t.string('product_code').notNullable();
      t.string('location').notNullable();
      t.string('lot').notNullable();
      t.string('expiry').nullable();
      /** JSON array: the lots the agent knew in the bin then. */
      t.text('known').notNullable();
      t.string('supervisor').notNullable();
      t.string('reason').notNullable();
      t.text('note').nullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('lot_overrides');
  },
};
