import type { Knex } from 'knex';
import type { StreamName } from '../../protocol/sync.js';

/** Downstream stream cursors; each is written in the transaction of the patch it follows. */
export class CursorsRepo {
  constructor(private readonly db: Knex) {}

  async all(): Promise<Record<StreamName, string | null>> {
    const rows: { stream: StreamName; cursor: string }[] = await this.db('cursors').select();
    const cursors: Record<StreamName, string | null> = { catalog: null, work: null, stock: null };
    for (const row of rows) cursors[row.stream] = row.cursor;
    return cursors;
  }

  async set(trx: Knex.Transaction, stream: StreamName, cursor: string): Promise<void> {
    await trx('cursors').insert({ stream, cursor }).onConflict('stream').merge();
  }
}
