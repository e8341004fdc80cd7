import type { BarcodeError } from './barcode/barcode-error.js';
import type { BoxType } from './catalog.js';
import type { PickOrder } from './order.js';

/** One reading of an ambiguous code the catalog knows, offered to the operator (feedback SCAN_AMBIGUOUS). */
export interface ReadingChoice {
  /** `EAN-8`, `UPC-E`. */
  reading: string;
  /** The GTIN-14 of that reading: what the terminal sends back as the chosen input. */
  gtin: string;
  productCode: string;
  productName: string;
  multiple: number;
}

/** A scan after catalog look-up: what the workflows reason about. */
export type ScanMeaning =
  | {
      kind: 'product';
      productCode: string;
      productName: string;
      /** Units the scan stands for: 1 for the item, N for a packaging or a GS1 count. */
      multiple: number;
      /**
       * What the units scanned weigh, in grams, when a variable-measure label says it
       * (weighed-goods.ts): the parcel's expected weight takes it instead of the unit weight.
       */
      weighedGrams?: number;
      lot?: string;
      expiry?: string;
    }
  | { kind: 'location'; code: string }
  | { kind: 'box'; box: BoxType }
  | { kind: 'order'; order: PickOrder }
  | { kind: 'unknown'; data: string }
  | { kind: 'invalid'; data: string; error: BarcodeError };
