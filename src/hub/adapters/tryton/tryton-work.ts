import type { Knex } from 'knex';
import { bumpStreamVersion, streamVersion } from '../../store/hub-store.js';
import type { ReceiptLine } from '../../floor-records.js';
import { dispatchFields, dispatchOf, type ShipmentDispatch } from './tryton-dispatch.js';
import { changedSince, latest, stampOf, stamps, type SeenStamps, type Stamped } from './tryton-changes.js';
import type { TrytonRpc } from './tryton-rpc.js';

/** Hub ids of Tryton documents: the kind is in the id, so documents of two models never collide. */
const orderId = (shipment: number) => `OUT-${shipment}`;
const receiptId = (purchase: number) => `PO-${purchase}`;
export const countTaskId = (inventory: number) => `INV-${inventory}`;
/** The Tryton id in a hub id, or null when the id is not of that kind. */
export function trytonIdOf(hubId: string, prefix: 'OUT' | 'PO' | 'INV'): number | null {
  const m = new RegExp(`^${prefix}-(\\d+)$`).exec(hubId);
  return m ? Number(m[1]) : null;
}

interface MoveRow extends Stamped {
  id: number;
  quantity: number;
  state: string;
  'product.': { code: string | null };
  'from_location.': { code: string | null; type: string };
}
const MOVE_FIELDS = ['quantity', 'state', 'product.code', 'from_location.code', 'from_location.type', 'write_date', 'create_date'];

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || a < b ? a : b);

export interface WorkPull {
  watermark: string | null;
  orders: number;
  receipts: number;
  countTasks: number;
}

const ORDER_STATUS: Record<string, string | undefined> = { waiting: 'open', assigned: 'open', picked: 'picked', packed: 'picked', done: 'shipped', cancelled: 'cancelled', draft: 'cancelled' };
const COUNT_STATUS: Record<string, string> = { draft: 'open', done: 'done', cancelled: 'cancelled' };

async function movesById(rpc: TrytonRpc, ids: number[]): Promise<Map<number, MoveRow>> {
  const moves = ids.length ? await rpc.call<MoveRow[]>('model.stock.move.read', [ids, MOVE_FIELDS]) : [];
  return new Map(moves.map((m) => [m.id, m]));
}

/** Hub documents of a kind the hub still shows as in progress: a full pull brings them again even if Tryton closed them meanwhile. */
async function openIds(db: Knex, table: string, prefix: 'OUT' | 'PO' | 'INV', statuses: string[]): Promise<number[]> {
  const rows: { id: string }[] = await db(table).whereIn('status', statuses).select('id');
  return rows.map((r) => trytonIdOf(r.id, prefix)).filter((id): id is number => id !== null);
}

/**
 * Downstream work from Tryton: customer shipments waiting or assigned become orders to pick
 * (one line per product, at the bin Tryton reserved or the bin holding most of it), purchases
 * being received become expected receipts (their moves not yet received), draft inventories
 * become count tasks. A document the hub changed while Tryton was being read is left for the
 * next pull, so a late read never undoes what the floor just did.
 */
