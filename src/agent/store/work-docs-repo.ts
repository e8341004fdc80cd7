import type { Knex } from 'knex';
import type { WorkReceipt } from '../../protocol/sync.js';
import { SAME_CODE } from './case-free.js';

export interface CountTaskDoc {
  id: string;
  scope: 'location' | 'zone' | 'product';
  target: string;
  status: string;
}

interface ReceiptRow {
  id: string;
  number: string;
  supplier: string;
  status: string;
  sscc: string | null;
  lines: string;
}

const toReceipt = (r: ReceiptRow): WorkReceipt => ({ id: r.id, number: r.number, supplier: r.supplier, status: r.status, sscc: r.sscc, lines: JSON.parse(r.lines) as WorkReceipt['lines'] });

/** Expected receipts and count tasks, as the hub sent them. */
export class WorkDocsRepo {
  constructor(private readonly db: Knex) {}

  async applyPuts(trx: Knex.Transaction, receipts: WorkReceipt[], tasks: CountTaskDoc[]): Promise<void> {
    for (const r of receipts) {
      await trx('receipts').insert({ id: r.id, number: r.number.toUpperCase(), supplier: r.supplier, status: r.status, sscc: r.sscc, lines: JSON.stringify(r.lines) }).onConflict('id').merge();
    }
    for (const t of tasks) await trx('count_tasks').insert(t).onConflict('id').merge();
  }

  /** A receipt by its number (PO or ASN) or by the SSCC on its pallet. */
  async findReceipt(ref: string): Promise<WorkReceipt | undefined> {
    const value = ref.trim().toUpperCase();
    const row: ReceiptRow | undefined = await this.db('receipts').where('id', value).orWhere('number', value).orWhere('sscc', value.replace(/^\(00\)|^00(?=\d{18}$)/, '')).first();
    return row ? toReceipt(row) : undefined;
  }

  async openReceipts(): Promise<WorkReceipt[]> {
    const rows: ReceiptRow[] = await this.db('receipts').whereIn('status', ['expected', 'receiving']).orderBy('number');
    return rows.map(toReceipt);
  }

  /** Units of a product that open receipts still bring. */
  async incoming(productCode: string): Promise<number> {
    const receipts = await this.openReceipts();
    return receipts.reduce((n, r) => n + r.lines.filter((l) => l.productCode === productCode).reduce((m, l) => m + l.quantity, 0), 0);
  }

  async openTasks(): Promise<CountTaskDoc[]> {
    return this.db('count_tasks').where('status', 'open').orderBy('id');
  }

  /** A count task by its id, whatever its case. */
  async task(id: string): Promise<CountTaskDoc | undefined> {
    return this.db('count_tasks').whereRaw(SAME_CODE, ['id', id.trim()]).first();
  }
}
