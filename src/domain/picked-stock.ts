import type { DomainEvent } from './events.js';

/** Units taken out of a bin by a pick: `delta` is negative (units). */
export interface StockMove {
  location: string;
  productCode: string;
  delta: number;
}

/**
 * The stock that a station's events took out of bins: a line picked (its quantity) or short (what
 * was found). A count under way in that bin must hear of it, or its figure would overwrite the
 * pick when it is booked.
 */
export function pickedStock(events: readonly DomainEvent[]): StockMove[] {
  const moves: StockMove[] = [];
  for (const event of events) {
    if (event.type !== 'pick.line.picked' && event.type !== 'pick.short') continue;
    const picked = event.type === 'pick.line.picked' ? event.payload.quantity : event.payload.picked;
    if (picked > 0) moves.push({ location: event.payload.location, productCode: event.payload.productCode, delta: -picked });
  }
  return moves;
}
