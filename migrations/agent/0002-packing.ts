import type { Knex } from 'knex';

/** Packing: box types, product families, order addresses, supervisors' PIN hashes. */
export const packing = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('products', (t) => t.string('family').notNullable().defaultTo(''));
    await knex.schema.alterTable('operators', (t) => t.string('pin_hash').nullable());
    await knex.schema.alterTable('orders', (t) => t.text('address').notNullable().defaultTo(''));
    await knex.schema.createTable('box_types', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.integer('tare_grams').notNullable();
      t.integer('max_grams').notNullable();
      t.text('tolerance').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('box_types');
    await knex.schema.alterTable('orders', (t) => t.dropColumn('address'));
    await knex.schema.alterTable('operators', (t) => t.dropColumn('pin_hash'));
    await knex.schema.alterTable('products', (t) => t.dropColumn('family'));
  },
};
