import type { Knex } from 'knex';

/**
 * An agent's store has an identity (its incarnation). The hub numbers each agent's events in one
 * gap-free sequence across incarnations: an incarnation's segment starts at `first_seq` (in the
 * agent's own numbering) and the hub's seq of an agent seq `s` is `seq_base + s`. Events keep the
 * incarnation and seq the agent gave them, and `sent_id` the id the agent sent when the row's own
 * id had to differ (another event at the hub had it).
 */
export const agentIncarnations = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('agents', (t) => {
      // null until the agent's first hello under this scheme: that incarnation then continues seq 1..
      t.string('incarnation', 36).nullable();
      t.bigInteger('seq_base').notNullable().defaultTo(0);
      t.bigInteger('first_seq').notNullable().defaultTo(1);
      // a hub holding a live link of the agent's current incarnation renews this (hubs sharing a database)
      t.string('linked_until').nullable();
    });
    await knex.schema.alterTable('events', (t) => {
      t.string('incarnation', 36).nullable();
      t.bigInteger('agent_seq').nullable();
      t.string('sent_id').nullable();
    });
    // an id used twice was kept as `<id>#<agent>#<seq>`: the id the agent sent is what it knows
    const mangled: { agent_id: string; seq: number; id: string }[] = await knex('events').where('id', 'like', '%#%').select('agent_id', 'seq', 'id');
    for (const row of mangled) await knex('events').where({ agent_id: row.agent_id, seq: row.seq }).update({ sent_id: row.id.slice(0, row.id.indexOf('#')) });
    await knex.schema.createTable('agent_incarnations', (t) => {
      t.increments('id');
      t.string('agent_id').notNullable().index();
      t.string('incarnation', 36).notNullable();
      t.bigInteger('seq_base').notNullable();
      t.bigInteger('first_seq').notNullable();
      t.string('started_at').notNullable();
      t.string('previous', 36).nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('agent_incarnations');
    await knex.schema.alterTable('events', (t) => {
      t.dropColumn('sent_id');
      t.dropColumn('agent_seq');
      t.dropColumn('incarnation');
    });
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('linked_until');
      t.dropColumn('first_seq');
      t.dropColumn('seq_base');
      t.dropColumn('incarnation');
    });
  },
};