export async function pullWork(rpc: TrytonRpc, db: Knex, watermark: string | null, seen: SeenStamps): Promise<WorkPull> {
  const before = await streamVersion(db, 'work');
  const full = watermark === null;
  const shipments = await rpc.call<(Stamped & ShipmentDispatch & { id: number; number: string; state: string; inventory_moves: number[]; 'customer.': { name: string }; 'delivery_address.': { rec_name: string } | null })[]>(
    'model.stock.shipment.out.search_read',
    [
      full ? [['OR', ['state', 'in', ['waiting', 'assigned']], ['id', 'in', await openIds(db, 'orders', 'OUT', ['open', 'picked'])]]] : changedSince(watermark, ['', 'moves.']),
      0,
      null,
      [['id', 'ASC']],
      ['number', 'state', 'inventory_moves', 'customer.name', 'delivery_address.rec_name', 'write_date', 'create_date', ...(await dispatchFields(rpc))],
    ],
  );
  const shipmentMoves = await movesById(rpc, shipments.flatMap((s) => s.inventory_moves));
  // a purchase's moves are not searchable through it (a function field): its moves name it
  const movedPurchases = full ? [] : await rpc.call<{ purchase: number | null }[]>('model.stock.move.search_read', [[['origin', 'like', 'purchase.line,%'], ...changedSince(watermark)], 0, null, null, ['purchase']]);
  const purchases = await rpc.call<(Stamped & { id: number; number: string | null; state: string; moves: number[]; 'party.': { name: string } })[]>('model.purchase.purchase.search_read', [
    [
      ['state', 'in', ['processing', 'done', 'cancelled']],
      full
        ? ['OR', ['state', '=', 'processing'], ['id', 'in', await openIds(db, 'receipts', 'PO', ['expected', 'receiving'])]]
        : ['OR', ...changedSince(watermark), ['id', 'in', movedPurchases.map((m) => m.purchase).filter((id): id is number => id !== null)]],
    ],
    0,
    null,
    [['id', 'ASC']],
    ['number', 'state', 'moves', 'party.name', 'write_date', 'create_date'],
  ]);
  const purchaseMoves = await movesById(rpc, purchases.flatMap((p) => p.moves));
  const inventories = await rpc.call<(Stamped & { id: number; state: string; 'location.': { code: string | null; name: string } })[]>('model.stock.inventory.search_read', [
    full ? [['OR', ['state', '=', 'draft'], ['id', 'in', await openIds(db, 'count_tasks', 'INV', ['open'])]]] : changedSince(watermark),
    0,
    null,
    [['id', 'ASC']],
    ['state', 'location.code', 'location.name', 'write_date', 'create_date'],
  ]);
  const pulled = { orders: 0, receipts: 0, countTasks: 0 };
  let held: string | null = null;
  const moveStamps = (ids: number[], map: Map<number, MoveRow>) => ids.flatMap((id) => stamps(map.get(id) ? [map.get(id)!] : []));

  await seen.committing(() =>
    db.transaction(async (trx) => {
      /** The hub's row, unless the floor changed it after this pull began (the next pull brings Tryton's state). */
      const current = async (table: string, id: string) => {
        const row: Record<string, unknown> | undefined = await trx(table).where({ id }).first();
        return row && Number(row.version) > before ? 'busy' : row;
      };
      /** A document left for the next pull: the watermark must not pass it. */
      const later = (stamp: string) => {
        held = held === null || stamp < held ? stamp : held;
      };
      let version: number | undefined;
      const nextVersion = async () => (version ??= await bumpStreamVersion(trx, 'work'));

      for (const s of shipments) {
        const id = orderId(s.id);
        const stamp = stampOf(...stamps([s]), ...moveStamps(s.inventory_moves, shipmentMoves));
        const status = ORDER_STATUS[s.state];
        const existing = await current('orders', id);
        if (existing === 'busy') {
          later(stamp);
          continue;
        }
        if (!status || !seen.isFresh(id, stamp) || (!existing && status !== 'open')) continue;
        const lines = await orderLines(trx, s.inventory_moves.map((m) => shipmentMoves.get(m)).filter((m): m is MoveRow => Boolean(m)));
        const doc = { number: s.number, customer: s['customer.'].name, address: s['delivery_address.']?.rec_name ?? '', ...dispatchOf(s), status, version: await nextVersion() };
        if (existing) await trx('orders').where({ id }).update(doc);
        else await trx('orders').insert({ id, ...doc });
        if (status === 'open') {
          const settled: { line_id: string }[] = await trx('order_lines').where({ order_id: id }).whereNot({ status: 'open' }).select('line_id');
          await trx('order_lines').where({ order_id: id, status: 'open' }).delete();
          const open = lines.filter((l) => !settled.some((d) => d.line_id === l.line_id));
          if (open.length) await trx('order_lines').insert(open.map((l) => ({ ...l, order_id: id, status: 'open' })));
        }
        seen.wrote(id, stamp);
        pulled.orders++;
      }

      for (const p of purchases) {
        const id = receiptId(p.id);
        const stamp = stampOf(...stamps([p]), ...moveStamps(p.moves, purchaseMoves));
        const existing = await current('receipts', id);
        if (existing === 'busy') {
          later(stamp);
          continue;
        }
        if (!seen.isFresh(id, stamp)) continue;
        const expected = new Map<string, number>();
        for (const m of p.moves.map((mid) => purchaseMoves.get(mid))) {
          if (m?.state === 'draft' && m['product.'].code) expected.set(m['product.'].code, (expected.get(m['product.'].code) ?? 0) + m.quantity);
        }
        const held = existing ? (JSON.parse(String(existing.lines)) as ReceiptLine[]) : [];
        const receiving = existing?.status === 'receiving' && expected.size > 0;
        const lines: ReceiptLine[] = [...expected].map(([productCode, quantity]) => {
          const line = receiving ? held.find((l) => l.productCode === productCode) : undefined;
          return { ...line, productCode, quantity };
        });
        const status = receiving ? 'receiving' : expected.size > 0 && p.state === 'processing' ? 'expected' : 'received';
        if (!existing && status !== 'expected') continue;
        const doc = { number: p.number ?? id, supplier: p['party.'].name, status, lines: JSON.stringify(lines), version: await nextVersion() };
        if (existing) await trx('receipts').where({ id }).update(doc);
        else await trx('receipts').insert({ id, ...doc });
        seen.wrote(id, stamp);
        pulled.receipts++;
      }

      for (const inventory of inventories) {
        const id = countTaskId(inventory.id);
        const stamp = stampOf(...stamps([inventory]));
        const existing = await current('count_tasks', id);
        const status = COUNT_STATUS[inventory.state] ?? 'cancelled';
        if (existing === 'busy') {
          later(stamp);
          continue;
        }
        if (!seen.isFresh(id, stamp) || (!existing && status !== 'open')) continue;
        const doc = { scope: 'location', target: (inventory['location.'].code ?? inventory['location.'].name).toUpperCase(), status, version: await nextVersion() };
        if (existing) await trx('count_tasks').where({ id }).update(doc);
        else await trx('count_tasks').insert({ id, ...doc });
        seen.wrote(id, stamp);
        pulled.countTasks++;
      }
    }),
  );
  return {
    watermark: earliest(held, latest([...stamps(shipments), ...stamps([...shipmentMoves.values()]), ...stamps(purchases), ...stamps([...purchaseMoves.values()]), ...stamps(inventories)], watermark)),
    ...pulled,
  };
}

