/** An order to pack: what was picked, with what the weight check needs. */
export interface PackOrder {
  id: string;
  number: string;
  customer: string;
  address: string;
  items: PackOrderItem[];
  /** The tote holding the order's picked units (cluster picking), null when it is in none. */
  tote?: string | null;
}

export interface PackOrderItem {
  productCode: string;
  productName: string;
  /** Units picked, to be packed. */
  quantity: number;
  /** Units ordered: more than picked when the picker was short, which the packer must see. */
  ordered: number;
  weightGrams: number | null;
  family: string;
}
