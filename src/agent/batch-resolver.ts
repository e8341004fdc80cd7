import { chooseBatch, type BatchCandidate } from '../domain/batch-choice.js';
import type { PickOrder } from '../domain/order.js';
import type { ToteScan } from '../domain/workflows/batch-pick.js';
import type { StationIntent } from '../domain/workflows/station.js';
import { loadPickOrder } from './pick-order-loader.js';
import type { AgentStore } from './store/agent-store.js';

/** The site's carts and totes (agent configuration `picking.carts`, `picking.totePrefix`). */
export interface BatchSettings {
  carts: readonly { prefix: string; positions: number }[];
  totePrefix: string;
}

/** Open orders weighed for a cart: the most a batch choice looks at. */
const CANDIDATES_LIMIT = 500;

/** The longest internal code the protocols carry (quai-sync/1 `code`): a longer cart or tote label is none. */
const CODE_MAX = 64;

/** The cart type of a cart code: the longest prefix it starts with, compared without case; undefined when none. */
export function cartPositions(settings: BatchSettings, cart: string): number | undefined {
  const code = cart.toUpperCase();
  if (code.length > CODE_MAX) return undefined;
  const types = settings.carts.filter((t) => code.startsWith(t.prefix.toUpperCase()) && code.length > t.prefix.length);
  return types.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.positions;
}

/** Whether scanned text is a tote label (it starts with the site's tote prefix, compared without case). */
export function isToteCode(settings: BatchSettings, text: string): boolean {
  const code = text.trim().toUpperCase();
  return code.startsWith(settings.totePrefix.toUpperCase()) && code.length > settings.totePrefix.length && code.length <= CODE_MAX;
}

/**
 * The cart scanned at a station: its positions from its type, and the orders chosen for it among
 * the open ones no station holds (batch-choice.ts), ready to pick. An order the catalog cannot
 * serve yet (a product or bin unknown) is left for a later cart.
 */
export async function startBatchIntent(store: AgentStore, settings: BatchSettings, station: string, scanned: string): Promise<StationIntent> {
  const cart = scanned.trim().toUpperCase();
  const positions = cartPositions(settings, cart);
  if (positions === undefined) return { type: 'batch-start', cart, positions: null, orders: [] };
  const open = (await store.orders.listOpen(CANDIDATES_LIMIT)).filter((o) => o.hubStatus === 'open');
  const locations = await store.catalog.locationsByCode([...new Set(open.flatMap((o) => o.lines.map((l) => l.locationCode)))]);
  const candidates: BatchCandidate[] = open.map((o) => ({
    id: o.id,
    number: o.number,
    priority: o.priority,
    shipBy: o.shipBy,
    carrier: o.carrier,
    heldBy: o.station,
    locations: o.lines.flatMap((l) => locations.get(l.locationCode) ?? []),
  }));
  const byId = new Map(open.map((o) => [o.id, o]));
  const orders: PickOrder[] = [];
  for (const chosen of chooseBatch(candidates, positions, station)) {
    const order = await loadPickOrder(store, byId.get(chosen.id)!);
    if (order) orders.push(order);
  }
  return { type: 'batch-start', cart, positions, orders };
}

/**
 * A tote label scanned on a cart: with the open order (of any station) it is still bound to, if
 * any, and whether that order is still being picked on its cart (then no one may take the tote).
 */
export async function toteScan(store: AgentStore, text: string): Promise<ToteScan> {
  const code = text.trim().toUpperCase();
  const bound = await store.totes.byCode(code);
  if (!bound) return { type: 'tote', code, heldBy: null };
  const order = await store.orders.find(bound.orderId);
  // a tote whose order is gone (shipped, cancelled) without its release reaching here holds nothing
  const open = order && order.hubStatus !== 'cancelled' && order.localStatus !== 'shipped' && order.localStatus !== 'cancelled';
  if (!open) return { type: 'tote', code, heldBy: null, stale: { orderId: bound.orderId } };
  return { type: 'tote', code, heldBy: { orderId: bound.orderId, orderNumber: bound.orderNumber, onCart: order.localStatus === 'in-progress' } };
}
