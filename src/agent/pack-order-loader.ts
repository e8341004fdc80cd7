import type { PackOrder } from '../domain/order-to-pack.js';
import type { AgentStore } from './store/agent-store.js';
import type { StoredOrder } from './store/orders-repo.js';

/** The order as a packer sees it: picked units per product, with weights and families, and the tote it is in. */
export async function loadPackOrder(store: AgentStore, order: StoredOrder): Promise<PackOrder | undefined> {
  const picked = new Map<string, { quantity: number; ordered: number }>();
  for (const line of order.lines) {
    const sums = picked.get(line.productCode) ?? { quantity: 0, ordered: 0 };
    picked.set(line.productCode, { quantity: sums.quantity + line.picked, ordered: sums.ordered + line.quantity });
  }
  if (![...picked.values()].some((p) => p.quantity > 0)) return undefined;
  const products = await store.catalog.productsByCode([...picked.keys()]);
  const items: PackOrder['items'] = [];
  for (const [productCode, { quantity, ordered }] of picked) {
    const product = products.get(productCode);
    if (!product) return undefined;
    items.push({ productCode, productName: product.name, quantity, ordered, weightGrams: product.weightGrams, family: product.family });
  }
  const tote = await store.totes.ofOrder(order.id);
  return { id: order.id, number: order.number, customer: order.customer, address: order.address, items, tote: tote?.code ?? null };
}
