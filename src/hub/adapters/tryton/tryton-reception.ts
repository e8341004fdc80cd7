import { decimal } from './tryton-values.js';
import { TrytonRefusal, type TrytonContext } from './tryton-warehouse.js';

/** What the floor put away: so many units of a product (of a lot) into a bin. */
export interface ReceivedEntry {
  productCode: string;
  quantity: number;
  lot: string | null;
  bin: string;
}

interface IncomingMove {
  id: number;
  product: number;
  quantity: number;
  state: string;
  shipment: string | null;
  'product.': { code: string | null };
  'lot.': { number: string } | null;
}

const MOVE_FIELDS = ['product', 'quantity', 'state', 'shipment', 'product.code', 'lot.number'];

async function supplierShipment(ctx: TrytonContext, reference: string): Promise<{ id: number; state: string; incoming_moves: number[]; inventory_moves: number[] } | undefined> {
  const [found] = await ctx.rpc.call<{ id: number; state: string; incoming_moves: number[]; inventory_moves: number[] }[]>('model.stock.shipment.in.search_read', [
    [['reference', '=', reference]],
    0,
    1,
    null,
    ['state', 'incoming_moves', 'inventory_moves'],
  ]);
  return found;
}

/** The purchase's moves not yet received become the shipment's: what was received, one move per lot; an unexpected product gets its own move. */
async function incomingMoves(ctx: TrytonContext, purchaseId: number, entries: ReceivedEntry[]): Promise<{ ids: number[]; supplier: number }> {
  const { rpc, warehouse } = ctx;
  const [purchase] = await rpc.call<{ moves: number[]; party: number }[]>('model.purchase.purchase.read', [[purchaseId], ['moves', 'party']]);
  if (!purchase) throw new TrytonRefusal(`Tryton has no purchase ${purchaseId}`);
  const open = (await rpc.call<IncomingMove[]>('model.stock.move.read', [purchase.moves, MOVE_FIELDS])).filter((m) => m.state === 'draft' && m.shipment === null);
  const ids: number[] = [];
  const products = [...new Set(entries.map((e) => e.productCode))];
  for (const code of products) {
    const product = await warehouse.product(code);
    const own = open.filter((m) => m.product === product.id);
    for (const [i, entry] of entries.filter((e) => e.productCode === code).entries()) {
      const values = { quantity: entry.quantity, lot: entry.lot ? await warehouse.lot(product.id, entry.lot) : null };
      if (i === 0 && own[0]) {
        await rpc.call('model.stock.move.write', [[own[0].id], values]);
        ids.push(own[0].id);
      } else if (own[0]) {
        ids.push(...(await rpc.call<number[]>('model.stock.move.copy', [[own[0].id], values])));
      } else {
        ids.push(...(await unexpectedMove(ctx, product, values)));
      }
    }
  }
  return { ids, supplier: purchase.party };
}

/** A product the purchase did not order: a move from the supplier at the product's cost price, so Tryton's stock matches the shelf. */
async function unexpectedMove(ctx: TrytonContext, product: { id: number; uom: number }, values: { quantity: number; lot: number | null }): Promise<number[]> {
  const where = await ctx.warehouse.where();
  const [costed] = await ctx.rpc.call<{ cost_price: string | null }[]>('model.product.product.read', [[product.id], ['cost_price']]);
  return ctx.rpc.call<number[]>('model.stock.move.create', [
    [{ ...values, product: product.id, uom: product.uom, from_location: where.supplier, to_location: where.input, company: where.company, currency: where.currency, unit_price: decimal(costed?.cost_price ?? '0') }],
  ]);
}

/**
 * The floor closed a reception of a purchase (shared/reference/tryton.md §5.4): a supplier
 * shipment with what was received (lots set on its moves while draft), received, each unit's
 * inventory move sent to the bin it was put away in, done. Whatever was not received stays on
 * the purchase as a new move, which comes back to the floor as the rest of the receipt. The
 * shipment's reference names the floor's close event, so a retry finds it and carries on from
 * the state it reached.
 */
export async function pushReceipt(ctx: TrytonContext, purchaseId: number, closeEventId: string, entries: ReceivedEntry[]): Promise<void> {
  const { rpc, warehouse } = ctx;
  const reference = `Quai ${closeEventId}`;
  let found = await supplierShipment(ctx, reference);
  if (!found) {
    if (entries.length === 0) return;
    const { ids, supplier } = await incomingMoves(ctx, purchaseId, entries);
    const where = await warehouse.where();
    await rpc.call('model.stock.shipment.in.create', [[{ supplier, warehouse: where.warehouse, company: where.company, reference, incoming_moves: [['add', ids]] }]]);
    found = (await supplierShipment(ctx, reference))!;
  }
  if (found.state === 'draft') {
    await rpc.call('model.stock.shipment.in.receive', [[found.id]]);
    found = (await supplierShipment(ctx, reference))!;
    if (found.state !== 'received') throw new TrytonRefusal(`Tryton left the supplier shipment for ${reference} ${found.state} after receive`);
  }
  if (found.state === 'received') {
    const incoming = await rpc.call<IncomingMove[]>('model.stock.move.read', [found.incoming_moves, MOVE_FIELDS]);
    const inventory = await rpc.call<{ id: number; origin: string | null; state: string }[]>('model.stock.move.read', [found.inventory_moves, ['origin', 'state']]);
    const left = [...entries];
    for (const move of inventory.filter((m) => m.state === 'draft')) {
      const source = incoming.find((m) => `stock.move,${m.id}` === move.origin);
      const i = left.findIndex((e) => source && e.productCode === source['product.'].code && e.quantity === source.quantity && (e.lot ?? null) === (source['lot.']?.number ?? null));
      if (i < 0) continue;
      await rpc.call('model.stock.move.write', [[move.id], { to_location: await warehouse.bin(left[i]!.bin) }]);
      left.splice(i, 1);
    }
    await rpc.call('model.stock.shipment.in.done', [[found.id]]);
    found = (await supplierShipment(ctx, reference))!;
  }
  if (found.state !== 'done') throw new TrytonRefusal(`Tryton left the supplier shipment for ${reference} ${found.state}`);
}
