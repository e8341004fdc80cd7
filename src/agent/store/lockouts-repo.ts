import type { Knex } from 'knex';
import { CLEAN_RECORD, type PinRecord } from '../../domain/supervisor-lockout.js';

/** A supervisor code's guessing record as stored, with when it last changed. */
export interface StoredPinRecord extends PinRecord {
  supervisor: string;
  updatedAt: string;
}

interface Row {
  supervisor: string;
  failures: number | string;
  lockouts: number | string;
  locked_until: string | null;
  updated_at: string;
}

const toRecord = (row: Row): StoredPinRecord => ({
  supervisor: row.supervisor,
  failures: Number(row.failures),
  lockouts: Number(row.lockouts),
  lockedUntilMs: row.locked_until === null ? null : Date.parse(row.locked_until),
  updatedAt: row.updated_at,
});

/** Wrong supervisor PINs and lockouts, agent-wide: a code without a row has a clean record. */
export class LockoutsRepo {
  constructor(private readonly db: Knex) {}

  async get(supervisor: string): Promise<PinRecord> {
    const row = (await this.db('supervisor_lockouts').where({ supervisor }).first()) as Row | undefined;
    return row ? toRecord(row) : CLEAN_RECORD;
  }

  /** Stores a record; a clean one (after a good PIN) removes the code's row. */
  async save(trx: Knex.Transaction, supervisor: string, record: PinRecord, at: string): Promise<void> {
    if (record.failures === 0 && record.lockouts === 0) {
      await trx('supervisor_lockouts').where({ supervisor }).delete();
      return;
    }
    const row = { failures: record.failures, lockouts: record.lockouts, locked_until: record.lockedUntilMs === null ? null : new Date(record.lockedUntilMs).toISOString(), updated_at: at };
    await trx('supervisor_lockouts').insert({ supervisor, ...row }).onConflict('supervisor').merge(row);
  }

  /** Every code with wrong PINs or lockouts since its last good PIN, by code. */
  async all(): Promise<StoredPinRecord[]> {
    return ((await this.db('supervisor_lockouts').orderBy('supervisor')) as Row[]).map(toRecord);
  }
}
