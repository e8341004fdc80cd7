import type { Knex } from 'knex';

/**
 * Each agent's site time zone (IANA name, `hello.timeZone`), kept from its last hello: the site's
 * days, shifts and hours in the hub's figures are read in it. Null until the agent says it.
 */
export const siteTimeZone = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => {
      t.string('time_zone', 64).nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('time_zone');
    });
  },
};
