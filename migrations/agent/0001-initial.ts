import type { Knex } from 'knex';

/** Agent store: catalog and work copied from the hub, sessions, outbox and audit. */
export const initial = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('meta', (t) => {
      t.string('key').primary();
      t.text('value').notNullable();
    });
    await knex.schema.createTable('products', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.string('unit').notNullable();
      t.float('weight_grams').nullable();
    });
    await knex.schema.createTable('barcodes', (t) => {
      t.string('code').primary();
      t.string('product_code').notNullable().index();
      t.integer('multiple').notNullable();
    });
    await knex.schema.createTable('locations', (t) => {
      t.string('code').primary();
      t.string('zone').notNullable();
      t.integer('aisle').notNullable();
      t.integer('bay').notNullable();
      t.integer('level').notNullable();
    });
    await knex.schema.createTable('operators', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.string('badge').nullable().index();
      t.string('role').notNullable();
    });
    await knex.schema.createTable('orders', (t) => {
      t.string('id').primary();
      t.string('number').notNullable().index();
      t.string('customer').notNullable();
      t.string('hub_status').notNullable();
      // open | in-progress | picked: what this site has done, ahead of the hub's view
      t.string('local_status').notNullable().index();
      t.string('station').nullable();
      t.text('lines').notNullable();
    });
    await knex.schema.createTable('cursors', (t) => {
      t.string('stream').primary();
      t.string('cursor').notNullable();
    });
    await knex.schema.createTable('outbox', (t) => {
      t.integer('seq').primary();
      t.string('id').notNullable().unique();
      t.string('type').notNullable();
      t.string('at').notNullable();
      t.string('operator').nullable();
      t.string('station').notNullable();
      t.text('payload').notNullable();
      // pending until the hub acks it; then accepted or rejected (a refusal a supervisor must see)
      t.string('status').notNullable().index();
      t.text('reason').nullable();
      t.string('acked_at').nullable();
    });
    await knex.schema.createTable('sessions', (t) => {
      t.string('station').primary();
      t.text('state').notNullable();
      t.text('feedback').nullable();
      t.string('updated_at').notNullable();
    });
    await knex.schema.createTable('audit', (t) => {
      t.increments('id');
      t.string('at').notNullable();
      t.string('station').notNullable().index();
      t.string('operator').nullable();
      t.string('intent').notNullable();
      t.string('source').nullable();
      t.text('raw').nullable();
      t.string('outcome_level').nullable();
      t.string('outcome_code').nullable();
      t.text('event_ids').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['audit', 'sessions', 'outbox', 'cursors', 'orders', 'operators', 'locations', 'barcodes', 'products', 'meta']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
