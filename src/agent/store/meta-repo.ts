import type { Knex } from 'knex';

/** Small key/value facts about the store, such as the agent id it belongs to. */
export class MetaRepo {
  /** `writer`: where facts written outside a transaction go (the store-owner lock's heartbeat, the agent's id). */
  constructor(
    private readonly db: Knex,
    private readonly writer: Knex,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db('meta').where({ key }).first('value');
    return row?.value;
  }

  /** Sets a fact, inside the caller's transaction when one is given. */
  async set(key: string, value: string, trx: Knex | Knex.Transaction = this.writer): Promise<void> {
    await trx('meta').insert({ key, value }).onConflict('key').merge();
  }

  /**
   * Atomically replaces the fact `key` if it still holds `expected` (undefined: absent), with
   * `value` (undefined: removes it). True when it did; false when another writer got there first.
   * One statement each way, so two processes racing on one store (SQLite or PostgreSQL) never both win.
   */
  async compareAndSet(key: string, expected: string | undefined, value: string | undefined): Promise<boolean> {
    if (expected === undefined) {
      if (value === undefined) return (await this.get(key)) === undefined;
      return (await this.writer('meta').insert({ key, value }).onConflict('key').ignore().returning('key')).length === 1;
    }
    const matching = this.writer('meta').where({ key, value: expected });
    return (value === undefined ? await matching.delete() : await matching.update({ value })) === 1;
  }
}
