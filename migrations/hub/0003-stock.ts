import type { Knex } from 'knex';

/** Stock per bin and lot, its movements, reception discrepancies, count results, purchase requests. */
export const stock = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('products', (t) => {
      t.boolean('lot_tracked').notNullable().defaultTo(false);
      t.string('home_location').nullable();
      t.integer('last_price_cents').nullable();
    });
    await knex.schema.alterTable('receipts', (t) => t.string('sscc').nullable());
    await knex.schema.alterTable('count_tasks', (t) => t.text('result').nullable());
    await knex.schema.createTable('stock', (t) => {
      t.string('product_code').notNullable();
      t.string('location_code').notNullable();
      t.string('lot').notNullable();
      t.string('expiry').nullable();
      t.integer('quantity').notNullable();
      t.bigInteger('version').notNullable().index();
      t.primary(['product_code', 'location_code', 'lot']);
    });
    await knex.schema.createTable('stock_moves', (t) => {
      t.increments('id');
      t.string('at').notNullable();
      t.string('product_code').notNullable().index();
      t.string('location_code').notNullable().index();
      t.string('lot').notNullable();
      t.integer('delta').notNullable();
      t.string('reason').notNullable();
      t.string('ref').notNullable();
    });
    await knex.schema.createTable('receipt_discrepancies', (t) => {
      t.increments('id');
      t.string('receipt').notNullable();
      t.string('kind').notNullable();
      t.string('product_code').notNullable();
      t.integer('quantity').notNullable();
      t.integer('expected').notNullable();
      t.string('reason').nullable();
      t.string('lot').nullable();
      t.string('expiry').nullable();
      t.string('at').notNullable();
    });
    await knex.schema.createTable('purchase_requests', (t) => {
      t.increments('id');
      t.string('product_code').notNullable();
      t.integer('quantity').notNullable();
      t.integer('last_price_cents').nullable();
      t.text('note').notNullable();
      t.string('location').nullable();
      t.string('requested_by').nullable();
      t.string('station').notNullable();
      t.string('status').notNullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['purchase_requests', 'receipt_discrepancies', 'stock_moves', 'stock']) await knex.schema.dropTableIfExists(table);
  },
};
