import type { Knex } from 'knex';
import type { z } from 'zod';
import { eventPayloads, type SyncEventType, type UpstreamEvent } from '../protocol/sync-events.js';

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

export const rejected = (reason: string): ApplyOutcome => ({ status: 'rejected', reason });

export type Payload<K extends SyncEventType> = z.infer<(typeof eventPayloads)[K]>;
export type Handler<K extends SyncEventType> = (trx: Knex.Transaction, payload: Payload<K>, event: UpstreamEvent, now: Date) => Promise<ApplyOutcome>;
export type Handlers = { [K in SyncEventType]: Handler<K> };

/** Checks the event's payload against its schema, then runs its handler: a payload that does not match is rejected, never applied. */
export function dispatchEvent(handlers: Handlers, trx: Knex.Transaction, event: UpstreamEvent, now: Date): Promise<ApplyOutcome> {
  const payload = eventPayloads[event.type].safeParse(event.payload);
  if (!payload.success) return Promise.resolve(rejected(`invalid payload: ${payload.error.issues[0]?.path.join('.')} ${payload.error.issues[0]?.message}`));
  const handler = handlers[event.type] as Handler<SyncEventType>;
  return handler(trx, payload.data as Payload<SyncEventType>, event, now);
}
