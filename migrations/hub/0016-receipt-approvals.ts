import type { Knex } from 'knex';

/** Supervisors' approvals of put-aways (`receipt.line.received`): over-receipts, bins other than suggested. Kept at the hub, whatever the ERP. */
export const receiptApprovals = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('receipt_approvals', (t) => {
      t.increments('id');
      t.string('event_id').notNullable();
      t.string('receipt').notNullable();
      t.string('kind').notNullable();
      t.string('product_code').notNullable();
      t.integer('quantity').notNullable();
      t.string('location').notNullable();
      t.string('suggested').nullable();
      t.string('supervisor').notNullable();
      t.string('reason').notNullable();
      t.string('note', 200).nullable();
      t.string('station').notNullable();
      t.string('operator').nullable();
      t.string('at').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('receipt_approvals');
  },
};
