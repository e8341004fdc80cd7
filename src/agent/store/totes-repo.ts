import type { Knex } from 'knex';
import type { DomainEvent } from '../../domain/events.js';

/** A tote bound to an order on this site. */
export interface BoundTote {
  code: string;
  orderId: string;
  orderNumber: string;
  cart: string;
  position: number;
  station: string;
}

interface ToteRow {
  code: string;
  order_id: string;
  order_number: string;
  cart: string;
  position: number;
  station: string;
}

const toTote = (row: ToteRow): BoundTote => ({ code: row.code, orderId: row.order_id, orderNumber: row.order_number, cart: row.cart, position: Number(row.position), station: row.station });

/** Another station bound the tote inside the same instant: the intent is resolved again (and refused). */
export class ToteTaken extends Error {
  constructor(tote: string) {
    super(`tote ${tote} bound by another station`);
  }
}

/** Which order each tote holds (cluster picking), kept in step with the tote events in their own transaction. */
export class TotesRepo {
  constructor(private readonly db: Knex) {}

  /** Binds and frees totes as the intent's `tote.assigned` / `tote.released` events say, in the intent's transaction. */
  async record(trx: Knex.Transaction, events: readonly DomainEvent[], station: string, at: string): Promise<void> {
    for (const event of events) {
      if (event.type === 'tote.assigned') {
        const { tote, orderId, orderNumber, cart, position } = event.payload;
        // one statement decides between two stations binding the same tote in the same instant
        await trx('totes').insert({ code: tote, order_id: orderId, order_number: orderNumber, cart, position, station, assigned_at: at }).onConflict('code').ignore();
        const holder: ToteRow | undefined = await trx('totes').where('code', tote).first();
        if (holder?.order_id !== orderId) throw new ToteTaken(tote);
      } else if (event.type === 'tote.released') {
        await trx('totes').where({ code: event.payload.tote, order_id: event.payload.orderId }).delete();
      }
    }
  }

  /** The order a tote holds, if any (codes are kept upper-case). */
  async byCode(code: string): Promise<BoundTote | undefined> {
    const row: ToteRow | undefined = await this.db('totes').where('code', code.toUpperCase()).first();
    return row ? toTote(row) : undefined;
  }

  /** The tote an order is in, if any. */
  async ofOrder(orderId: string): Promise<BoundTote | undefined> {
    const row: ToteRow | undefined = await this.db('totes').where('order_id', orderId).first();
    return row ? toTote(row) : undefined;
  }
}