/**
 * One line per product: where Tryton reserved it (a bin), or else the bin the hub knows holds
 * most of it, or else the warehouse's storage (the operator looks for it).
 */
async function orderLines(trx: Knex.Transaction, moves: MoveRow[]): Promise<{ line_id: string; product_code: string; location_code: string; quantity: number }[]> {
  const byProduct = new Map<string, { quantity: number; bin: string | null }>();
  for (const m of moves) {
    const code = m['product.'].code;
    if (!code || m.state === 'cancelled') continue;
    const line = byProduct.get(code) ?? { quantity: 0, bin: null };
    line.quantity += m.quantity;
    if (m.state === 'assigned' && m['from_location.'].type === 'storage' && m['from_location.'].code) line.bin ??= m['from_location.'].code.toUpperCase();
    byProduct.set(code, line);
  }
  const lines = [];
  for (const [code, line] of byProduct) {
    const fullest = line.bin ? undefined : await trx('stock').where({ product_code: code }).andWhere('quantity', '>', 0).orderBy('quantity', 'desc').first('location_code');
    // the floor counts whole units (docs/operations.md): a fraction under one half is still one to pick, never a line of 0
    lines.push({ line_id: code, product_code: code, location_code: line.bin ?? fullest?.location_code ?? 'STO', quantity: Math.max(1, Math.round(line.quantity)) });
  }
  return lines;
}
