import type { Knex } from 'knex';

/**
 * Where each parcel's weight came from (`scale`, or `manual`: typed by the packer; parcels before
 * came from the scale), and the supervisor's approval of a weight typed while the scale was offline (JSON).
 */
export const weightSource = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('parcels', (t) => {
      t.string('weight_source').notNullable().defaultTo('scale');
      t.text('weight_approval').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('parcels', (t) => {
      t.dropColumn('weight_source');
      t.dropColumn('weight_approval');
    });
  },
};
