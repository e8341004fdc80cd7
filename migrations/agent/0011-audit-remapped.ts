import type { Knex } from 'knex';

/**
 * A wedge burst read again through a keyboard layout (docs/devices.md, "Wedge scanners on AZERTY
 * and QWERTZ terminals"): the audit keeps the raw burst in `raw` and, here, the reading that was
 * taken and the layout it was read through.
 */
export const auditRemapped = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('audit', (t) => {
      t.text('remapped_text').nullable();
      t.string('remapped_layout').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('audit', (t) => {
      t.dropColumn('remapped_text');
      t.dropColumn('remapped_layout');
    });
  },
};
