import type { Knex } from 'knex';

/**
 * The `orders` columns a batch is chosen by (cluster picking), the same in the hub's store and in
 * the agent's: `priority` (higher first, 0 when the ERP says nothing), `ship_by` (the cut-off, ISO
 * 8601, null) and `carrier` (null), as quai-sync/1's `workOrder` carries them.
 */
export const orderBatchingColumns = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('orders', (t) => {
      t.integer('priority').notNullable().defaultTo(0);
      t.string('ship_by').nullable();
      t.string('carrier').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('orders', (t) => {
      t.dropColumn('priority');
      t.dropColumn('ship_by');
      t.dropColumn('carrier');
    });
  },
};
