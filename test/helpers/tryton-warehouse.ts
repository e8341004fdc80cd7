import { expect } from 'vitest';
import { TrytonRpc } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import {
  createBin,
  createEmployee,
  createHubUser,
  createInventory,
  createPackageType,
  createParty,
  createProduct,
  createPurchase,
  createSale,
  productId,
  stockUp,
  withCompany,
  withManualInvoicing,
} from './tryton-seed.js';
import { TRYTON_ADMIN_PASSWORD, type TrytonServer } from './tryton-server.js';

export const EAN = { widget: '4006381333931', gadget: '3761000001707', serum: '3761000001714' };

/** The user the hub works as in these tests: only the groups the docs name (HUB_GROUPS). */
export const HUB_USER = { user: 'quai', password: 'quai-hub-secret' };

export interface SeededWarehouse {
  /** Tryton's admin: sets up and reads back. */
  rpc: TrytonRpc;
  /** The hub's own session, as HUB_USER. */
  hub: TrytonRpc;
  database: string;
  bins: { a: number; a2: number; b: number };
  products: { widget: number; gadget: number; serum: number };
  shipments: { full: number; short: number };
  purchase: { id: number; number: string };
  inventory: number;
}

/** A small warehouse in a fresh Tryton: three products (one lot-tracked), three bins, stock, two sales, a purchase, a draft inventory of bin B (6 gadgets, 2 widgets), the hub's user. */
export async function seedWarehouse(server: TrytonServer): Promise<SeededWarehouse> {
  const database = server.freshDatabase();
  const rpc = new TrytonRpc({ url: server.url, database, user: 'admin', password: TRYTON_ADMIN_PASSWORD });
  await withCompany(rpc);
  await withManualInvoicing(rpc);
  await createProduct(rpc, { code: 'WIDGET', name: 'Widget', weight: 0.75, uom: 'kg', eans: [EAN.widget] });
  await createProduct(rpc, { code: 'GADGET', name: 'Gadget', weight: 500, uom: 'g', eans: [EAN.gadget] });
  await createProduct(rpc, { code: 'SERUM', name: 'Sérum 30 ml', weight: 0.1, uom: 'kg', eans: [EAN.serum], lotRequired: true });
  const products = { widget: await productId(rpc, 'WIDGET'), gadget: await productId(rpc, 'GADGET'), serum: await productId(rpc, 'SERUM') };
  const bins = { a: await createBin(rpc, 'A-01-01-1'), a2: await createBin(rpc, 'A-01-02-1'), b: await createBin(rpc, 'B-01-01-1') };
  await stockUp(rpc, bins.a, [{ product: products.widget, quantity: 20 }]);
  await stockUp(rpc, bins.b, [{ product: products.gadget, quantity: 6 }, { product: products.widget, quantity: 2 }]);
  await createEmployee(rpc, 'Ana Martin', 'OP01');
  await createPackageType(rpc, 'CARTON-M', 0.2);
  const customer = await createParty(rpc, 'Boutique Lumière');
  const supplier = await createParty(rpc, 'Laboratoires Garonne');
  const shipments = { full: await createSale(rpc, customer, [{ product: products.widget, quantity: 3 }]), short: await createSale(rpc, customer, [{ product: products.widget, quantity: 5 }]) };
  const purchase = await createPurchase(rpc, supplier, [{ product: products.serum, quantity: 10 }]);
  const inventory = await createInventory(rpc, bins.b);
  await createHubUser(rpc, HUB_USER.user, HUB_USER.password);
  const hub = new TrytonRpc({ url: server.url, database, ...HUB_USER });
  return { rpc, hub, database, bins, products, shipments, purchase, inventory };
}

/**
 * Reads Tryton back after the floor run of seedWarehouse: the order shipped whole (one package
 * coded with its SSCC, the scale's weight, the tracking number), the one picked short, the reception with its lot and
 * the rest left on the purchase, the inventory confirmed, one purchase request: each effect once.
 */
