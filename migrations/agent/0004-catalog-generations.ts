import type { Knex } from 'knex';

export const CATALOG_TABLES = ['products', 'barcodes', 'locations', 'operators', 'box_types'] as const;

/**
 * Each catalog row remembers the full snapshot that last carried it: when a snapshot ends, rows
 * it did not carry are gone at the hub and are swept, in the same transaction as the cursor.
 */
export const catalogGenerations = {
  async up(knex: Knex): Promise<void> {
    for (const table of CATALOG_TABLES) await knex.schema.alterTable(table, (t) => t.string('snapshot_id').nullable());
  },
  async down(knex: Knex): Promise<void> {
    for (const table of CATALOG_TABLES) await knex.schema.alterTable(table, (t) => t.dropColumn('snapshot_id'));
  },
};
