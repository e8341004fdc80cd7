import type { Knex } from 'knex';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** A knex migration source over migrations imported as modules (no directory scan at run time). */
export function moduleMigrationSource(migrations: Record<string, Migration>): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => Object.keys(migrations).sort(),
    getMigrationName: (name) => name,
    getMigration: async (name) => migrations[name]!,
  };
}