export async function expectBookedOnce(t: SeededWarehouse): Promise<void> {
  const rpc = t.rpc;
  const read = <T>(model: string, ids: number[], fields: string[]) => rpc.call<T[]>(`model.${model}.read`, [ids, fields]);
  const search = <T>(model: string, domain: unknown[], fields: string[]) => rpc.call<T[]>(`model.${model}.search_read`, [domain, 0, null, [['id', 'ASC']], fields]);
  const stockIn = async (bin: number, product: number) => (await rpc.call<{ quantity: number }[]>('model.product.product.read', [[product], ['quantity']], { locations: [bin], with_childs: false }))[0]!.quantity;

  // shipped whole, once: done, one package weighing what the scale said, the tracking number as reference
  const [full] = await read<{ state: string; reference: string; packages: number[]; inventory_moves: number[] }>('stock.shipment.out', [t.shipments.full], ['state', 'reference', 'packages', 'inventory_moves']);
  expect(full).toMatchObject({ state: 'done', reference: '6A12345678901' });
  expect(full!.packages).toHaveLength(1);
  const [parcel] = await read<{ code: string; total_weight: number; state: string; 'type.': { name: string } }>('stock.package', full!.packages, ['code', 'total_weight', 'state', 'type.name']);
  expect(parcel!.total_weight).toBeCloseTo(2.46, 3);
  // coded with the parcel's SSCC (the label's), not Tryton's sequence
  expect(parcel!.code).toMatch(/^03761000\d{10}$/);
  expect(parcel!['type.'].name).toBe('CARTON-M');
  expect(parcel!.state).toBe('closed');
  const fullMoves = await read<{ quantity: number; state: string; 'from_location.': { code: string } }>('stock.move', full!.inventory_moves, ['quantity', 'state', 'from_location.code']);
  expect(fullMoves.filter((m) => m.state === 'done').reduce((n, m) => n + m.quantity, 0)).toBe(3);

  // picked short: 4 of 5 from the bin, the shipment picked (it has not shipped yet)
  const [short] = await read<{ state: string; inventory_moves: number[] }>('stock.shipment.out', [t.shipments.short], ['state', 'inventory_moves']);
  expect(short!.state).toBe('picked');
  const shortMoves = await read<{ quantity: number; state: string; 'from_location.': { code: string } }>('stock.move', short!.inventory_moves, ['quantity', 'state', 'from_location.code']);
  expect(shortMoves.filter((m) => m.quantity > 0).map((m) => [m.quantity, m.state, m['from_location.'].code])).toEqual([[4, 'done', 'A-01-01-1']]);
  expect(await stockIn(t.bins.a, t.products.widget)).toBe(20 - 3 - 4);

  // received once: one supplier shipment, done, 8 units of lot L-2611 in A-01-02-1; the 2 missing stay on the purchase
  const receptions = await search<{ state: string; inventory_moves: number[] }>('stock.shipment.in', [['reference', 'like', 'Quai %']], ['state', 'inventory_moves']);
  expect(receptions.map((r) => r.state)).toEqual(['done']);
  const putaway = await read<{ quantity: number; 'lot.': { number: string }; 'to_location.': { code: string } }>('stock.move', receptions[0]!.inventory_moves, ['quantity', 'lot.number', 'to_location.code']);
  // (the floor may have put them away in several goes: one move each)
  expect(new Set(putaway.map((m) => `${m['lot.'].number}>${m['to_location.'].code}`))).toEqual(new Set(['L-2611>A-01-02-1']));
  expect(putaway.reduce((n, m) => n + m.quantity, 0)).toBe(8);
  expect(await stockIn(t.bins.a2, t.products.serum)).toBe(8);
  const [purchase] = await read<{ moves: number[]; shipment_state: string }>('purchase.purchase', [t.purchase.id], ['moves', 'shipment_state']);
  const left = (await read<{ quantity: number; state: string }>('stock.move', purchase!.moves, ['quantity', 'state'])).filter((m) => m.state === 'draft');
  expect(left.map((m) => m.quantity)).toEqual([2]);

  // counted: the inventory done, the bin at 5
  const [inventory] = await read<{ state: string }>('stock.inventory', [t.inventory], ['state']);
  expect(inventory!.state).toBe('done');
  expect(await stockIn(t.bins.b, t.products.gadget)).toBe(5);
  // the floor closed the count of the whole bin without finding widgets there: Tryton's line is emptied
  expect(await stockIn(t.bins.b, t.products.widget)).toBe(0);

  // one purchase request for the widgets, naming the floor's event
  const requests = await search<{ quantity: number; description: string; state: string }>('purchase.request', [['product', '=', t.products.widget]], ['quantity', 'description', 'state']);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ quantity: 10 });
  expect(requests[0]!.description).toMatch(/^Quai [0-9a-f-]{36}: rayon presque vide$/);
}
