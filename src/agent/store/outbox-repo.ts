import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent } from '../../domain/events.js';
import { QuaiError } from '../../runtime/quai-error.js';
import { isPostgres } from '../../storage/open-database.js';
import type { UpstreamEvent } from '../../protocol/sync-events.js';

export interface EventOrigin {
  at: string;
  operator: string | null;
  station: string;
}

/** This store's identity at the hub (quai-sync/1 hello.incarnation), and since when and why. */
export interface Incarnation {
  id: string;
  since: string;
  reason: 'new-store' | 'history-diverged';
}

const INCARNATION = 'incarnation';

export interface SettledEvent {
  seq: number;
  status: 'accepted' | 'rejected';
  reason?: string;
}

const CHUNK = 500;

/** A transaction's changes to the outbox, counted when it commits. */
interface Staged {
  seqThrough: number | null;
  pending: number;
  sent: number;
  rejected: number;
  /** Many rows changed status at once (a resend, a new incarnation): count them all again. */
  reload: boolean;
}
/** Rows per INSERT: SQLite caps a compound statement at 500 terms. */
const INSERT_CHUNK = 250;

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
 * Events for the hub. Each gets a time-ordered id (UUIDv7, cheap to index) and a gap-free
 * per-agent seq, assigned inside the caller's transaction so a rollback leaves no gap. An event
 * is `pending` until the hub has stored it, then `sent` until the ERP's outcome comes back:
 * `accepted`, or `rejected` with the reason a supervisor reads.
 */
export class OutboxRepo {
  private pendingCount = 0;
  private sentCount = 0;
  private rejectedCount = 0;
  private current: Incarnation | undefined;
  /** The last seq committed (SQLite: one writer at a time, so the next seq comes from here, not from a max() per event). */
  private seqThrough = 0;
  /** What a transaction under way changed, counted once it commits (the store calls `afterCommit`). */
  private readonly staged = new WeakMap<Knex.Transaction, Staged>();

  /** `db` for reads; `writer` for the incarnation written at the store's first opening. */
  constructor(
    private readonly db: Knex,
    private readonly writer: Knex,
  ) {}

  /** Reads the counts, and the store's incarnation, made with the store on its first opening. */
  async load(): Promise<void> {
    const stored = await this.db('meta').where({ key: INCARNATION }).first('value');
    if (stored) this.current = JSON.parse(stored.value as string) as Incarnation;
    else {
      const made: Incarnation = { id: randomUUID(), since: new Date().toISOString(), reason: 'new-store' };
      // two openings at once (a second agent on the same store) keep the first one's
      await this.writer('meta').insert({ key: INCARNATION, value: JSON.stringify(made) }).onConflict('key').ignore();
      this.current = JSON.parse((await this.db('meta').where({ key: INCARNATION }).first('value')).value as string) as Incarnation;
    }
    this.pendingCount = await this.countWhere('pending');
    this.sentCount = await this.countWhere('sent');
    this.rejectedCount = await this.countWhere('rejected');
    this.seqThrough = await this.lastSeq();
  }

  private stage(trx: Knex.Transaction): Staged {
    let staged = this.staged.get(trx);
    if (!staged) this.staged.set(trx, (staged = { seqThrough: null, pending: 0, sent: 0, rejected: 0, reload: false }));
    return staged;
  }

  /** `trx` committed: the events it appended and the outcomes it recorded now count. Called by the store, in the writer's turn. */
  async afterCommit(trx: Knex.Transaction): Promise<void> {
    const staged = this.staged.get(trx);
    if (!staged) return;
    this.staged.delete(trx);
    if (staged.reload) return this.load();
    if (staged.seqThrough !== null) this.seqThrough = Math.max(this.seqThrough, staged.seqThrough);
    this.pendingCount += staged.pending;
    this.sentCount += staged.sent;
    this.rejectedCount += staged.rejected;
  }

  get incarnation(): Incarnation {
    if (!this.current) throw new QuaiError('STORE_NOT_LOADED', 'the outbox was read before the store was opened');
    return this.current;
  }

  /**
   * Says how the hub's view of this store's events (welcome: its last seq and that event's id)
   * disagrees with the store, or null when it does not: the hub holds a seq past this store's end,
   * or another event at that seq (the store was restored from an older backup, or replaced).
   */
  async divergence(hubLastSeq: number, hubLastId: string | null): Promise<string | null> {
    if (hubLastSeq === 0) return null;
    const row: { id: string } | undefined = await this.db('outbox').where({ seq: hubLastSeq }).first('id');
    if (!row) {
      const last = await this.lastSeq();
      return hubLastSeq > last ? `the hub holds seq ${hubLastSeq} of this store, which ends at seq ${last}` : null;
    }
    return hubLastId !== null && hubLastId !== row.id ? `seq ${hubLastSeq} is event ${hubLastId} at the hub and ${row.id} here` : null;
  }

  /**
   * This store's history and the hub's diverged: the store takes a new incarnation, and every
   * event without an outcome goes to the hub again, where it is matched by id (what the hub
   * already has is not booked twice; the rest is booked). One transaction.
   */
  async reincarnate(trx: Knex.Transaction, at: string): Promise<Incarnation> {
    const next: Incarnation = { id: randomUUID(), since: at, reason: 'history-diverged' };
    await trx('meta').insert({ key: INCARNATION, value: JSON.stringify(next) }).onConflict('key').merge();
    await trx('outbox').where({ status: 'sent' }).update({ status: 'pending' });
    this.stage(trx).reload = true;
    return next;
  }

