import type { TrytonRpc } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import { decimal, trytonDate } from '../../src/hub/adapters/tryton/tryton-values.js';

/** The one-time company setup of a fresh Tryton database (shared/reference/tryton.md §5.1). */
export async function withCompany(rpc: TrytonRpc): Promise<void> {
  const [currency] = await rpc.call<number[]>('model.currency.currency.create', [[{ name: 'Euro', code: 'EUR', symbol: '€', digits: 2, rounding: decimal('0.01') }]]);
  const [party] = await rpc.call<number[]>('model.party.party.create', [[{ name: 'Quai Logistics SA' }]]);
  const [company] = await rpc.call<number[]>('model.company.company.create', [[{ party, currency, timezone: 'Europe/Paris' }]]);
  await rpc.call('model.res.user.write', [[1], { companies: [['add', [company]]], company }]);
  // the session's context must now carry the company: a new session reads it
  await rpc.logout();
}

/** A goods product with a weight and EAN identifiers; returns the template id. */
export async function createProduct(rpc: TrytonRpc, p: { code: string; name: string; weight: number; uom: 'kg' | 'g'; eans: string[]; lotRequired?: boolean }): Promise<number> {
  const [uom] = await rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', p.uom]], 0, 1, null, ['id']]);
  const [template] = await rpc.call<number[]>('model.product.template.create', [
    [
      {
        name: p.name,
        type: 'goods',
        default_uom: 1,
        list_price: decimal('1.00'),
        salable: true,
        sale_uom: 1,
        purchasable: true,
        purchase_uom: 1,
        weight: p.weight,
        weight_uom: uom!.id,
        ...(p.lotRequired && { lot_required: ['supplier', 'storage'] }),
        products: [['create', [{ suffix_code: p.code, cost_price: decimal('0.50'), identifiers: [['create', p.eans.map((code) => ({ type: 'ean', code }))]] }]]],
      },
    ],
  ]);
  return template!;
}

/** A storage bin under the warehouse's storage location. */
export async function createBin(rpc: TrytonRpc, code: string): Promise<number> {
  const [warehouse] = await rpc.call<{ storage_location: number }[]>('model.stock.location.search_read', [[['type', '=', 'warehouse']], 0, 1, null, ['storage_location']]);
  const [bin] = await rpc.call<number[]>('model.stock.location.create', [[{ name: `Bin ${code}`, code, type: 'storage', parent: warehouse!.storage_location }]]);
  return bin!;
}

const TODAY = () => trytonDate(new Date().toISOString().slice(0, 10));

/** Sales and purchases invoiced by hand: no chart of accounts needed (reference §5.1). */
export async function withManualInvoicing(rpc: TrytonRpc): Promise<void> {
  await rpc.call('model.sale.configuration.write', [[1], { sale_invoice_method: 'manual', sale_shipment_method: 'order' }]);
  await rpc.call('model.purchase.configuration.write', [[1], { purchase_invoice_method: 'manual' }]);
}

export async function productId(rpc: TrytonRpc, code: string): Promise<number> {
  const [found] = await rpc.call<{ id: number }[]>('model.product.product.search_read', [[['code', '=', code]], 0, 1, null, ['id']]);
  return found!.id;
}

/** A party with one address; `code` replaces the sequence's. */
export async function createParty(rpc: TrytonRpc, name: string, code?: string): Promise<{ party: number; address: number }> {
  const [party] = await rpc.call<number[]>('model.party.party.create', [[{ name, ...(code && { code }), addresses: [['create', [{ street: '1 quai des Chartrons', city: 'Bordeaux', postal_code: '33000' }]]] }]]);
  const [address] = await rpc.call<{ id: number }[]>('model.party.address.search_read', [[['party', '=', party]], 0, 1, null, ['id']]);
  return { party: party!, address: address!.id };
}

/** An employee of the company: an operator on the floor, signing in with the party's code. */
export async function createEmployee(rpc: TrytonRpc, name: string, code: string): Promise<number> {
  const { party } = await createParty(rpc, name, code);
  const [employee] = await rpc.call<number[]>('model.company.employee.create', [[{ party, company: 1 }]]);
  return employee!;
}

export async function createPackageType(rpc: TrytonRpc, name: string, tareKg: number): Promise<number> {
  const [kg] = await rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', 'kg']], 0, 1, null, ['id']]);
  const [type] = await rpc.call<number[]>('model.stock.package.type.create', [[{ name, packaging_weight: tareKg, packaging_weight_uom: kg!.id }]]);
  return type!;
}

