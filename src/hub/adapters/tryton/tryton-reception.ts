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

/** The same product, lot and quantity: an entry and the move that carries it. */
const carries = (move: IncomingMove, entry: ReceivedEntry) => move['product.'].code === entry.productCode && move.quantity === entry.quantity && (move['lot.']?.number ?? null) === (entry.lot ?? null);

/**
 * Gives the draft shipment a move for each received entry it does not carry yet: the purchase's
 * move not yet received (quantity and lot set), a copy of it for a further lot, or a move of its
 * own for a product the purchase did not order. Each move joins the shipment in the call that
 * writes or makes it, so a hub that dies half-way leaves nothing to do twice.
 */
async function completeShipment(ctx: TrytonContext, shipment: { id: number; incoming_moves: number[] }, purchaseMoves: number[], entries: ReceivedEntry[]): Promise<void> {
  const { rpc, warehouse } = ctx;
  const carried = await rpc.call<IncomingMove[]>('model.stock.move.read', [shipment.incoming_moves, MOVE_FIELDS]);
  const missing = entries.filter((entry) => {
    const i = carried.findIndex((m) => carries(m, entry));
    if (i < 0) return true;
    carried.splice(i, 1);
    return false;
  });
  const onPurchase = await rpc.call<IncomingMove[]>('model.stock.move.read', [purchaseMoves, MOVE_FIELDS]);
  const attach = { shipment: `stock.shipment.in,${shipment.id}` };
  for (const entry of missing) {
    const product = await warehouse.product(entry.productCode);
    const values = { quantity: entry.quantity, lot: entry.lot ? await warehouse.lot(product.id, entry.lot) : null, ...attach };
    const open = onPurchase.find((m) => m.product === product.id && m.state === 'draft' && m.shipment === null);
    const model = onPurchase.find((m) => m.product === product.id);
    if (open) {
      await rpc.call('model.stock.move.write', [[open.id], values]);
      open.shipment = attach.shipment;
    } else if (model) await rpc.call('model.stock.move.copy', [[model.id], { ...values, state: 'draft' }]);
    else await unexpectedMove(ctx, product, values);
  }
}

/** A product the purchase did not order: a move from the supplier at the product's cost price, so Tryton's stock matches the shelf. */
async function unexpectedMove(ctx: TrytonContext, product: { id: number; uom: number }, values: { quantity: number; lot: number | null; shipment: string }): Promise<number[]> {
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
  const [purchase] = await rpc.call<{ moves: number[]; party: number }[]>('model.purchase.purchase.read', [[purchaseId], ['moves', 'party']]);
  if (!purchase) throw new TrytonRefusal(`Tryton has no purchase ${purchaseId}`);
  let found = await supplierShipment(ctx, reference);
  if (!found) {
    if (entries.length === 0) return;
    const where = await warehouse.where();
    await rpc.call('model.stock.shipment.in.create', [[{ supplier: purchase.party, warehouse: where.warehouse, company: where.company, reference }]]);
    found = (await supplierShipment(ctx, reference))!;
  }
  if (found.state === 'draft') {
    await completeShipment(ctx, found, purchase.moves, entries);
    await rpc.call('model.stock.shipment.in.receive', [[found.id]]);
    found = (await supplierShipment(ctx, reference))!;
    if (found.state !== 'received') throw new TrytonRefusal(`Tryton left the supplier shipment for ${reference} ${found.state} after receive`);
  }
  if (found.state === 'received') {
    const incoming = await rpc.call<IncomingMove[]>('model.stock.move.read', [found.incoming_moves, MOVE_FIELDS]);
    const inventory = await rpc.call<{ id: number; origin: string | null; state: string; to_location: number }[]>('model.stock.move.read', [found.inventory_moves, ['origin', 'state', 'to_location']]);
    const left = [...entries];
    for (const move of inventory.filter((m) => m.state === 'draft')) {
      const source = incoming.find((m) => `stock.move,${m.id}` === move.origin);
      const i = source ? left.findIndex((e) => carries(source, e)) : -1;
      if (i < 0) continue;
      const bin = await warehouse.bin(left[i]!.bin);
      if (move.to_location !== bin) await rpc.call('model.stock.move.write', [[move.id], { to_location: bin }]);
      left.splice(i, 1);
    }
    await rpc.call('model.stock.shipment.in.done', [[found.id]]);
    found = (await supplierShipment(ctx, reference))!;
  }
  if (found.state !== 'done') throw new TrytonRefusal(`Tryton left the supplier shipment for ${reference} ${found.state}`);
}
