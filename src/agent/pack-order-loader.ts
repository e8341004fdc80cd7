import type { PackOrder } from '../domain/order-to-pack.js';
import type { AgentStore } from './store/agent-store.js';
import type { StoredOrder } from './store/orders-repo.js';

/** The order as a packer sees it: picked units per product, with weights and families. */
export async function loadPackOrder(store: AgentStore, order: StoredOrder): Promise<PackOrder | undefined> {
  const picked = new Map<string, number>();
  for (const line of order.lines) if (line.picked > 0) picked.set(line.productCode, (picked.get(line.productCode) ?? 0) + line.picked);
  if (picked.size === 0) return undefined;
  const products = await store.catalog.productsByCode([...picked.keys()]);
  const items: PackOrder['items'] = [];
  for (const [productCode, quantity] of picked) {
    const product = products.get(productCode);
    if (!product) return undefined;
    items.push({ productCode, productName: product.name, quantity, weightGrams: product.weightGrams, family: product.family });
  }
  return { id: order.id, number: order.number, customer: order.customer, address: order.address, items };
}
