import type { TrytonRpc } from './tryton-rpc.js';
import { TrytonRefusal, type TrytonContext } from './tryton-warehouse.js';

export interface PickedLine {
  productCode: string;
  picked: number;
  /** The bin it was picked from. */
  bin: string | null;
  lots: { lot: string | null; quantity: number }[];
}

interface MoveRow {
  id: number;
  product: number;
  from_location: number;
  lot: number | null;
  quantity: number;
  state: string;
  package: number | null;
  internal_weight: number | null;
  'product.': { code: string | null };
}

const DONE_PICKING = ['picked', 'packed', 'done'];

async function shipment(rpc: TrytonRpc, id: number): Promise<{ number: string; state: string; inventory_moves: number[]; outgoing_moves: number[]; packages: number[]; reference: string | null }> {
  const [found] = await rpc.call<{ number: string; state: string; inventory_moves: number[]; outgoing_moves: number[]; packages: number[]; reference: string | null }[]>('model.stock.shipment.out.read', [
    [id],
    ['number', 'state', 'inventory_moves', 'outgoing_moves', 'packages', 'reference'],
  ]);
  if (!found) throw new TrytonRefusal(`Tryton has no customer shipment ${id}`);
  return found;
}

const readMoves = (rpc: TrytonRpc, ids: number[]) =>
  ids.length ? rpc.call<MoveRow[]>('model.stock.move.read', [ids, ['product', 'from_location', 'lot', 'quantity', 'state', 'package', 'internal_weight', 'product.code']]) : Promise.resolve([] as MoveRow[]);

/** Presses a workflow button and checks it took: a button in the wrong state does nothing, silently. */
async function press(rpc: TrytonRpc, id: number, button: string, expected: string): Promise<void> {
  await rpc.call(`model.stock.shipment.out.${button}`, [[id]]);
  const after = await shipment(rpc, id);
  if (after.state !== expected) throw new TrytonRefusal(`Tryton left customer shipment ${after.number} ${after.state} after ${button} (expected ${expected})`);
}

/**
 * The floor picked the whole order: books it on the shipment as picked (shared/reference/
 * tryton.md §5.6). When Tryton reserved just what the floor picked, it is picked as it stands.
 * Otherwise an assigned shipment goes back to waiting, which recreates its inventory moves (new
 * ids, read again); each product's moves then get what was picked, from the bin it was picked
 * from, one move per lot; a short line leaves less (Tryton makes the backorder when the shipment is done). Then reserve
 * (assign_try) and pick. A shipment already picked is left as it is: this is a
 * retry after the hub could not record the outcome.
 */
export async function pushPick(ctx: TrytonContext, shipmentId: number, lines: PickedLine[]): Promise<void> {
  const { rpc } = ctx;
  let current = await shipment(rpc, shipmentId);
  if (DONE_PICKING.includes(current.state)) return;
  if (current.state !== 'waiting' && current.state !== 'assigned') throw new TrytonRefusal(`customer shipment ${current.number} is ${current.state} in Tryton: it cannot be picked`);
  const plan = await pickPlan(ctx, lines);
  if (current.state === 'assigned') {
    // the floor did just what Tryton reserved: nothing to change before picking
    if (matches(await liveMoves(rpc, current.inventory_moves), plan)) return press(rpc, shipmentId, 'pick', 'picked');
    await rpc.call('model.stock.shipment.out.wait', [[shipmentId]]);
    current = await shipment(rpc, shipmentId);
  }
  const moves = await liveMoves(rpc, current.inventory_moves);
  for (const { product, productCode, entries } of plan) {
    const own = moves.filter((m) => m.product === product);
    if (own.length === 0) throw new TrytonRefusal(`customer shipment ${current.number} has no move of ${productCode} left to pick in Tryton`);
    for (const [i, entry] of entries.entries()) {
      const move = own[i];
      if (!move) await rpc.call('model.stock.move.copy', [[own[0]!.id], entry]);
      else if (!matches([move], [{ product, entries: [entry] }])) await rpc.call('model.stock.move.write', [[move.id], entry]);
    }
    const unused = own.slice(entries.length).filter((m) => m.quantity !== 0).map((m) => m.id);
    if (unused.length) await rpc.call('model.stock.move.write', [unused, { quantity: 0 }]);
  }
  const reserved = await rpc.call<boolean>('model.stock.shipment.out.assign_try', [[shipmentId]]);
  if (!reserved) ctx.logger.warn({ shipment: current.number }, 'Tryton holds less stock in the picked bins than the floor picked: picked anyway; count those bins');
  await press(rpc, shipmentId, 'pick', 'picked');
}

type MoveValues = { quantity: number; from_location?: number; lot: number | null };