  /** Events the hub has, whose outcome at the ERP is not known yet. */
  get awaitingOutcome(): number {
    return this.sentCount;
  }

  /** Events the hub refused for a business reason: a supervisor must look at them. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /** Events committed locally and not yet stored by the hub. */
  get pending(): number {
    return this.pendingCount;
  }

  async append(trx: Knex.Transaction, events: DomainEvent[], origin: EventOrigin): Promise<string[]> {
    if (events.length === 0) return [];
    // On PostgreSQL stations' transactions run side by side: writing this row locks it until
    // commit, so appenders take their seqs one after the other, gap-free and never twice. SQLite's
    // writers take turns (write-turns.ts) and the last seq is known: a scan's commit is spared a write and a read.
    const staged = this.stage(trx);
    let seq: number;
    if (isPostgres(trx)) {
      await trx('meta').insert({ key: 'outbox_append', value: origin.station }).onConflict('key').merge();
      const [last] = await trx('outbox').max({ seq: 'seq' });
      seq = Number(last?.seq ?? 0);
    } else seq = staged.seqThrough ?? this.seqThrough;
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
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('outbox').insert(rows.slice(i, i + INSERT_CHUNK));
    staged.seqThrough = seq;
    staged.pending += rows.length;
    return rows.map((r) => r.id);
  }

  /** The oldest events not yet stored by the hub, after those already sent on this link. */
  async nextBatch(limit: number, afterSeq = 0): Promise<UpstreamEvent[]> {
    const rows: OutboxRow[] = await this.db('outbox').where('status', 'pending').andWhere('seq', '>', afterSeq).orderBy('seq').limit(limit).select('seq', 'id', 'type', 'at', 'operator', 'station', 'payload');
    return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  }

  /** The hub has stored every event up to `lastSeq`. */
  async markReceived(trx: Knex.Transaction, lastSeq: number): Promise<void> {
    const changed = await trx('outbox').where('status', 'pending').andWhere('seq', '<=', lastSeq).update({ status: 'sent' });
    const staged = this.stage(trx);
    staged.pending -= changed;
    staged.sent += changed;
  }

  /**
   * Records the ERP's outcomes; accepted events in a few statements, rejected ones with their
   * reason. An outcome also means the hub has every event up to it, even if its ack is not here yet.
   */
  async settle(trx: Knex.Transaction, results: SettledEvent[], at: string): Promise<void> {
    if (results.length === 0) return;
    await this.markReceived(trx, Math.max(...results.map((r) => r.seq)));
    const accepted = results.filter((r) => r.status === 'accepted').map((r) => r.seq);
    const refused = results.filter((r) => r.status === 'rejected');
    const staged = this.stage(trx);
    for (let i = 0; i < accepted.length; i += CHUNK) {
      staged.sent -= await trx('outbox').where('status', 'sent').whereIn('seq', accepted.slice(i, i + CHUNK)).update({ status: 'accepted', acked_at: at });
    }
    for (const r of refused) {
      const changed = await trx('outbox').where({ seq: r.seq, status: 'sent' }).update({ status: 'rejected', reason: r.reason ?? null, acked_at: at });
      staged.sent -= changed;
      staged.rejected += changed;
    }
  }

  /** Every event up to this seq has its outcome recorded (outcomes arrive in seq order). */
  async settledThrough(): Promise<number> {
    const [open] = await this.db('outbox').whereIn('status', ['pending', 'sent']).min({ seq: 'seq' });
    if (open?.seq !== null && open?.seq !== undefined) return Number(open.seq) - 1;
    const [last] = await this.db('outbox').max({ seq: 'seq' });
    return Number(last?.seq ?? 0);
  }

  /**
   * The hub has fewer of this agent's events than it once acknowledged (restored from a backup):
   * everything after its last seq goes again, outcomes included.
   */
  async resendAfter(trx: Knex.Transaction, lastSeq: number): Promise<number> {
    const changed = await trx('outbox').where('seq', '>', lastSeq).whereNot('status', 'pending').update({ status: 'pending', reason: null, acked_at: null });
    if (changed > 0) this.stage(trx).reload = true;
    return changed;
  }

  async lastSeq(): Promise<number> {
    const [row] = await this.db('outbox').max({ seq: 'seq' });
    return Number(row?.seq ?? 0);
  }

  /** The highest seq the hub has acknowledged storing. */
  async lastReceived(): Promise<number> {
    const [row] = await this.db('outbox').whereNot('status', 'pending').max({ seq: 'seq' });
    return Number(row?.seq ?? 0);
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

  async countWhere(status: 'pending' | 'sent' | 'accepted' | 'rejected'): Promise<number> {
    const [row] = await this.db('outbox').where({ status }).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async rejectedEvents(limit: number): Promise<{ seq: number; type: string; reason: string | null; at: string }[]> {
    return this.db('outbox').where('status', 'rejected').orderBy('seq', 'desc').limit(limit).select('seq', 'type', 'reason', 'at');
  }
}
