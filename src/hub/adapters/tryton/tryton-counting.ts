import { trytonDate } from './tryton-values.js';
import { TrytonRefusal, type TrytonContext } from './tryton-warehouse.js';

export interface CountedLine {
  bin: string;
  productCode: string;
  /** null: counted without telling lots apart (the product's total in the bin). */
  lot: string | null;
  counted: number;
}

async function inventory(ctx: TrytonContext, id: number): Promise<{ state: string; empty_quantity: string | null }> {
  const [found] = await ctx.rpc.call<{ state: string; empty_quantity: string | null }[]>('model.stock.inventory.read', [[id], ['state', 'empty_quantity']]);
  if (!found) throw new TrytonRefusal(`Tryton has no inventory ${id}`);
  return found;
}

/**
 * Sets the counted quantity on the inventory's line for the product (and lot), creating the line
 * for a product Tryton did not expect there. Counted without lots: the first line gets the count,
 * the product's other lots none. Setting a quantity is idempotent; an inventory already done is
 * left alone (a retry after its close was booked).
 */
export async function pushCountedLine(ctx: TrytonContext, inventoryId: number, line: CountedLine): Promise<void> {
  const { rpc, warehouse } = ctx;
  const { state } = await inventory(ctx, inventoryId);
  if (state === 'done') return;
  if (state !== 'draft') throw new TrytonRefusal(`inventory ${inventoryId} is ${state} in Tryton: the count cannot be booked`);
  const product = await warehouse.product(line.productCode);
  const lines = await rpc.call<{ id: number; quantity: number | null; 'lot.': { number: string } | null }[]>('model.stock.inventory.line.search_read', [
    [['inventory', '=', inventoryId], ['product', '=', product.id]],
    0,
    null,
    [['id', 'ASC']],
    ['quantity', 'lot.number'],
  ]);
  const target = line.lot === null ? lines[0] : lines.find((l) => l['lot.']?.number === line.lot);
  if (target && target.quantity !== line.counted) await rpc.call('model.stock.inventory.line.write', [[target.id], { quantity: line.counted }]);
  if (!target) {
    const lot = line.lot ? await warehouse.lot(product.id, line.lot) : null;
    await rpc.call('model.stock.inventory.line.create', [[{ inventory: inventoryId, product: product.id, quantity: line.counted, ...(lot !== null && { lot }) }]]);
  }
  const others = line.lot === null ? lines.slice(1).filter((l) => l.quantity !== 0).map((l) => l.id) : [];
  if (others.length) await rpc.call('model.stock.inventory.line.write', [others, { quantity: 0 }]);
}

/**
 * Confirms the inventory: Tryton posts the differences to Lost and Found. The floor closed the
 * count of the whole bin, so a product it did not find there is not there: Tryton's lines left
 * uncounted are emptied.
 */
export async function pushCountClosed(ctx: TrytonContext, inventoryId: number): Promise<void> {
  const current = await inventory(ctx, inventoryId);
  if (current.state === 'done') return;
  if (current.state !== 'draft') throw new TrytonRefusal(`inventory ${inventoryId} is ${current.state} in Tryton: it cannot be confirmed`);
  if (current.empty_quantity !== 'empty') await ctx.rpc.call('model.stock.inventory.write', [[inventoryId], { empty_quantity: 'empty' }]);
  await ctx.rpc.call('model.stock.inventory.confirm', [[inventoryId]]);
  const { state: after } = await inventory(ctx, inventoryId);
  if (after !== 'done') throw new TrytonRefusal(`Tryton left inventory ${inventoryId} ${after} after confirm`);
}

/** A count outside any task: an inventory of that bin with the one line, confirmed (setting a quantity twice changes nothing). */
export async function pushAdHocCount(ctx: TrytonContext, line: CountedLine, day: string): Promise<void> {
  const where = await ctx.warehouse.where();
  const [created] = await ctx.rpc.call<number[]>('model.stock.inventory.create', [[{ location: await ctx.warehouse.bin(line.bin), date: trytonDate(day), company: where.company }]]);
  await pushCountedLine(ctx, created!, line);
  await pushCountClosed(ctx, created!);
}

/**
 * A count of a bin the floor found empty: Tryton's draft inventory of that location, the one it
 * already has or a new one (lines are added as the floor counts). Searched first, so a retry after
 * the hub failed to record the outcome makes no second inventory. Returns its id.
 */
export async function pushBinCount(ctx: TrytonContext, bin: string, day: string): Promise<number> {
  const location = await ctx.warehouse.bin(bin);
  const [draft] = await ctx.rpc.call<{ id: number }[]>('model.stock.inventory.search_read', [[['location', '=', location], ['state', '=', 'draft']], 0, 1, [['id', 'ASC']], ['id']]);
  if (draft) return draft.id;
  const where = await ctx.warehouse.where();
  const [created] = await ctx.rpc.call<number[]>('model.stock.inventory.create', [[{ location, date: trytonDate(day), company: where.company }]]);
  return created!;
}
