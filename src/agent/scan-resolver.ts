import { classifyScan, type GtinReading } from '../domain/barcode/classify-scan.js';
import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import type { ReadingChoice, ScanMeaning } from '../domain/scan-meaning.js';
import { weighedScan } from '../domain/weighed-goods.js';
import type { AgentStore } from './store/agent-store.js';
import { loadPickOrder } from './pick-order-loader.js';

/** What an input resolves to: a meaning for the workflows, or two readings of one code the catalog both knows. */
export type ResolvedScan = ScanMeaning | { kind: 'ambiguous'; data: string; readings: ReadingChoice[] };

const READING_NAMES: Record<GtinReading['reading'], string> = { 'ean-13': 'EAN-13', 'ean-8': 'EAN-8', 'upc-a': 'UPC-A', 'upc-e': 'UPC-E', 'gtin-14': 'GTIN-14', isbn: 'ISBN', issn: 'ISSN' };

async function asCode(store: AgentStore, code: string, data: string): Promise<ScanMeaning> {
  const byBarcode = await store.catalog.productByBarcode(code);
  if (byBarcode) return { kind: 'product', productCode: byBarcode.product.code, productName: byBarcode.product.name, multiple: byBarcode.multiple };
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
 * both as EAN-8 and UPC-E is looked up both ways: one known → that product; both known →
 * `ambiguous` (the operator chooses, docs/protocol.md "SCAN_AMBIGUOUS"); neither → unknown, its
 * data naming both readings. A variable-measure code (the site's `layouts`) names its item by its
 * reference code (value digits zeroed); a restricted circulation number without a layout is found
 * only as listed, whole, in the catalog.
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
        if (hit) found.push({ reading: READING_NAMES[reading], gtin, productCode: hit.product.code, productName: hit.product.name, multiple: hit.multiple });
      }
      if (found.length === 1) return { kind: 'product', productCode: found[0]!.productCode, productName: found[0]!.productName, multiple: found[0]!.multiple };
      if (found.length > 1) return { kind: 'ambiguous', data: classified.data, readings: found };
      return { kind: 'unknown', data: `${classified.data} (${classified.readings.map((r) => `${READING_NAMES[r.reading]} ${r.gtin}`).join(', ')})` };
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
      const found = await store.catalog.productByBarcode(classified.reference);
      return found ? weighedScan(found.product, classified.measure, data) : { kind: 'unknown', data };
    }
    case 'restricted': {
      const found = await store.catalog.productByBarcode(`0${classified.code}`);
      if (found) return { kind: 'product', productCode: found.product.code, productName: found.product.name, multiple: found.multiple };
      return { kind: 'invalid', data, error: { code: 'BARCODE_NO_MEASURE_LAYOUT', detail: classified.prefix } };
    }
    case 'code':
      return asCode(store, classified.code, data);
  }
}
