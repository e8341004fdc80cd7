import type { TrytonRpc } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import { decimal } from '../../src/hub/adapters/tryton/tryton-values.js';

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
export async function createProduct(rpc: TrytonRpc, p: { code: string; name: string; weight: number; uom: 'kg' | 'g'; eans: string[] }): Promise<number> {
  const [uom] = await rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', p.uom]], 0, 1, null, ['id']]);
  const [template] = await rpc.call<number[]>('model.product.template.create', [
    [
      {
        name: p.name,
        type: 'goods',
        default_uom: 1,
        list_price: decimal('1.00'),
        weight: p.weight,
        weight_uom: uom!.id,
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
