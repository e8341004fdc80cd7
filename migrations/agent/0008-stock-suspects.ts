import type { Knex } from 'knex';

/**
 * Bins whose quantity of a product is suspect: a short pick found the bin empty (or the product
 * not there). Written with the short pick; removed when the bin is counted or the hub's books
 * say the bin holds none (docs/protocol.md, "Suspect stock").
 */
export const stockSuspects = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('stock_suspects', (t) => {
      t.string('product_code').notNullable();
      t.string('location_code').notNullable();
      t.string('reason').notNullable();
      t.string('since').notNullable();
      t.primary(['product_code', 'location_code']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('stock_suspects');
  },
};