/** What each product's inventory moves must say: one per lot picked, from the bin picked. */
async function pickPlan(ctx: TrytonContext, lines: PickedLine[]): Promise<{ product: number; productCode: string; entries: MoveValues[] }[]> {
  const { warehouse } = ctx;
  const plan = [];
  for (const line of lines) {
    const { id: product } = await warehouse.product(line.productCode);
    const bin = line.bin ? await warehouse.bin(line.bin) : undefined;
    const picked = line.picked === 0 ? [] : line.lots.length > 0 ? line.lots : [{ lot: null, quantity: line.picked }];
    const entries: MoveValues[] = [];
    for (const entry of picked) entries.push({ quantity: entry.quantity, ...(bin && { from_location: bin }), lot: entry.lot ? await warehouse.lot(product, entry.lot) : null });
    plan.push({ product, productCode: line.productCode, entries });
  }
  return plan;
}

const liveMoves = async (rpc: TrytonRpc, ids: number[]) => (await readMoves(rpc, ids)).filter((m) => m.state !== 'cancelled' && m.state !== 'done');

/** Each product's moves carry exactly the planned quantities, bins and lots (in any order). */
function matches(moves: MoveRow[], plan: { product: number; entries: MoveValues[] }[]): boolean {
  const key = (quantity: number, from: number | undefined, lot: number | null) => `${quantity}|${from ?? ''}|${lot ?? ''}`;
  return plan.every(({ product, entries }) => {
    const own = moves.filter((m) => m.product === product && m.quantity > 0);
    const have = own.map((m) => key(m.quantity, entries[0]?.from_location === undefined ? undefined : m.from_location, m.lot)).sort();
    const want = entries.map((e) => key(e.quantity, e.from_location, e.lot)).sort();
    return have.join() === want.join();
  });
}

/** The package type for a box, made when Tryton has none of that name (its tare in grams). */
async function packageType(ctx: TrytonContext, box: string, tareGrams: number): Promise<number> {
  const [found] = await ctx.rpc.call<{ id: number }[]>('model.stock.package.type.search_read', [[['name', '=', box]], 0, 1, null, ['id']]);
  if (found) return found.id;
  const { g } = await ctx.warehouse.where();
  const [created] = await ctx.rpc.call<number[]>('model.stock.package.type.create', [[{ name: box, packaging_weight: tareGrams, packaging_weight_uom: g }]]);
  return created!;
}

export interface PackedParcel {
  parcelNo: number;
  /** The parcel's SSCC (18 digits): the package's code in Tryton. */
  sscc: string;
  box: string;
  tareGrams: number;
  measuredGrams: number;
  productCodes: string[];
}

/**
 * The package's weights, all to the gram: the box's tare in grams (Tryton's kg keeps 2
 * decimals), and as additional weight (kg, Tryton's only unit for it) what the scale found over
 * Tryton's goods and the tare, so the total weight is the scale's. A parcel lighter than that sum
 * gets no additional weight (never a negative one): its total weight is Tryton's own sum.
 */
export function packageWeights(measuredGrams: number, goodsKg: number, tareGrams: number): { packagingGrams: number; additionalKg: number; lighterByGrams: number } {
  const overGrams = Math.round(measuredGrams - goodsKg * 1000 - tareGrams);
  return { packagingGrams: Math.round(tareGrams), additionalKg: Math.max(0, overGrams) / 1000, lighterByGrams: Math.max(0, -overGrams) };
}

/**
 * A parcel becomes a stock.package coded with its SSCC, holding the outgoing moves of its products
 * not yet in a package, weighing what the scale measured (packageWeights). Parcels are booked in
 * order: a shipment that already has as many packages as this parcel's number has it (a retry,
 * which only writes the SSCC again if the hub died between the package and its code: Tryton
 * gives a new package its sequence's code). A parcel holding only units of a move an earlier
 * parcel took (a product split over parcels; Tryton cannot split a move here) gets a package of
 * its own with no move, weighing what it weighed.
 */
