import type { Knex } from 'knex';

/** Where each parcel's weight came from (`scale`, or `manual`: typed by the packer); parcels before it came from the scale. */
export const weightSource = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('parcels', (t) => {
      t.string('weight_source').notNullable().defaultTo('scale');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('parcels', (t) => {
      t.dropColumn('weight_source');
    });
  },
};
