import type { Knex } from 'knex';
import { agentMigrations } from '../../../migrations/agent/index.js';
import { typedFault } from '../../runtime/system-fault.js';
import { openDatabase } from '../../storage/open-database.js';
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

/** The agent's store: one database, its repositories, opened and migrated together. */
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

  private constructor(readonly db: Knex) {
    this.catalog = new CatalogRepo(db);
    this.orders = new OrdersRepo(db);
    this.cursors = new CursorsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.sessions = new SessionsRepo(db);
    this.audit = new AuditRepo(db);
    this.meta = new MetaRepo(db);
    this.stock = new StockRepo(db);
    this.workDocs = new WorkDocsRepo(db);
    this.lockouts = new LockoutsRepo(db);
    this.totes = new TotesRepo(db);
  }

  static async open(location: string): Promise<AgentStore> {
    const store = new AgentStore(await openDatabase(location, agentMigrations, 'knex_migrations'));
    try {
      // the first opening writes the store's incarnation: a full disk fails here too
      await store.outbox.load();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw typedFault(error, { store: location });
    }
    return store;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
