import type { Knex } from 'knex';
import type { WorkOrder } from '../../protocol/sync.js';

export type LocalOrderStatus = 'open' | 'in-progress' | 'picked';

export interface StoredOrder {
  id: string;
  number: string;
  customer: string;
  hubStatus: WorkOrder['status'];
  localStatus: LocalOrderStatus;
  station: string | null;
  lines: WorkOrder['lines'];
}

interface OrderRow {
  id: string;
  number: string;
  customer: string;
  hub_status: WorkOrder['status'];
  local_status: LocalOrderStatus;
  station: string | null;
  lines: string;
}

const toOrder = (row: OrderRow): StoredOrder => ({
  id: row.id,
  number: row.number,
  customer: row.customer,
  hubStatus: row.hub_status,
  localStatus: row.local_status,
  station: row.station,
  lines: JSON.parse(row.lines) as WorkOrder['lines'],
});

/** Orders to pick, as the hub sent them, with what this site has done to them since. */
export class OrdersRepo {
  constructor(private readonly db: Knex) {}

  async applyPuts(trx: Knex.Transaction, orders: WorkOrder[]): Promise<void> {
    for (const order of orders) {
      const existing: OrderRow | undefined = await trx('orders').where({ id: order.id }).first();
      // The hub may lag behind the floor: never reopen an order this site already picked.
      const localStatus: LocalOrderStatus =
        order.status !== 'open' ? 'picked' : existing && existing.local_status !== 'open' ? existing.local_status : 'open';
      const row = {
        id: order.id,
        number: order.number.toUpperCase(),
        customer: order.customer,
        hub_status: order.status,
        local_status: localStatus,
        station: existing?.station ?? null,
        lines: JSON.stringify(order.lines),
      };
      await trx('orders').insert(row).onConflict('id').merge();
    }
  }

  async find(ref: string): Promise<StoredOrder | undefined> {
    const row: OrderRow | undefined = await this.db('orders').where('id', ref).orWhere('number', ref.toUpperCase()).first();
    return row ? toOrder(row) : undefined;
  }

  async listOpen(limit: number): Promise<StoredOrder[]> {
    const rows: OrderRow[] = await this.db('orders').where('local_status', 'open').orderBy('number').limit(limit);
    return rows.map(toOrder);
  }

  async countOpen(): Promise<number> {
    const [row] = await this.db('orders').where('local_status', 'open').count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async setLocalStatus(trx: Knex.Transaction, id: string, status: LocalOrderStatus, station: string | null): Promise<void> {
    await trx('orders').where({ id }).update({ local_status: status, station });
  }
}
