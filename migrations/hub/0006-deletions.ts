import type { Knex } from 'knex';

/** A document removed from a stream leaves a tombstone at the version that removed it, for agents to delete it too. */
export const deletions = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('deletions', (t) => {
      t.string('stream').notNullable();
      t.string('kind').notNullable();
      t.string('key').notNullable();
      t.bigInteger('version').notNullable().index();
      t.primary(['stream', 'kind', 'key']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('deletions');
  },
};