export async function pushParcel(ctx: TrytonContext, shipmentId: number, parcel: PackedParcel): Promise<void> {
  const { rpc } = ctx;
  const current = await shipment(rpc, shipmentId);
  if (current.state === 'packed' || current.state === 'done') return;
  if (current.packages.length >= parcel.parcelNo) return codePackage(rpc, [...current.packages].sort((a, b) => a - b)[parcel.parcelNo - 1]!, parcel.sscc);
  if (current.state !== 'picked') throw new TrytonRefusal(`customer shipment ${current.number} is ${current.state} in Tryton, not picked: it cannot be packed`);
  const moves = (await readMoves(rpc, current.outgoing_moves)).filter((m) => m.quantity > 0 && parcel.productCodes.includes(m['product.'].code ?? ''));
  if (moves.length === 0) throw new TrytonRefusal(`customer shipment ${current.number} has none of ${parcel.productCodes.join(', ')} to pack in Tryton`);
  const free = moves.filter((m) => m.package === null);
  if (free.length === 0) ctx.logger.warn({ shipment: current.number, parcel: parcel.parcelNo }, 'parcel holds only units an earlier package took in Tryton: its package has its weight, no move');
  const goodsKg = free.reduce((sum, m) => sum + (m.internal_weight ?? 0), 0);
  const weights = packageWeights(parcel.measuredGrams, goodsKg, parcel.tareGrams);
  if (weights.lighterByGrams > 0) ctx.logger.warn({ shipment: current.number, parcel: parcel.parcelNo, grams: weights.lighterByGrams }, 'parcel lighter than Tryton’s goods and tare: no additional weight, Tryton’s total weight is its own sum');
  const { g } = await ctx.warehouse.where();
  const [created] = await rpc.call<number[]>('model.stock.package.create', [
    [
      {
        type: await packageType(ctx, parcel.box, parcel.tareGrams),
        shipment: `stock.shipment.out,${shipmentId}`,
        packaging_weight: weights.packagingGrams,
        packaging_weight_uom: g,
        additional_weight: weights.additionalKg,
        ...(free.length > 0 && { moves: [['add', free.map((m) => m.id)]] }),
      },
    ],
  ]);
  await codePackage(rpc, created!, parcel.sscc);
}

/** The package's code becomes the parcel's SSCC (unless it already is). */
async function codePackage(rpc: TrytonRpc, packageId: number, sscc: string): Promise<void> {
  const [found] = await rpc.call<{ code: string }[]>('model.stock.package.read', [[packageId], ['code']]);
  if (found && found.code !== sscc) await rpc.call('model.stock.package.write', [[packageId], { code: sscc }]);
}

/**
 * The order left the dock: tracking numbers as the shipment's reference, the carrier as its
 * `carrier` where Tryton has carriers (bookCarrier), then pack and done. Outgoing moves no parcel
 * took (a product packed in an earlier parcel's box) join the last package: Tryton packs a
 * shipment only when every move is in one.
 */
export async function pushShipped(ctx: TrytonContext, shipmentId: number, parcels: { carrier: string; tracking: string }[]): Promise<void> {
  const { rpc } = ctx;
  const current = await shipment(rpc, shipmentId);
  if (current.state === 'done') return;
  if (current.state !== 'picked' && current.state !== 'packed') throw new TrytonRefusal(`customer shipment ${current.number} is ${current.state} in Tryton: it cannot ship`);
  const reference = parcels.map((p) => p.tracking).join(' ').slice(0, 255);
  if (current.reference !== reference) await rpc.call('model.stock.shipment.out.write', [[shipmentId], { reference }]);
  await bookCarrier(ctx, shipmentId, current.number, [...new Set(parcels.map((p) => p.carrier))]);
  if (current.state === 'picked') {
    const loose = (await readMoves(rpc, current.outgoing_moves)).filter((m) => m.quantity > 0 && m.package === null);
    const last = current.packages.at(-1);
    if (loose.length && last !== undefined) await rpc.call('model.stock.package.write', [[last], { moves: [['add', loose.map((m) => m.id)]] }]);
    await press(rpc, shipmentId, 'pack', 'packed');
  }
  await press(rpc, shipmentId, 'done', 'done');
}

/**
 * The carrier the floor shipped with becomes the shipment's `carrier` in Tryton, when Tryton has
 * carriers and exactly one matches its name (TrytonWarehouse.carrier). Otherwise (parcels with
 * different carriers, no such carrier in Tryton) the shipment keeps the carrier it has and the hub
 * logs why: the shipment still ships.
 */
async function bookCarrier(ctx: TrytonContext, shipmentId: number, number: string, carriers: string[]): Promise<void> {
  if (!(await ctx.warehouse.hasCarriers())) return;
  const id = carriers.length === 1 ? await ctx.warehouse.carrier(carriers[0]!) : null;
  if (id === null) {
    ctx.logger.warn({ shipment: number, carriers }, carriers.length === 1 ? 'Tryton has no carrier of that name (or several): the shipment keeps its carrier' : 'parcels shipped with different carriers: the Tryton shipment keeps its carrier');
    return;
  }
  const [found] = await ctx.rpc.call<{ carrier: number | null }[]>('model.stock.shipment.out.read', [[shipmentId], ['carrier']]);
  if (found?.carrier !== id) await ctx.rpc.call('model.stock.shipment.out.write', [[shipmentId], { carrier: id }]);
}
