import type { Knex } from 'knex';
import { backoffDelay } from '../../../runtime/backoff.js';
import { pullCatalog } from './tryton-catalog.js';
import { SeenStamps } from './tryton-changes.js';
import { pullStock } from './tryton-stock.js';
import type { TrytonContext } from './tryton-warehouse.js';
import { pullWork } from './tryton-work.js';

/** Pulls overlap by this much: a Tryton transaction that committed late with an earlier write_date is still seen. */
const OVERLAP_MS = 10_000;

const behind = (watermark: string | null) => (watermark === null ? null : new Date(Date.parse(watermark) - OVERLAP_MS).toISOString());

export interface TrytonPollerOptions {
  ctx: TrytonContext;
  db: Knex;
  intervalMs: number;
}

/**
 * Tryton has no change notifications a connector can use (§7 of the reference): the hub polls it.
 * Each round pulls the catalog, then stock per bin, then work (orders take their bins from the
 * stock), each from its own watermark; the first round after start is a full pull. Whatever it
 * writes gets a new stream version, which the hub's watcher sends to the agents. Tryton down: the
 * rounds back off, the floor works on with what it has.
 */
export class TrytonPoller {
  private readonly watermarks = { catalog: null as string | null, stock: null as string | null, work: null as string | null };
  private readonly seen = { catalog: new SeenStamps(), work: new SeenStamps() };
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: TrytonPollerOptions) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.pull().then((ok) => this.schedule(ok ? this.options.intervalMs : backoffDelay(this.failures, this.options.intervalMs, 60_000)));
    }, delayMs);
  }

  /** One round; false when Tryton could not be read (logged once per outage). */
  private async pull(): Promise<boolean> {
    const { ctx, db } = this.options;
    try {
      const catalog = await pullCatalog(ctx.rpc, db, ctx.warehouse, behind(this.watermarks.catalog), this.seen.catalog);
      this.watermarks.catalog = catalog.watermark;
      const stock = await pullStock(ctx.rpc, db, ctx.warehouse, behind(this.watermarks.stock));
      this.watermarks.stock = stock.watermark;
      const work = await pullWork(ctx.rpc, db, behind(this.watermarks.work), this.seen.work);
      this.watermarks.work = work.watermark;
      if (this.failures > 0) ctx.logger.info('Tryton answers again: pulling resumed');
      this.failures = 0;
      await this.record({ last_pull_at: new Date().toISOString(), last_error: null });
      const changed = { products: catalog.products, bins: catalog.locations, operators: catalog.operators, boxTypes: catalog.boxTypes, stockBins: stock.bins, orders: work.orders, receipts: work.receipts, countTasks: work.countTasks };
      if (Object.values(changed).some((n) => n > 0)) ctx.logger.info(changed, 'pulled from Tryton');
      return true;
    } catch (error) {
      const message = (error as Error).message;
      if (this.failures++ === 0) ctx.logger.warn({ err: message }, 'cannot pull from Tryton; the floor works on with what it has, retrying');
      await this.record({ last_error: message, last_error_at: new Date().toISOString() });
      return false;
    }
  }

  /** What `quai hub inspect` shows of the link; a store that cannot take it is no reason to stop pulling. */
  private async record(status: Record<string, string | null>): Promise<void> {
    await this.options.db('erp_status')
      .insert({ erp: 'tryton', ...status })
      .onConflict('erp')
      .merge(Object.keys(status))
      .catch((error: unknown) => this.options.ctx.logger.warn({ err: (error as Error).message }, 'could not record the Tryton link status'));
  }
}
