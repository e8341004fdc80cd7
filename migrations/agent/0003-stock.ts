import type { Knex } from 'knex';

/** Reception and counts: lot tracking, home bins, receipts, count tasks and stock levels. */
export const stock = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('products', (t) => {
      t.boolean('lot_tracked').notNullable().defaultTo(false);
      t.string('home_location').nullable();
    });
    await knex.schema.createTable('receipts', (t) => {
      t.string('id').primary();
      t.string('number').notNullable().index();
      t.string('supplier').notNullable();
      t.string('status').notNullable();
      t.string('sscc').nullable().index();
      t.text('lines').notNullable();
    });
    await knex.schema.createTable('count_tasks', (t) => {
      t.string('id').primary();
      t.string('scope').notNullable();
      t.string('target').notNullable();
      t.string('status').notNullable();
    });
    await knex.schema.createTable('stock', (t) => {
      t.string('product_code').notNullable();
      t.string('location_code').notNullable().index();
      t.string('lot').notNullable();
      t.string('expiry').nullable();
      t.integer('quantity').notNullable();
      t.primary(['product_code', 'location_code', 'lot']);
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['stock', 'count_tasks', 'receipts']) await knex.schema.dropTableIfExists(table);
  },
};
