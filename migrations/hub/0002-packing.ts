import type { Knex } from 'knex';

/** Packing at the hub: box types, families, addresses, PIN hashes, parcels and weight overrides. */
export const packing = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('products', (t) => t.string('family').notNullable().defaultTo(''));
    await knex.schema.alterTable('operators', (t) => t.string('pin_hash').nullable());
    await knex.schema.alterTable('orders', (t) => {
      t.text('address').notNullable().defaultTo('');
      t.string('shipped_at').nullable();
    });
    await knex.schema.createTable('box_types', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.integer('tare_grams').notNullable();
      t.integer('max_grams').notNullable();
      t.text('tolerance').nullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('parcels', (t) => {
      t.string('order_id').notNullable();
      t.integer('parcel_no').notNullable();
      t.string('sscc').notNullable();
      t.string('box').notNullable();
      t.text('weight').notNullable();
      t.text('expected').nullable();
      t.text('tolerance').nullable();
      t.string('carrier').notNullable();
      t.string('tracking').notNullable();
      t.text('items').notNullable();
      t.string('packed_at').notNullable();
      t.primary(['order_id', 'parcel_no']);
    });
    await knex.schema.createTable('weight_overrides', (t) => {
      t.increments('id');
      t.string('order_id').notNullable();
      t.integer('parcel_no').notNullable();
      t.string('supervisor').notNullable();
      t.string('reason').notNullable();
      t.text('detail').notNullable();
      t.string('at').notNullable();
    });
    await knex.schema.createTable('data_problems', (t) => {
      t.increments('id');
      t.string('product_code').notNullable();
      t.string('problem').notNullable();
      t.string('reported_by').notNullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['data_problems', 'weight_overrides', 'parcels', 'box_types']) await knex.schema.dropTableIfExists(table);
  },
};
