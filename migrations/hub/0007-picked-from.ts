import type { Knex } from 'knex';

/** The bin each line was picked from: an ERP that books stock per bin (Tryton) needs it once the order is picked. */
export const pickedFrom = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('order_lines', (t) => t.string('picked_from').nullable());
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('order_lines', (t) => t.dropColumn('picked_from'));
  },
};
