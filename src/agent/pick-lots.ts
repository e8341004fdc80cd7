import { fefoOrder, type BinLot } from '../domain/lot.js';
import type { AgentStore } from './store/agent-store.js';

/**
 * The lots the agent knows of a product in a bin, first expiry first (FEFO), when the product is
 * lot-tracked; null when it is not (or unknown to the catalog). Lots with no units left are not
 * offered: the books say they are gone from the bin.
 */
export async function binLotsOf(store: AgentStore, productCode: string, location: string): Promise<BinLot[] | null> {
  const product = await store.catalog.productByCode(productCode);
  if (!product?.lotTracked) return null;
  const levels = await store.stock.ofProduct(productCode);
  return fefoOrder(levels.filter((l) => l.locationCode === location && l.lot !== '' && l.quantity > 0).map((l) => ({ lot: l.lot, expiry: l.expiry, quantity: l.quantity })));
}
