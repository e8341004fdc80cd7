import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent } from '../../domain/events.js';
import type { UpstreamEvent } from '../../protocol/sync-events.js';

export interface EventOrigin {
  at: string;
  operator: string | null;
  station: string;
}

export interface AckResult {
  seq: number;
  status: 'accepted' | 'rejected';
  reason?: string;
}

interface OutboxRow {
  seq: number;
  id: string;
  type: UpstreamEvent['type'];
  at: string;
  operator: string | null;
  station: string;
  payload: string;
}

/**
 * Events waiting for the hub. Each gets a time-ordered id (UUIDv7, cheap to index) and a
 * gap-free per-agent seq, assigned inside the caller's transaction so a rollback leaves no gap.
 */
export class OutboxRepo {
  private pendingCount = 0;
  private rejectedCount = 0;

  constructor(private readonly db: Knex) {}

  async load(): Promise<void> {
    this.pendingCount = await this.countWhere('pending');
    this.rejectedCount = await this.countWhere('rejected');
  }

  /** Events the hub refused for a business reason: a supervisor must look at them. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /** Events committed locally and not yet acknowledged by the hub. */
  get pending(): number {
    return this.pendingCount;
  }

  async append(trx: Knex.Transaction, events: DomainEvent[], origin: EventOrigin): Promise<string[]> {
    if (events.length === 0) return [];
    const [last] = await trx('outbox').max({ seq: 'seq' });
    let seq = Number(last?.seq ?? 0);
    const rows = events.map((event) => ({
      seq: ++seq,
      id: uuidv7(),
      type: event.type,
      at: origin.at,
      operator: origin.operator,
      station: origin.station,
      payload: JSON.stringify(event.payload),
      status: 'pending',
    }));
    await trx('outbox').insert(rows);
    return rows.map((r) => r.id);
  }

  /** Counts events made visible by a committed transaction; called after commit. */
  committed(count: number): void {
    this.pendingCount += count;
  }

  async nextBatch(limit: number): Promise<UpstreamEvent[]> {
    const rows: OutboxRow[] = await this.db('outbox').where('status', 'pending').orderBy('seq').limit(limit).select('seq', 'id', 'type', 'at', 'operator', 'station', 'payload');
    return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  }

  async markAcked(results: AckResult[], at: string): Promise<void> {
    if (results.length === 0) return;
    let settled = 0;
    let rejected = 0;
    await this.db.transaction(async (trx) => {
      for (const result of results) {
        const changed = await trx('outbox')
          .where({ seq: result.seq, status: 'pending' })
          .update({ status: result.status, reason: result.reason ?? null, acked_at: at });
        settled += changed;
        if (result.status === 'rejected') rejected += changed;
      }
    });
    this.pendingCount -= settled;
    this.rejectedCount += rejected;
  }

  /** This site's latest stock movements of a product or at a bin, read from what it sent upstream. */
  async movements(target: { kind: 'product' | 'location'; code: string }, limit: number): Promise<{ at: string; type: string; productCode: string; location: string; quantity: number }[]> {
    const field = target.kind === 'product' ? 'productCode' : 'location';
    const rows: { at: string; type: string; payload: string }[] = await this.db('outbox')
      .whereIn('type', ['pick.line.picked', 'pick.short', 'receipt.line.received', 'count.line.counted'])
      .andWhere('payload', 'like', `%"${field}":${JSON.stringify(target.code)}%`)
      .orderBy('seq', 'desc')
      .limit(limit)
      .select('at', 'type', 'payload');
    return rows.map((row) => {
      const p = JSON.parse(row.payload) as { productCode: string; location: string; quantity?: number; picked?: number; counted?: number };
      const quantity = row.type === 'pick.line.picked' ? -(p.quantity ?? 0) : row.type === 'pick.short' ? -(p.picked ?? 0) : row.type === 'count.line.counted' ? (p.counted ?? 0) : (p.quantity ?? 0);
      return { at: row.at, type: row.type, productCode: p.productCode, location: p.location, quantity };
    });
  }

  async countWhere(status: 'pending' | 'accepted' | 'rejected'): Promise<number> {
    const [row] = await this.db('outbox').where({ status }).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async rejectedEvents(limit: number): Promise<{ seq: number; type: string; reason: string | null; at: string }[]> {
    return this.db('outbox').where('status', 'rejected').orderBy('seq', 'desc').limit(limit).select('seq', 'type', 'reason', 'at');
  }
}
