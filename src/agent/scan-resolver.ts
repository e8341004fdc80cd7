import { classifyScan } from '../domain/barcode/classify-scan.js';
import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import type { ScanMeaning } from '../domain/scan-meaning.js';
import { weighedScan } from '../domain/weighed-goods.js';
import type { AgentStore } from './store/agent-store.js';
import { loadPickOrder } from './pick-order-loader.js';

/**
 * Turns scanned or typed text into what it means on this site's catalog. A variable-measure code
 * (the site's `layouts`) names its item by its reference code (value digits zeroed); a restricted
 * circulation number without a layout is found only as listed, whole, in the catalog.
 */
export async function resolveScan(store: AgentStore, data: string, now: Date, layouts: readonly VariableMeasureLayout[] = []): Promise<ScanMeaning> {
  const classified = classifyScan(data, now, { variableMeasure: layouts });
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
    case 'variable-measure': {
      const found = await store.catalog.productByBarcode(classified.reference);
      return found ? weighedScan(found.product, classified.measure, data) : { kind: 'unknown', data };
    }
    case 'restricted': {
      const found = await store.catalog.productByBarcode(`0${classified.code}`);
      if (found) return { kind: 'product', productCode: found.product.code, productName: found.product.name, multiple: found.multiple };
      return { kind: 'invalid', data, error: { code: 'BARCODE_NO_MEASURE_LAYOUT', detail: classified.prefix } };
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
