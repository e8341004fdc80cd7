import type { Knex } from 'knex';
import type { UpstreamEvent } from '../protocol/sync-events.js';

export interface ApplyOutcome {
  status: 'accepted' | 'rejected';
  /** For a rejection: the business reason a supervisor reads. */
  reason?: string;
  /** Downstream streams the effect changed, so connected agents get the new documents. */
  changed?: ('catalog' | 'work' | 'stock')[];
}

/**
 * The ERP behind the hub. `apply` runs inside the hub's transaction that also records the
 * agent's seq, so an effect and its "applied" mark commit together. It throws only on faults
 * (the whole batch is retried); a business refusal is an outcome.
 */
export interface ErpAdapter {
  readonly name: string;
  apply(trx: Knex.Transaction, event: UpstreamEvent, now: Date): Promise<ApplyOutcome>;
}
