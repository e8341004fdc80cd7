import type { Knex } from 'knex';

/** The internal codes a person types or a label carries, each compared as `upper(column) = upper(?)`. */
const CODE_COLUMNS: [table: string, column: string][] = [
  ['barcodes', 'code'],
  ['locations', 'code'],
  ['operators', 'code'],
  ['operators', 'badge'],
  ['box_types', 'code'],
  ['count_tasks', 'id'],
];

/**
 * Internal codes (bins, box types, badges, operator codes, count tasks, internal product codes)
 * are found whatever their case, on both sides: the ERP's `Carton M` is found by `CARTON M` or
 * `carton m` (docs/devices.md, "Barcodes"). Expression indexes keep those look-ups indexed, on
 * SQLite (3.9+) and PostgreSQL alike.
 */
export const caseFreeCodes = {
  async up(knex: Knex): Promise<void> {
    for (const [table, column] of CODE_COLUMNS) await knex.raw(`CREATE INDEX ${table}_${column}_upper ON ${table} (upper(${column}))`);
  },
  async down(knex: Knex): Promise<void> {
    for (const [table, column] of CODE_COLUMNS) await knex.raw(`DROP INDEX ${table}_${column}_upper`);
  },
};
