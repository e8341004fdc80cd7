import type { Knex } from 'knex';

/** How the link to the ERP behind the hub is doing (Tryton's last pull, its last error): for `quai hub inspect`. */
export const erpStatus = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('erp_status', (t) => {
      t.string('erp').primary();
      t.string('last_pull_at').nullable();
      t.text('last_error').nullable();
      t.string('last_error_at').nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('erp_status');
  },
};
