import type { Knex } from 'knex';

/** The fact kept under this key: when the hub last acknowledged the agent's events (ISO 8601), for `quai status` with the agent stopped too. */
export const LAST_SYNC_AT = 'lastSyncAt';

/** Small key/value facts about the store, such as the agent id it belongs to. */
export class MetaRepo {
  /** `write`: runs a transaction in the store's writers' turns, for facts written outside the caller's (the store-owner lock's heartbeat, the agent's id). */
  constructor(
    private readonly db: Knex,
    private readonly write: <T>(work: (trx: Knex.Transaction) => Promise<T>) => Promise<T>,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db('meta').where({ key }).first('value');
    return row?.value;
  }

  /** Sets a fact, inside the caller's transaction when one is given. */
  async set(key: string, value: string, trx?: Knex.Transaction): Promise<void> {
    const upsert = (t: Knex.Transaction) => t('meta').insert({ key, value }).onConflict('key').merge();
    await (trx ? upsert(trx) : this.write(upsert));
  }

  /**
   * Atomically replaces the fact `key` if it still holds `expected` (undefined: absent), with
   * `value` (undefined: removes it). True when it did; false when another writer got there first.
   * One statement each way, so two processes racing on one store (SQLite or PostgreSQL) never both win.
   */
  async compareAndSet(key: string, expected: string | undefined, value: string | undefined): Promise<boolean> {
    if (expected === undefined) {
      if (value === undefined) return (await this.get(key)) === undefined;
      return this.write(async (trx) => (await trx('meta').insert({ key, value }).onConflict('key').ignore().returning('key')).length === 1);
    }
    return this.write(async (trx) => {
      const matching = trx('meta').where({ key, value: expected });
      return (value === undefined ? await matching.delete() : await matching.update({ value })) === 1;
    });
  }
}
