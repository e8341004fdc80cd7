import type { Knex } from 'knex';
import type { WorkOrder } from '../../protocol/sync.js';

export type LocalOrderStatus = 'open' | 'in-progress' | 'picked' | 'packing' | 'shipped' | 'cancelled';

/** How far an order has gone on the floor; the local status never moves back. */
const PROGRESS: Record<LocalOrderStatus, number> = { open: 0, 'in-progress': 1, picked: 2, packing: 3, shipped: 4, cancelled: 5 };
const FROM_HUB: Record<WorkOrder['status'], LocalOrderStatus> = { open: 'open', picked: 'picked', shipped: 'shipped', cancelled: 'cancelled' };

export interface StoredOrder {
  id: string;
  number: string;
  customer: string;
  hubStatus: WorkOrder['status'];
  localStatus: LocalOrderStatus;
  station: string | null;
  address: string;
  /** Higher goes first when a batch is chosen; 0 when the ERP says nothing. */
  priority: number;
  /** The cut-off (ISO 8601 datetime), null when the ERP gives none. */
  shipBy: string | null;
  /** The carrier the order ships with, null when the ERP names none. */
  carrier: string | null;
  lines: WorkOrder['lines'];
}

interface OrderRow {
  id: string;
  number: string;
  customer: string;
  hub_status: WorkOrder['status'];
  local_status: LocalOrderStatus;
  station: string | null;
  address: string;
  priority: number;
  ship_by: string | null;
  carrier: string | null;
  lines: string;
}

const toOrder = (row: OrderRow): StoredOrder => ({
  id: row.id,
  number: row.number,
  customer: row.customer,
  hubStatus: row.hub_status,
  localStatus: row.local_status,
  station: row.station,
  address: row.address,
  priority: Number(row.priority),
  shipBy: row.ship_by,
  carrier: row.carrier,
  lines: JSON.parse(row.lines) as WorkOrder['lines'],
});

/** Orders to pick, as the hub sent them, with what this site has done to them since. */
export class OrdersRepo {
  constructor(private readonly db: Knex) {}

  async applyPuts(trx: Knex.Transaction, orders: WorkOrder[]): Promise<void> {
    for (const order of orders) {
      const existing: OrderRow | undefined = await trx('orders').where({ id: order.id }).first();
      // The hub may lag behind the floor: never take back what this site already did.
      const fromHub = FROM_HUB[order.status];
      const localStatus = existing && PROGRESS[existing.local_status] > PROGRESS[fromHub] ? existing.local_status : fromHub;
      const row = {
        id: order.id,
        number: order.number.toUpperCase(),
        customer: order.customer,
        hub_status: order.status,
        local_status: localStatus,
        station: existing?.station ?? null,
        address: order.address,
        priority: order.priority,
        ship_by: order.shipBy,
        carrier: order.carrier,
        // when this site is ahead of the hub, its own record of the lines (what it picked) stands
        lines: existing && localStatus === existing.local_status && PROGRESS[localStatus] > PROGRESS[fromHub] ? existing.lines : JSON.stringify(order.lines),
      };
      await trx('orders').insert(row).onConflict('id').merge();
    }
  }

  async find(ref: string): Promise<StoredOrder | undefined> {
    const row: OrderRow | undefined = await this.db('orders').where('id', ref).orWhere('number', ref.toUpperCase()).first();
    return row ? toOrder(row) : undefined;
  }

  async listOpen(limit: number): Promise<StoredOrder[]> {
    return this.listByStatus('open', limit);
  }

  async listByStatus(status: LocalOrderStatus, limit: number): Promise<StoredOrder[]> {
    const rows: OrderRow[] = await this.db('orders').where('local_status', status).orderBy('number').limit(limit);
    return rows.map(toOrder);
  }

  /**
   * The first `limit` picked orders by number with units to pack: an order found short on every
   * line stays picked until the ERP settles it, and is skipped (its lines are JSON: read a page
   * at a time until `limit` are found).
   */
  async listToPack(limit: number): Promise<StoredOrder[]> {
    const found: StoredOrder[] = [];
    for (let offset = 0; found.length < limit; offset += limit) {
      const rows: OrderRow[] = await this.db('orders').where('local_status', 'picked').orderBy('number').offset(offset).limit(limit);
      found.push(...rows.map(toOrder).filter((order) => order.lines.some((line) => line.picked > 0)));
      if (rows.length < limit) break;
    }
    return found.slice(0, limit);
  }

  /** Units that open orders will take from each bin (product|location), not yet picked. */
  async reservedAt(productCodes: string[]): Promise<Map<string, number>> {
    const wanted = new Set(productCodes);
    const rows: OrderRow[] = await this.db('orders').whereIn('local_status', ['open', 'in-progress']);
    const reserved = new Map<string, number>();
    for (const row of rows) {
      for (const line of JSON.parse(row.lines) as WorkOrder['lines']) {
        if (!wanted.has(line.productCode)) continue;
        const key = `${line.productCode}|${line.locationCode}`;
        // a line of a product sold by weight may be picked a few grams over (picking.weightOverPercent): nothing left to reserve
        reserved.set(key, (reserved.get(key) ?? 0) + Math.max(0, line.quantity - line.picked));
      }
    }
    return reserved;
  }

  async countOpen(): Promise<number> {
    const [row] = await this.db('orders').where('local_status', 'open').count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  /** Records the quantities picked on this site into the order's lines. */
  async recordPicked(trx: Knex.Transaction, id: string, picks: { lineId: string; picked: number }[]): Promise<void> {
    const row: OrderRow | undefined = await trx('orders').where({ id }).first();
    if (!row) return;
    const byLine = new Map(picks.map((p) => [p.lineId, p.picked]));
    const lines = (JSON.parse(row.lines) as WorkOrder['lines']).map((l) => ({ ...l, picked: byLine.get(l.lineId) ?? l.picked }));
    await trx('orders').where({ id }).update({ lines: JSON.stringify(lines) });
  }

  /**
   * Takes an order for a station in one statement: free, or already this station's. Two stations
   * opening the same order at the same instant both found it free; only one claim succeeds.
   */
  async claim(trx: Knex.Transaction, id: string, station: string, free: LocalOrderStatus, taken: LocalOrderStatus): Promise<boolean> {
    const changed = await trx('orders')
      .where({ id })
      .andWhere((q) => q.where('local_status', free).orWhere((mine) => mine.where({ local_status: taken, station })))
      .update({ local_status: taken, station });
    return changed > 0;
  }

  /** Gives back an order this station claimed and did not work on: `taken` at `station` becomes `free`, for any station; otherwise nothing changes. */
  async unclaim(trx: Knex.Transaction, id: string, station: string, free: LocalOrderStatus, taken: LocalOrderStatus): Promise<void> {
    await trx('orders').where({ id, local_status: taken, station }).update({ local_status: free, station: null });
  }

  async setLocalStatus(trx: Knex.Transaction, id: string, status: LocalOrderStatus, station: string | null): Promise<void> {
    await trx('orders').where({ id }).update({ local_status: status, station });
  }
}
