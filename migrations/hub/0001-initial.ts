import type { Knex } from 'knex';

/**
 * Hub store (the embedded reference ERP): documents with a `version` per row, so that a stream
 * cursor is "the highest version the agent has seen"; and the per-agent applied sequence.
 */
export const initial = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('stream_versions', (t) => {
      t.string('stream').primary();
      t.bigInteger('version').notNullable();
    });
    await knex.schema.createTable('products', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.string('unit').notNullable();
      t.float('weight_grams').nullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('barcodes', (t) => {
      t.string('code').primary();
      t.string('product_code').notNullable().index();
      t.integer('multiple').notNullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('locations', (t) => {
      t.string('code').primary();
      t.string('zone').notNullable();
      t.integer('aisle').notNullable();
      t.integer('bay').notNullable();
      t.integer('level').notNullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('operators', (t) => {
      t.string('code').primary();
      t.string('name').notNullable();
      t.string('badge').nullable();
      t.string('role').notNullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('orders', (t) => {
      t.string('id').primary();
      t.string('number').notNullable().unique();
      t.string('customer').notNullable();
      t.string('status').notNullable();
      t.string('picked_at').nullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('order_lines', (t) => {
      t.string('order_id').notNullable().references('orders.id');
      t.string('line_id').notNullable();
      t.string('product_code').notNullable();
      t.string('location_code').notNullable();
      t.integer('quantity').notNullable();
      t.integer('picked').notNullable().defaultTo(0);
      t.integer('short').notNullable().defaultTo(0);
      t.string('short_reason').nullable();
      t.text('lots').nullable();
      t.string('status').notNullable();
      t.primary(['order_id', 'line_id']);
    });
    await knex.schema.createTable('receipts', (t) => {
      t.string('id').primary();
      t.string('number').notNullable().unique();
      t.string('supplier').notNullable();
      t.string('status').notNullable();
      t.text('lines').notNullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('count_tasks', (t) => {
      t.string('id').primary();
      t.string('scope').notNullable();
      t.string('target').notNullable();
      t.string('status').notNullable();
      t.bigInteger('version').notNullable().index();
    });
    await knex.schema.createTable('agents', (t) => {
      t.string('agent_id').primary();
      t.string('site_id').notNullable();
      t.bigInteger('last_seq').notNullable();
      t.string('last_seen_at').nullable();
    });
    await knex.schema.createTable('events', (t) => {
      t.string('agent_id').notNullable();
      t.bigInteger('seq').notNullable();
      t.string('id').notNullable().unique();
      t.string('type').notNullable();
      t.string('at').notNullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.text('payload').notNullable();
      t.string('status').notNullable();
      t.text('reason').nullable();
      t.string('applied_at').notNullable();
      t.primary(['agent_id', 'seq']);
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of ['events', 'agents', 'count_tasks', 'receipts', 'order_lines', 'orders', 'operators', 'locations', 'barcodes', 'products', 'stream_versions']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
