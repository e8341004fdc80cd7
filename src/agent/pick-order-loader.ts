import type { Location } from '../domain/catalog.js';
import type { PickOrder } from '../domain/order.js';
import { otherBin } from '../domain/stock-doubt.js';
import type { AgentStore } from './store/agent-store.js';
import { suspectKey } from './store/stock-repo.js';
import type { StoredOrder } from './store/orders-repo.js';

/**
 * Builds the order a picker works on: lines with product names, unit barcodes and locations.
 * A line whose bin is suspect goes to another bin with stock when there is one (`suspectBin`).
 * Undefined when the catalog lacks a line's product or location (the order cannot be picked yet).
 */
export async function loadPickOrder(store: AgentStore, order: StoredOrder): Promise<PickOrder | undefined> {
  const productCodes = [...new Set(order.lines.map((l) => l.productCode))];
  const [products, locations, barcodes] = await Promise.all([
    store.catalog.productsByCode(productCodes),
    store.catalog.locationsByCode([...new Set(order.lines.map((l) => l.locationCode))]),
    store.catalog.unitBarcodes(productCodes),
  ]);
  const lines: PickOrder['lines'] = [];
  for (const line of order.lines) {
    const product = products.get(line.productCode);
    const named = locations.get(line.locationCode);
    if (!product || !named) return undefined;
    const { location, suspectBin } = await routeAroundSuspect(store, product.code, named, line.quantity);
    lines.push({
      lineId: line.lineId,
      productCode: product.code,
      productName: product.name,
      barcode: barcodes.get(product.code) ?? null,
      stockAtLocation: await store.stock.bookedAt(product.code, location.code),
      location,
      quantity: line.quantity,
      suspectBin,
    });
  }
  return { id: order.id, number: order.number, customer: order.customer, lines };
}

/** The bin to pick from: the one named, unless its quantity is suspect and another bin holds stock. */
async function routeAroundSuspect(store: AgentStore, productCode: string, named: Location, quantity: number): Promise<{ location: Location; suspectBin: PickOrder['lines'][number]['suspectBin'] }> {
  const suspects = await store.stock.suspectsOf([productCode]);
  if (!suspects.has(suspectKey(productCode, named.code))) return { location: named, suspectBin: null };
  const trusted = await store.stock.trustedBins(productCode);
  const bins = await store.catalog.locationsByCode(trusted.map((b) => b.location));
  const chosen = otherBin(quantity, trusted.flatMap((b) => (bins.has(b.location) ? [{ location: bins.get(b.location)!, quantity: b.quantity }] : [])));
  return { location: chosen?.location ?? named, suspectBin: { location: named.code, moved: chosen !== null } };
}
