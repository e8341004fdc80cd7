import type { PickOrder } from '../domain/order.js';
import { pickBinFor } from './bin-routing.js';
import type { AgentStore } from './store/agent-store.js';
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
    const { location, suspectBin } = await pickBinFor(store, product.code, named, line.quantity);
    lines.push({
      lineId: line.lineId,
      productCode: product.code,
      productName: product.name,
      barcode: barcodes.get(product.code) ?? null,
      stockAtLocation: await store.stock.bookedAt(product.code, location.code),
      location,
      quantity: line.quantity,
      unit: product.unit,
      suspectBin,
    });
  }
  return { id: order.id, number: order.number, customer: order.customer, lines };
}
