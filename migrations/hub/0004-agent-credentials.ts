import type { Knex } from 'knex';

/** One token per agent: the hub keeps its SHA-256 only, so a copy of the store reveals no token. */
export const agentCredentials = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('agent_credentials', (t) => {
      t.string('agent_id').primary();
      t.string('token_sha256', 64).notNullable();
      t.string('enrolled_at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('agent_credentials');
  },
};
