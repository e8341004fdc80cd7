import type { TrytonRpc } from './tryton-rpc.js';

/**
 * What a batch is chosen by (priority, cut-off, carrier), read from Tryton's customer shipments
 * (docs/operations.md, "Tryton"). Tryton has no priority: 0 for every shipment. The cut-off is the
 * shipment's `planned_date` (a day, no hour): that day at 00:00 UTC, so shipments planned for the
 * same day tie and an earlier day goes first. The carrier is the shipment's `carrier` (its name,
 * `rec_name`) only where a module adds that field (sale_shipment_cost, with carrier): without it, null.
 */

export interface ShipmentDispatch {
  planned_date?: string | null;
  'carrier.'?: { rec_name: string } | null;
}

/** The shipment fields to read for the dispatch: `carrier.rec_name` only when Tryton's model has a `carrier` field. */
export async function dispatchFields(rpc: TrytonRpc): Promise<string[]> {
  const fields = await rpc.call<Record<string, unknown>>('model.stock.shipment.out.fields_get', [['carrier']]);
  return ['planned_date', ...('carrier' in fields ? ['carrier.rec_name'] : [])];
}

/** The hub's order columns for a shipment read with `dispatchFields`. */
export function dispatchOf(shipment: ShipmentDispatch): { priority: number; ship_by: string | null; carrier: string | null } {
  return {
    priority: 0,
    ship_by: shipment.planned_date ? `${shipment.planned_date}T00:00:00Z` : null,
    carrier: shipment['carrier.']?.rec_name.slice(0, 64) ?? null,
  };
}
