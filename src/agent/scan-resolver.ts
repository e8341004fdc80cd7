import { classifyScan } from '../domain/barcode/classify-scan.js';
import type { ScanMeaning } from '../domain/scan-meaning.js';
import type { AgentStore } from './store/agent-store.js';
import { loadPickOrder } from './pick-order-loader.js';

/** Turns scanned or typed text into what it means on this site's catalog. */
export async function resolveScan(store: AgentStore, data: string, now: Date): Promise<ScanMeaning> {
  const classified = classifyScan(data, now);
  switch (classified.kind) {
    case 'invalid':
      return { kind: 'invalid', data, error: classified.error };
    case 'sscc':
      return { kind: 'unknown', data };
    case 'gtin': {
      const found = await store.catalog.productByBarcode(classified.gtin);
      if (!found) return { kind: 'unknown', data };
      return {
        kind: 'product',
        productCode: found.product.code,
        productName: found.product.name,
        // a GS1 count (AI 37) of contained items wins over the packaging's own multiple
        multiple: classified.count ?? found.multiple,
        ...(classified.lot !== undefined && { lot: classified.lot }),
        ...(classified.expiry !== undefined && { expiry: classified.expiry }),
      };
    }
    case 'code': {
      const byBarcode = await store.catalog.productByBarcode(classified.code);
      if (byBarcode) return { kind: 'product', productCode: byBarcode.product.code, productName: byBarcode.product.name, multiple: byBarcode.multiple };
      const location = await store.catalog.locationByCode(classified.code);
      if (location) return { kind: 'location', code: location.code };
      const order = await store.orders.find(classified.code);
      if (order) {
        const pickOrder = await loadPickOrder(store, order);
        if (pickOrder) return { kind: 'order', order: pickOrder };
      }
      return { kind: 'unknown', data };
    }
  }
}
