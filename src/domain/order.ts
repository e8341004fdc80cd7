import type { Location } from './catalog.js';

export type OrderStatus = 'open' | 'in-progress' | 'picked';

/** An order to pick, with what each line needs: product, location and quantity. */
export interface PickOrder {
  id: string;
  number: string;
  customer: string;
  lines: PickOrderLine[];
}

export interface PickOrderLine {
  lineId: string;
  productCode: string;
  productName: string;
  /** The barcode to show the picker (GTIN-14 or internal code), when the product has one. */
  barcode: string | null;
  location: Location;
  /** In the product's unit: pieces, or grams for a product sold by weight (`unit` g). */
  quantity: number;
  /** The product's unit (catalog `unit`): `g` for a product sold by weight. Absent in states saved before it was kept. */
  unit?: string;
  /** What the books hold of the product in that bin (all lots), when known: a pick that takes it all asks whether the bin is empty. */
  stockAtLocation?: number | null;
  /**
   * The bin the order named holds a suspect quantity of the product (a short pick found it empty,
   * not counted since): `moved`, the line was routed to `location`, another bin with stock; not
   * moved, no other bin has any and the line stays there.
   */
  suspectBin?: { location: string; moved: boolean } | null;
}
