import type { TrytonContext } from './tryton-warehouse.js';
/** A replenishment request becomes a purchase request; its description names the floor's event, so a retry finds it. */
export async function pushPurchaseRequest(ctx: TrytonContext, eventId: string, request: { productCode: string; quantity: number; note: string }): Promise<void> {
  const { rpc, warehouse } = ctx;
  const tag = `Quai ${eventId}`;
  const [found] = await rpc.call<{ id: number }[]>('model.purchase.request.search_read', [[['description', 'like', `${tag}%`]], 0, 1, null, ['id']]);
  if (found) return;
  const product = await warehouse.product(request.productCode);
  const where = await warehouse.where();
  await rpc.call('model.purchase.request.create', [
    [{ product: product.id, quantity: request.quantity, uom: product.uom, warehouse: where.warehouse, company: where.company, description: `${tag}: ${request.note}`.trim() }],
  ]);
}
