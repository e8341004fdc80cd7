import type { Knex } from 'knex';

/**
 * What a batch is chosen by (cluster picking): each order's priority (higher first, 0 when the ERP
 * says nothing), cut-off (`ship_by`, ISO 8601, null) and carrier (null), as the hub's work stream sends them.
 */
export const orderBatching = {
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
