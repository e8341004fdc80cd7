import { describe, expect, it } from 'vitest';
import { TrytonConcurrencyError, TrytonRpc, TrytonRpcError, TrytonUnavailableError, TrytonUserError, type TrytonFault } from '../../src/hub/adapters/tryton/tryton-rpc.js';
import { decimal } from '../../src/hub/adapters/tryton/tryton-values.js';
import { withCompany } from '../helpers/tryton-seed.js';
import { TRYTON_ADMIN_PASSWORD, useTrytonServer } from '../helpers/tryton-server.js';

const tryton = useTrytonServer();

const client = (database: string, password = TRYTON_ADMIN_PASSWORD) => new TrytonRpc({ url: tryton().url, database, user: 'admin', password });

describe('Tryton JSON-RPC against a live Tryton 6.0', () => {
  it('logs in, writes with tagged values, reads them back plain', async () => {
    const rpc = client(tryton().freshDatabase());
    await withCompany(rpc);
    const [kg] = await rpc.call<{ id: number }[]>('model.product.uom.search_read', [[['symbol', '=', 'kg']], 0, 1, null, ['id']]);
    const [template] = await rpc.call<number[]>('model.product.template.create', [
      [
        {
          name: 'Verre à eau 25 cl',
          type: 'goods',
          default_uom: 1,
          list_price: decimal('3.90'),
          weight: 0.21,
          weight_uom: kg!.id,
          products: [['create', [{ suffix_code: 'P000171', cost_price: decimal('1.20'), identifiers: [['create', [{ type: 'ean', code: '3761000001707' }]]] }]]],
        },
      ],
    ]);
    expect(template).toBeGreaterThan(0);
    const [found] = await rpc.call<{ code: string; cost_price: string; 'template.': { weight: number } }[]>('model.product.product.search_read', [[['identifiers.code', '=', '3761000001707']], 0, null, null, ['code', 'cost_price', 'template.weight']]);
    expect(found).toMatchObject({ code: 'P000171', cost_price: '1.20', 'template.': { weight: 0.21 } });
  });

  it("turns Tryton's refusals into typed errors with Tryton's message", async () => {
    const rpc = client(tryton().freshDatabase());
    await withCompany(rpc);
    const refusal = rpc.call('model.product.template.create', [[{ name: 'Bad', type: 'goods', default_uom: 1, list_price: decimal('1'), products: [['create', [{ identifiers: [['create', [{ type: 'ean', code: '3761000001708' }]]] }]]] }]]);
    await expect(refusal).rejects.toBeInstanceOf(TrytonUserError);
    await expect(refusal).rejects.toThrow(/EAN|3761000001708/);
    await expect(rpc.call('model.product.product.products_by_location', [[]])).rejects.toBeInstanceOf(TrytonRpcError);
    await expect(client(tryton().freshDatabase(), 'wrong').call('model.res.user.read', [[1], ['name']])).rejects.toThrow(/refused the login of admin/);
  });

  it("a user without the hub's groups is told which groups it needs", async () => {
    const database = tryton().freshDatabase();
    await withCompany(client(database));
    await client(database).call('model.res.user.create', [[{ name: 'Nobody', login: 'nobody', password: 'Xq7-vb2!pz', companies: [['add', [1]]], company: 1 }]]);
    const nobody = new TrytonRpc({ url: tryton().url, database, user: 'nobody', password: 'Xq7-vb2!pz' });
    const refusal = nobody.call('model.stock.package.type.search_read', [[], 0, null, null, ['name']]);
    await expect(refusal).rejects.toBeInstanceOf(TrytonUserError);
    await expect(refusal).rejects.toThrow(/not allowed to access "Stock Package Type".*needs the groups Stock and Purchase Request/);
  });

  it('opens a new session when the old one ends, and says when a record changed under it', async () => {
    const rpc = client(tryton().freshDatabase());
    await withCompany(rpc);
    const [party] = await rpc.call<number[]>('model.party.party.create', [[{ name: 'Épicerie Fine Sud' }]]);
    await rpc.call('model.party.party.write', [[party], { name: 'Épicerie Fine Sud SARL' }]);
    // a timestamp read long before (Tryton's are whole seconds): the record changed since
    await expect(rpc.call('model.party.party.write', [[party], { name: 'stale' }], { _timestamp: { [`party.party,${party}`]: '1000000000' } })).rejects.toBeInstanceOf(TrytonConcurrencyError);
    // the server forgets the session (expiry, restart): the next call logs in again by itself
    await rpc.logout();
    const [read] = await rpc.call<{ name: string }[]>('model.party.party.read', [[party], ['name']]);
    expect(read?.name).toBe('Épicerie Fine Sud SARL');
  });

  it('runs writes one at a time, so parallel creates do not collide on sequence numbers', async () => {
    const rpc = client(tryton().freshDatabase());
    await withCompany(rpc);
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => rpc.call<number[]>('model.party.party.create', [[{ name: `Client ${i}` }]])));
    expect(created.flat()).toHaveLength(12);
    const codes = await rpc.call<{ code: string }[]>('model.party.party.search_read', [[['name', 'like', 'Client %']], 0, null, null, ['code']]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(12);
  });

  it("times each call and names its fault, for the hub's metrics", async () => {
    const calls: { method: string; seconds: number; fault: TrytonFault | null }[] = [];
    const rpc = new TrytonRpc({ url: tryton().url, database: tryton().freshDatabase(), user: 'admin', password: TRYTON_ADMIN_PASSWORD, observe: (method, seconds, fault) => calls.push({ method, seconds, fault }) });
    await withCompany(rpc);
    calls.length = 0;
    await rpc.call('model.product.uom.search_read', [[['symbol', '=', 'kg']], 0, 1, null, ['id']]);
    await expect(rpc.call('model.product.template.create', [[{ name: 'Bad', type: 'goods', default_uom: 1, list_price: decimal('1'), products: [['create', [{ identifiers: [['create', [{ type: 'ean', code: '3761000001708' }]]] }]]] }]])).rejects.toBeInstanceOf(TrytonUserError);
    await expect(rpc.call('model.product.product.products_by_location', [[]])).rejects.toBeInstanceOf(TrytonRpcError);
    expect(calls.map(({ method, fault }) => ({ method, fault }))).toEqual([
      { method: 'model.product.uom.search_read', fault: null },
      { method: 'model.product.template.create', fault: 'user' },
      { method: 'model.product.product.products_by_location', fault: 'rpc' },
    ]);
    for (const call of calls) expect(call.seconds).toBeGreaterThan(0);
    const down: (TrytonFault | null)[] = [];
    const unreachable = new TrytonRpc({ url: 'http://127.0.0.1:1', database: 'none', user: 'admin', password: 'x', timeoutMs: 2000, observe: (_method, _seconds, fault) => down.push(fault) });
    await expect(unreachable.call('model.res.user.read', [[1], ['name']])).rejects.toBeInstanceOf(TrytonUnavailableError);
    expect(down).toEqual(['unavailable']);
  });

  it('says Tryton is unavailable when nothing answers', async () => {
    const rpc = new TrytonRpc({ url: 'http://127.0.0.1:1', database: 'none', user: 'admin', password: 'x', timeoutMs: 2000 });
    await expect(rpc.call('model.res.user.read', [[1], ['name']])).rejects.toBeInstanceOf(TrytonUnavailableError);
  });
});
