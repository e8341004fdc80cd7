import type { Knex } from 'knex';

/** Small key/value facts about the store, such as the agent id it belongs to. */
export class MetaRepo {
  constructor(private readonly db: Knex) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db('meta').where({ key }).first('value');
    return row?.value;
  }

  /** Sets a fact, inside the caller's transaction when one is given. */
  async set(key: string, value: string, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('meta').insert({ key, value }).onConflict('key').merge();
  }
}
