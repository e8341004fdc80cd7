import type { Knex } from 'knex';
import { agentMigrations } from '../../../migrations/agent/index.js';
import { typedFault } from '../../runtime/system-fault.js';
import { isPostgres, openConnection, openDatabase } from '../../storage/open-database.js';
import { WriteTurns, type WriteKind } from '../../storage/write-turns.js';
import { AuditRepo } from './audit-repo.js';
import { CatalogRepo } from './catalog-repo.js';
import { CursorsRepo } from './cursors-repo.js';
import { LockoutsRepo } from './lockouts-repo.js';
import { MetaRepo } from './meta-repo.js';
import { OrdersRepo } from './orders-repo.js';
import { OutboxRepo } from './outbox-repo.js';
import { SessionsRepo } from './sessions-repo.js';
import { StockRepo } from './stock-repo.js';
import { TotesRepo } from './totes-repo.js';
import { WorkDocsRepo } from './work-docs-repo.js';

/** How often the background connection folds the WAL back into the database (the floor's connection never does). */
const CHECKPOINT_MS = 10_000;

/**
 * The agent's store: one database, its repositories, opened and migrated together.
 *
 * On SQLite a scan waits only for its own commit: look-ups and views read through `reader`
 * (WAL: readers never wait for a writer), operators' actions commit on `db` with
 * synchronous=FULL, and the sync client's bookkeeping (acks, outcomes, patches) commits on a
 * connection of its own without an fsync, taking its turn after the floor's (write-turns.ts). On
 * PostgreSQL the three are one pool, whose transactions run side by side.
 */
export class AgentStore {
  readonly catalog: CatalogRepo;
  readonly orders: OrdersRepo;
  readonly cursors: CursorsRepo;
  readonly outbox: OutboxRepo;
  readonly sessions: SessionsRepo;
  readonly audit: AuditRepo;
  readonly meta: MetaRepo;
  readonly stock: StockRepo;
  readonly workDocs: WorkDocsRepo;
  readonly lockouts: LockoutsRepo;
  readonly totes: TotesRepo;
  private readonly turns: WriteTurns | null;
  private readonly checkpoints: NodeJS.Timeout | undefined;

  /**
   * `db`: the floor's writer (and the only connection tools and tests need); `reader` and
   * `background`: the same pool on PostgreSQL.
   */
  private constructor(
    readonly db: Knex,
    readonly reader: Knex,
    readonly background: Knex,
  ) {
    const sqlite = !isPostgres(db);
    this.turns = sqlite ? new WriteTurns() : null;
    this.catalog = new CatalogRepo(reader);
    this.orders = new OrdersRepo(reader);
    this.cursors = new CursorsRepo(reader);
    this.outbox = new OutboxRepo(reader, db);
    this.sessions = new SessionsRepo(reader);
    this.audit = new AuditRepo(reader);
    this.meta = new MetaRepo(reader, (work) => this.writeBackground(work));
    this.stock = new StockRepo(reader);
    this.workDocs = new WorkDocsRepo(reader);
    this.lockouts = new LockoutsRepo(reader);
    this.totes = new TotesRepo(reader);
    if (sqlite) {
      this.checkpoints = setInterval(() => void background.raw('PRAGMA wal_checkpoint(PASSIVE)').catch(() => undefined), CHECKPOINT_MS);
      this.checkpoints.unref();
    }
  }

  static async open(location: string): Promise<AgentStore> {
    const db = await openDatabase(location, agentMigrations, 'knex_migrations', 'floor');
    const postgres = isPostgres(db);
    const store = new AgentStore(db, postgres ? db : openConnection(location, 'reader'), postgres ? db : openConnection(location, 'background'));
    try {
      // the first opening writes the store's incarnation: a full disk fails here too
      await store.outbox.load();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw typedFault(error, { store: location });
    }
    return store;
  }

  /**
   * An operator's confirmed action: one transaction on the floor's connection, committed (fsync'd
   * on SQLite) when the promise resolves, its outbox events counted then. Floor writes go first.
   */
  write<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.inTurn('floor', this.db, work);
  }

  /**
   * The sync client's bookkeeping (acks, outcomes, patches and their cursors): one transaction,
   * after the floor's waiting ones. Not fsync'd on SQLite: after a power cut the hub gives it again.
   */
  writeBackground<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.inTurn('background', this.background, work);
  }

  private async inTurn<T>(kind: WriteKind, db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const transaction = async (trx: Knex.Transaction) => {
      let result: T;
      try {
        result = await work(trx);
      } catch (error) {
        await trx.rollback().catch(() => undefined);
        throw error;
      }
      // a COMMIT that fails (a full disk) does not reject commit(): it rejects the transaction's promise
      await trx.commit();
      try {
        await trx.executionPromise;
      } catch (error) {
        // SQLite may leave the transaction open after a failed COMMIT: this pool's one connection must not keep it
        if (!isPostgres(db)) await db.raw('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await this.outbox.afterCommit(trx);
      return result;
    };
    if (!this.turns) return transaction(await db.transaction());
    // The floor's connection serves the floor's turns alone: the turn first, so a floor write
    // waiting for it is seen by the turns and goes before a background one. The background's
    // connection also checkpoints the WAL: that connection first, so a checkpoint under way
    // delays the background write only, never the floor's turns.
    if (kind === 'floor') return this.turns.run(kind, async () => transaction(await db.transaction()));
    const trx = await db.transaction();
    return this.turns.run(kind, () => transaction(trx));
  }

  async close(): Promise<void> {
    clearInterval(this.checkpoints);
    // the floor's writer closes last: the last connection to close checkpoints the WAL into the
    // file and removes it, and a query_only reader closing last leaves it behind (a store then
    // copied without its -wal, or a -wal left beside a file restored, is not what was committed)
    const others = [...new Set([this.reader, this.background])].filter((pool) => pool !== this.db);
    await Promise.all(others.map((pool) => pool.destroy()));
    await this.db.destroy();
  }
}
