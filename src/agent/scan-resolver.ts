import { classifyScan, GTIN_READING_LABELS } from '../domain/barcode/classify-scan.js';
import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import type { Product } from '../domain/catalog.js';
import type { ReadingChoice, ScanMeaning } from '../domain/scan-meaning.js';
import { weighedScan } from '../domain/weighed-goods.js';
import type { AgentStore } from './store/agent-store.js';
import { loadPickOrder } from './pick-order-loader.js';

/** What an input resolves to: a meaning for the workflows, or two readings of one code the catalog both knows. */
export type ResolvedScan = ScanMeaning | { kind: 'ambiguous'; data: string; readings: ReadingChoice[] };

/** A product found by one of its barcodes, counted by that barcode's multiple. */
function listedProduct(hit: { product: Product; multiple: number }): ScanMeaning {
  return { kind: 'product', productCode: hit.product.code, productName: hit.product.name, multiple: hit.multiple };
}

async function asCode(store: AgentStore, code: string, data: string): Promise<ScanMeaning> {
  const byBarcode = await store.catalog.productByBarcode(code);
  if (byBarcode) return listedProduct(byBarcode);
  const location = await store.catalog.locationByCode(code);
  if (location) return { kind: 'location', code: location.code };
  const order = await store.orders.find(code);
  if (order) {
    const pickOrder = await loadPickOrder(store, order);
    if (pickOrder) return { kind: 'order', order: pickOrder };
  }
  return { kind: 'unknown', data };
}

/**
 * Turns scanned or typed text into what it means on this site's catalog. An 8-digit code valid
 * both as EAN-8 and UPC-E is looked up both ways: one known, or both as the same product → that product; both known as two →
 * `ambiguous` (the operator chooses, docs/protocol.md "SCAN_AMBIGUOUS"); neither → unknown, its
 * data naming both readings. A variable-measure code (the site's `layouts`) is first looked up
 * whole, as the catalog may list it (an ERP giving a fixed-weight product an internal `2x` EAN-13:
 * that product, by its barcode's multiple), then names its item by its reference code (value
 * digits zeroed); a restricted circulation number without a layout is found only as listed,
 * whole, in the catalog.
 */
export async function resolveScanOrChoice(store: AgentStore, data: string, now: Date, layouts: readonly VariableMeasureLayout[] = []): Promise<ResolvedScan> {
  const classified = classifyScan(data, now, { variableMeasure: layouts });
  switch (classified.kind) {
    case 'invalid':
      return { kind: 'invalid', data, error: classified.error };
    case 'gs1':
      return { kind: 'invalid', data, error: { code: 'GS1_MALFORMED', detail: 'no GTIN or SSCC' } };
    case 'sscc':
      return { kind: 'unknown', data };
    case 'gtin-choice': {
      const found: ReadingChoice[] = [];
      for (const { reading, gtin } of classified.readings) {
        const hit = await store.catalog.productByBarcode(gtin);
        if (hit) found.push({ reading: GTIN_READING_LABELS[reading], gtin, productCode: hit.product.code, productName: hit.product.name, multiple: hit.multiple });
      }
      // an ERP identifier of unknown type is kept under both readings: one product, nothing to choose
      const one = found.every((f) => f.productCode === found[0]!.productCode && f.multiple === found[0]!.multiple);
      if (found.length > 0 && one) return { kind: 'product', productCode: found[0]!.productCode, productName: found[0]!.productName, multiple: found[0]!.multiple };
      if (found.length > 1) return { kind: 'ambiguous', data: classified.data, readings: found };
      return { kind: 'unknown', data: `${classified.data} (${classified.readings.map((r) => `${GTIN_READING_LABELS[r.reading]} ${r.gtin}`).join(', ')})` };
    }
    case 'gtin': {
      const found = await store.catalog.productByBarcode(classified.gtin);
      // an ISBN-10 or ISSN form may also be a site's own code
      if (!found) return classified.text !== undefined ? asCode(store, classified.text, data) : { kind: 'unknown', data };
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
      // the whole code listed in the catalog (an ERP's internal EAN-13 for a fixed product) wins over the layout
      const whole = `0${classified.code}`;
      const listed = whole === classified.reference ? undefined : await store.catalog.productByBarcode(whole);
      if (listed) return listedProduct(listed);
      const found = await store.catalog.productByBarcode(classified.reference);
      return found ? weighedScan(found.product, classified.measure, data) : { kind: 'unknown', data };
    }
    case 'restricted': {
      const found = await store.catalog.productByBarcode(`0${classified.code}`);
      if (found) return listedProduct(found);
      return { kind: 'invalid', data, error: { code: 'BARCODE_NO_MEASURE_LAYOUT', detail: classified.prefix } };
    }
    case 'code':
      return asCode(store, classified.code, data);
  }
}
