/** Catalog entities shared by the agent, the hub and the TUI. Quantities are whole units. */
export interface Product {
  code: string;
  name: string;
  /** Unit of measure shown to operators, e.g. "pce", "kg". */
  unit: string;
  /** Unit weight in grams, null when the ERP has none (a data problem packing will flag). */
  weightGrams: number | null;
  /** Product family, for family-specific weight tolerances ('' when none). */
  family: string;
  /** Received with a lot and an expiry date, always. */
  lotTracked: boolean;
  /** Where it is stored: the first putaway suggestion. */
  homeLocation: string | null;
}

/** A weight tolerance: the larger of an absolute margin and a share of the expected weight. */
export interface ToleranceRule {
  absoluteGrams: number;
  percent: number;
}

/** A box or envelope a parcel is packed in. */
export interface BoxType {
  /** Also the code printed on the shelf label, scanned to choose it. */
  code: string;
  name: string;
  tareGrams: number;
  maxGrams: number;
  /** This box type's own tolerance, when it differs from the site's. */
  tolerance: ToleranceRule | null;
}

/** A barcode printed on a product or on one of its packagings (a carton of 12 adds 12). */
export interface ProductBarcode {
  /** GTIN-14 for GTINs, else the internal code as the ERP spells it (found whatever its case). */
  code: string;
  productCode: string;
  multiple: number;
}

export interface Location {
  code: string;
  zone: string;
  aisle: number;
  bay: number;
  level: number;
}

export type OperatorRole = 'operator' | 'supervisor';

export interface Operator {
  code: string;
  name: string;
  badge: string | null;
  role: OperatorRole;
}

export interface OperatorRef {
  code: string;
  name: string;
}
