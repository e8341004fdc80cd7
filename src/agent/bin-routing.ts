import type { Location } from '../domain/catalog.js';
import type { PickOrderLine } from '../domain/order.js';
import { otherBin } from '../domain/stock-doubt.js';
import type { AgentStore } from './store/agent-store.js';
import { suspectKey } from './store/stock-repo.js';

/** Where `quantity` units of a product are picked instead of a suspect bin: another bin with stock, not suspect; null when none has any. */
async function binInsteadOf(store: AgentStore, productCode: string, quantity: number): Promise<Location | null> {
  const trusted = await store.stock.trustedBins(productCode);
  const bins = await store.catalog.locationsByCode(trusted.map((b) => b.location));
  return otherBin(quantity, trusted.flatMap((b) => (bins.has(b.location) ? [{ location: bins.get(b.location)!, quantity: b.quantity }] : [])))?.location ?? null;
}

/** The bin to pick a line from: the one the order names, unless its quantity is suspect and another bin holds stock (`suspectBin` says which way). */
export async function pickBinFor(store: AgentStore, productCode: string, named: Location, quantity: number): Promise<{ location: Location; suspectBin: PickOrderLine['suspectBin'] }> {
  const suspects = await store.stock.suspectsOf([productCode]);
  if (!suspects.has(suspectKey(productCode, named.code))) return { location: named, suspectBin: null };
  const instead = await binInsteadOf(store, productCode, quantity);
  return { location: instead ?? named, suspectBin: { location: named.code, moved: instead !== null } };
}

/**
 * Reservations (`product|bin` → units, from `orders.reservedAt`) as picks will take them: units an
 * order reserves in a suspect bin count in the bin its line will be routed to, when there is one.
 */
export async function routedReservations(store: AgentStore, reserved: Map<string, number>): Promise<Map<string, number>> {
  const suspects = await store.stock.suspectsOf([...new Set([...reserved.keys()].map((k) => k.split('|')[0]!))]);
  const routed = new Map<string, number>();
  for (const [key, units] of reserved) {
    const [productCode, bin] = key.split('|') as [string, string];
    const instead = suspects.has(suspectKey(productCode, bin)) ? await binInsteadOf(store, productCode, units) : null;
    const target = instead ? `${productCode}|${instead.code}` : key;
    routed.set(target, (routed.get(target) ?? 0) + units);
  }
  return routed;
}
