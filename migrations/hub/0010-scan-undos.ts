import type { Knex } from 'knex';

/** Scans taken back at a station before their line was confirmed (`scan.undone`): kept at the hub, no ERP effect. */
export const scanUndos = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('scan_undos', (t) => {
      t.increments('id');
      t.string('event_id').notNullable();
      t.string('workflow').notNullable();
      t.string('document').nullable();
      t.string('product_code').notNullable();
      t.string('location').nullable();
      t.string('lot').nullable();
      t.integer('quantity').notNullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('scan_undos');
  },
};