/** A draft inventory of the bin with its expected lines (a count task for the floor). */
export async function createInventory(rpc: TrytonRpc, bin: number): Promise<number> {
  const [inventory] = await rpc.call<number[]>('model.stock.inventory.create', [[{ location: bin, date: TODAY(), company: 1 }]]);
  await rpc.call('model.stock.inventory.complete_lines', [[inventory]]);
  return inventory!;
}

/** Puts stock in a bin the way a warehouse starts: an inventory, confirmed. */
export async function stockUp(rpc: TrytonRpc, bin: number, lines: { product: number; quantity: number; lot?: number }[]): Promise<void> {
  const [inventory] = await rpc.call<number[]>('model.stock.inventory.create', [[{ location: bin, date: TODAY(), company: 1, lines: [['create', lines]] }]]);
  await rpc.call('model.stock.inventory.confirm', [[inventory]]);
}

/** A confirmed sale; returns its customer shipment (waiting). */
export async function createSale(rpc: TrytonRpc, customer: { party: number; address: number }, lines: { product: number; quantity: number }[]): Promise<number> {
  const [sale] = await rpc.call<number[]>('model.sale.sale.create', [
    [
      {
        party: customer.party,
        invoice_address: customer.address,
        shipment_address: customer.address,
        warehouse: 5,
        invoice_method: 'manual',
        shipment_method: 'order',
        sale_date: TODAY(),
        lines: [['create', lines.map((l) => ({ type: 'line', product: l.product, quantity: l.quantity, unit: 1, unit_price: decimal('12.50'), description: 'article' }))]],
      },
    ],
  ]);
  await rpc.call('model.sale.sale.quote', [[sale]]);
  await rpc.call('model.sale.sale.confirm', [[sale]]);
  const [read] = await rpc.call<{ shipments: number[] }[]>('model.sale.sale.read', [[sale], ['shipments']]);
  return read!.shipments[0]!;
}

/** A confirmed purchase (its moves wait to be received); returns its id and number. */
export async function createPurchase(rpc: TrytonRpc, supplier: { party: number; address: number }, lines: { product: number; quantity: number }[]): Promise<{ id: number; number: string }> {
  const [purchase] = await rpc.call<number[]>('model.purchase.purchase.create', [
    [
      {
        party: supplier.party,
        invoice_address: supplier.address,
        warehouse: 5,
        invoice_method: 'manual',
        purchase_date: TODAY(),
        lines: [['create', lines.map((l) => ({ type: 'line', product: l.product, quantity: l.quantity, unit: 1, unit_price: decimal('5.00'), description: 'article' }))]],
      },
    ],
  ]);
  await rpc.call('model.purchase.purchase.quote', [[purchase]]);
  await rpc.call('model.purchase.purchase.confirm', [[purchase]]);
  const [read] = await rpc.call<{ number: string }[]>('model.purchase.purchase.read', [[purchase], ['number']]);
  return { id: purchase!, number: read!.number };
}

/** The Tryton groups docs/operations.md says the hub's user needs ("Point the hub at Tryton"): exactly these, no more. */
export const HUB_GROUPS = ['Stock', 'Purchase Request'];

/** The user a hub works as: the company's, holding exactly HUB_GROUPS (not an administrator). */
export async function createHubUser(rpc: TrytonRpc, login: string, password: string): Promise<number> {
  const groups = await rpc.call<{ id: number }[]>('model.res.group.search_read', [[['name', 'in', HUB_GROUPS]], 0, null, null, ['id']]);
  if (groups.length !== HUB_GROUPS.length) throw new Error(`Tryton lacks one of the groups ${HUB_GROUPS.join(', ')}`);
  const [user] = await rpc.call<number[]>('model.res.user.create', [[{ name: 'Quai hub', login, password, groups: [['add', groups.map((g) => g.id)]], companies: [['add', [1]]], company: 1 }]]);
  return user!;
}

/** A carrier (its party and its service product, as Tryton's carrier module wants them): shows as "<party> - <product>". */
export async function createCarrier(rpc: TrytonRpc, party: string, service: string): Promise<number> {
  const { party: partyId } = await createParty(rpc, party);
  const [template] = await rpc.call<number[]>('model.product.template.create', [[{ name: service, type: 'service', default_uom: 1, list_price: decimal('6.50'), salable: true, sale_uom: 1, products: [['create', [{ suffix_code: service.toUpperCase(), cost_price: decimal('4.00') }]]] }]]);
  const [product] = await rpc.call<{ id: number }[]>('model.product.product.search_read', [[['template', '=', template]], 0, 1, null, ['id']]);
  const [carrier] = await rpc.call<number[]>('model.carrier.create', [[{ party: partyId, carrier_product: product!.id }]]);
  return carrier!;
}
