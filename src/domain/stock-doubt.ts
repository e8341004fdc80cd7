import type { DomainEvent, ShortReason } from './events.js';
import type { Location } from './catalog.js';
import { compareWalkingOrder } from './location-walk.js';

/**
 * Ghost stock: a bin the books say holds a product, where the picker found none. Such a bin's
 * quantity of that product is suspect until someone counts it: no pick is sent there meanwhile,
 * and the hub raises a count of the bin (issue 14, item 2).
 */

/** The short reasons that say the bin does not hold what the books say (damaged or too few units say nothing of the rest). */
export const DOUBTING_SHORT_REASONS: readonly ShortReason[] = ['empty-location', 'not-found'];

export const doubtsBin = (reason: ShortReason): boolean => DOUBTING_SHORT_REASONS.includes(reason);

export interface BinDoubt {
  productCode: string;
  location: string;
  reason: ShortReason;
}

export interface BinProduct {
  productCode: string;
  location: string;
}

/** The bins a batch of events makes suspect: those of its short picks for a doubting reason. */
export function doubtsRaisedBy(events: DomainEvent[]): BinDoubt[] {
  return events.flatMap((e) => (e.type === 'pick.short' && doubtsBin(e.payload.reason) ? [{ productCode: e.payload.productCode, location: e.payload.location, reason: e.payload.reason }] : []));
}

/** The bins a batch of events settles: every count of a product in a bin (a count task's line, an ad-hoc count, a pick's empty-bin check). */
export function doubtsSettledBy(events: DomainEvent[]): BinProduct[] {
  return events.flatMap((e) => (e.type === 'count.line.counted' ? [{ productCode: e.payload.productCode, location: e.payload.location }] : []));
}

export interface BinStock {
  location: Location;
  /** What the books hold of the product there (all lots). */
  quantity: number;
}

/**
 * Where to pick a line whose bin is suspect: the first bin in walking order holding the whole
 * quantity, else the bin holding the most; null when no other bin holds any. `bins` are the
 * product's other bins, none of them suspect.
 */
export function otherBin(quantity: number, bins: BinStock[]): BinStock | null {
  const stocked = bins.filter((b) => b.quantity > 0).sort((a, b) => compareWalkingOrder(a.location, b.location));
  return stocked.find((b) => b.quantity >= quantity) ?? stocked.sort((a, b) => b.quantity - a.quantity)[0] ?? null;
}
