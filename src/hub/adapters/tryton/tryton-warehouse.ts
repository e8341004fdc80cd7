import { QuaiError } from '../../../runtime/quai-error.js';
import type { Logger } from '../../../runtime/logger.js';
import type { TrytonRpc } from './tryton-rpc.js';

export interface WarehouseLocations {
  company: number;
  currency: number;
  /** Tryton's gram unit: packages' tares are written in it, exact to the gram (its kg keeps 2 decimals). */
  g: number;
  warehouse: number;
  input: number;
  output: number;
  storage: number;
  supplier: number;
}

/**
 * What the floor did cannot be booked in Tryton as it stands (a bin or product removed there,
 * a document cancelled there): the event is rejected with this message for a supervisor.
 */
export class TrytonRefusal extends QuaiError {
  constructor(message: string) {
    super('TRYTON_REFUSED', message);
  }
}

/**
 * Tryton ids behind Quai's codes: the warehouse's locations, bins and products by code, lots by
 * number. Looked up on first use and kept: ids never change in Tryton.
 */
export class TrytonWarehouse {
  private locations: Promise<WarehouseLocations> | undefined;
  private readonly binIds = new Map<string, number>();
  private readonly products = new Map<string, { id: number; uom: number }>();

  constructor(readonly rpc: TrytonRpc) {}

  /** The company, the first warehouse (Quai serves one warehouse per hub), the supplier location, the gram unit. */
  where(): Promise<WarehouseLocations> {
    this.locations ??= (async () => {
      const [warehouse] = await this.rpc.call<{ id: number; input_location: number; output_location: number; storage_location: number }[]>('model.stock.location.search_read', [
        [['type', '=', 'warehouse']],
        0,
        1,
        [['id', 'ASC']],
        ['input_location', 'output_location', 'storage_location'],
      ]);
      const [supplier] = await this.rpc.call<{ id: number }[]>('model.stock.location.search_read', [[['type', '=', 'supplier']], 0, 1, [['id', 'ASC']], ['id']]);
      const [company] = await this.rpc.call<{ id: number; currency: number }[]>('model.company.company.search_read', [[], 0, 1, [['id', 'ASC']], ['currency']]);
      const [g] = await this.rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', 'g']], 0, 1, null, ['id']]);
      if (!company || !g) throw new TrytonRefusal('Tryton has no company (or no gram unit, symbol g): set the company up first');
      if (!warehouse || !supplier) throw new TrytonRefusal('Tryton has no warehouse or supplier location (is the stock module activated?)');
      return { company: company.id, currency: company.currency, g: g.id, warehouse: warehouse.id, input: warehouse.input_location, output: warehouse.output_location, storage: warehouse.storage_location, supplier: supplier.id };
    })();
    this.locations.catch(() => (this.locations = undefined));
    return this.locations;
  }

  /** The warehouse's storage bins (its storage location's storage children), matching `domain` too. */
  async storageBins<T>(domain: unknown[], fields: string[]): Promise<(T & { id: number })[]> {
    const { storage } = await this.where();
    return this.rpc.call('model.stock.location.search_read', [[['parent', 'child_of', [storage]], ['type', '=', 'storage'], ['id', '!=', storage], ...domain], 0, null, null, fields]);
  }

  async bin(code: string): Promise<number> {
    const known = this.binIds.get(code.toUpperCase());
    if (known) return known;
    const { storage } = await this.where();
    const found = await this.rpc.call<{ id: number; code: string | null }[]>('model.stock.location.search_read', [[['code', 'ilike', code], ['parent', 'child_of', [storage]]], 0, 2, null, ['code']]);
    if (found.length !== 1) throw new TrytonRefusal(`Tryton has no storage bin ${code} in the warehouse`);
    this.binIds.set(code.toUpperCase(), found[0]!.id);
    return found[0]!.id;
  }

  async product(code: string): Promise<{ id: number; uom: number }> {
    const known = this.products.get(code);
    if (known) return known;
    const [found] = await this.rpc.call<{ id: number; default_uom: number }[]>('model.product.product.search_read', [[['code', '=', code]], 0, 1, null, ['default_uom']]);
    if (!found) throw new TrytonRefusal(`Tryton has no product ${code}`);
    const product = { id: found.id, uom: found.default_uom };
    this.products.set(code, product);
    return product;
  }

  private carrierField: Promise<boolean> | undefined;

  /**
   * The Tryton carrier the floor's carrier name stands for: the one whose name (`rec_name`,
   * "party - [code] product"), party's name, carrier product's name or code is that name, without
   * case; null when none or several are, or when Tryton has no carriers on its shipments (hasCarriers).
   */
  async carrier(name: string): Promise<number | null> {
    if (!(await this.hasCarriers())) return null;
    type Row = { id: number; rec_name: string; 'party.': { name: string } | null; 'carrier_product.': { name: string; code: string | null } | null };
    const rows = await this.rpc.call<Row[]>('model.carrier.search_read', [[], 0, null, [['id', 'ASC']], ['rec_name', 'party.name', 'carrier_product.name', 'carrier_product.code']]);
    const matching = rows.filter((r) => [r.rec_name, r['party.']?.name, r['carrier_product.']?.name, r['carrier_product.']?.code].some((n) => !!n && sameName(n) === sameName(name)));
    return matching.length === 1 ? matching[0]!.id : null;
  }

  /** Whether Tryton's customer shipments have a `carrier` (its `carrier` and `sale_shipment_cost` modules activated); asked once. */
  hasCarriers(): Promise<boolean> {
    this.carrierField ??= this.rpc.call<Record<string, unknown>>('model.stock.shipment.out.fields_get', [['carrier']]).then((fields) => 'carrier' in fields);
    this.carrierField.catch(() => (this.carrierField = undefined));
    return this.carrierField;
  }

  /** The lot with this number for the product, created when Tryton has none yet. */
  async lot(productId: number, number: string): Promise<number> {
    const [found] = await this.rpc.call<{ id: number }[]>('model.stock.lot.search_read', [[['number', '=', number], ['product', '=', productId]], 0, 1, null, ['id']]);
    if (found) return found.id;
    const [created] = await this.rpc.call<number[]>('model.stock.lot.create', [[{ number, product: productId }]]);
    return created!;
  }
}

const sameName = (name: string) => name.trim().toLowerCase();

/** What the connector's steps share: the session, the ids behind codes, the hub's log. */
export interface TrytonContext {
  rpc: TrytonRpc;
  warehouse: TrytonWarehouse;
  logger: Logger;
}
