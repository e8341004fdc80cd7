import type { Knex } from 'knex';

/**
 * Supervisor PIN guessing: per supervisor code, wrong PINs in a row, lockouts since the last good
 * PIN and when the current lockout ends. Agent-wide (every station) and kept across restarts.
 */
export const supervisorLockouts = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('supervisor_lockouts', (t) => {
      t.string('supervisor').primary();
      t.integer('failures').notNullable();
      t.integer('lockouts').notNullable();
      // ISO 8601 UTC, like every time in this store
      t.string('locked_until').nullable();
      t.string('updated_at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('supervisor_lockouts');
  },
};
