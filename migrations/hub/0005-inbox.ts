import type { Knex } from 'knex';

/**
 * Events are received first (acked to the agent as soon as they are stored) and applied to the
 * ERP after, in seq order per agent: a slow or unreachable ERP never holds the agents back.
 */
export const inbox = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('events', (t) => {
      t.string('applied_at').nullable().alter();
      t.string('received_at').nullable();
      t.index(['status', 'agent_id', 'seq'], 'events_status_agent_seq');
    });
    await knex('events').update({ received_at: knex.ref('applied_at') });
    // the last seq of each agent applied to the ERP; everything up to it has its outcome
    await knex.schema.alterTable('agents', (t) => t.bigInteger('settled_seq').notNullable().defaultTo(0));
    await knex('agents').update({ settled_seq: knex.ref('last_seq') });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => t.dropColumn('settled_seq'));
    await knex.schema.alterTable('events', (t) => {
      t.dropIndex(['status', 'agent_id', 'seq'], 'events_status_agent_seq');
      t.dropColumn('received_at');
    });
  },
};
