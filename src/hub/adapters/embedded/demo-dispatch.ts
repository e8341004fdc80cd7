/**
 * How the demo's orders leave the warehouse: priority, cut-off and carrier, what a batch is chosen
 * by (cluster picking). Given by each order's rank, never by a random draw, so the demo's orders,
 * lines and stock stay what they were; ties are common on purpose (three cut-offs, three carriers),
 * as on a real floor where most orders leave with the same truck.
 */

/** The demo's shipping day: its cut-offs are that day's truck departures (UTC). */
export const DEMO_SHIP_DAY = '2026-12-01';
const CUT_OFFS = ['11:00', '14:00', '16:30'] as const;
export const DEMO_CARRIERS = ['colissimo', 'chronopost', 'dpd'] as const;

export interface OrderDispatch {
  /** Higher goes first; 0 for most. */
  priority: number;
  /** ISO 8601 datetime (UTC), or null: the ERP gave no cut-off. */
  shipBy: string | null;
  carrier: string | null;
}

/**
 * The dispatch of the demo's order of rank `index` (0 for CMD-1001): every sixth from the second
 * (CMD-1002, CMD-1008, …) is urgent (priority 1); every eighth (CMD-1008, CMD-1016, …) has no
 * cut-off; the others leave at 11:00, 14:00 or 16:30 by pairs of ranks; the carrier goes
 * colissimo, chronopost, dpd by rank, and every seventh (CMD-1007, …) names none.
 */
export function demoDispatch(index: number): OrderDispatch {
  return {
    priority: index % 6 === 1 ? 1 : 0,
    shipBy: index % 8 === 7 ? null : `${DEMO_SHIP_DAY}T${CUT_OFFS[Math.floor(index / 2) % CUT_OFFS.length]}:00Z`,
    carrier: index % 7 === 6 ? null : DEMO_CARRIERS[index % DEMO_CARRIERS.length]!,
  };
}
