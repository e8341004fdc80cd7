import type { Knex } from 'knex';

/**
 * The retention job deletes an agent's applied events once they are older than
 * `retention.hubEventsDays`. What it leaves of them: how many it pruned, and the pruned horizon,
 * the latest `at` (agent time) of an event it pruned. An event the hub does not know, dated at or
 * before that horizon and sent by a store of the agent other than its first (a restored backup),
 * may be one whose record is gone: it is refused, never booked a second time (receive-batch.ts).
 */
export const retention = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => {
      t.string('pruned_through_at').nullable();
      t.bigInteger('pruned_events').notNullable().defaultTo(0);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('pruned_events');
      t.dropColumn('pruned_through_at');
    });
  },
};
