import type { StationIntent, StationState } from '../domain/workflows/station.js';
import type { ClientIntent } from '../protocol/local-api.js';
import { pinMatches } from '../runtime/pin-hash.js';
import { loadPackOrder } from './pack-order-loader.js';
import { loadPickOrder } from './pick-order-loader.js';
import { resolveScan } from './scan-resolver.js';
import type { AgentStore } from './store/agent-store.js';
import type { LocalOrderStatus, StoredOrder } from './store/orders-repo.js';

export interface ResolveContext {
  store: AgentStore;
  station: string;
  now: Date;
  /** Allots the next parcel's SSCC. */
  nextSscc: () => Promise<string>;
}

/**
 * A terminal's request becomes a domain intent here, after the look-ups the pure reducers
 * cannot do: who the badge belongs to, which order a number names, what a barcode is, whether
 * a supervisor's PIN is right.
 */
export async function resolveIntent(ctx: ResolveContext, state: StationState, intent: ClientIntent): Promise<StationIntent> {
  const { store } = ctx;
  switch (intent.type) {
    case 'input':
      return resolveInput(ctx, state, intent.data);
    case 'open-order':
      return openPickOrder(ctx, intent.orderId);
    case 'open-pack-order':
      return openPackOrder(ctx, intent.orderId);
    case 'box': {
      const box = await store.catalog.boxTypeByCode(intent.code);
      return { type: 'box', box: box ?? null, ref: intent.code };
    }
    case 'override': {
      const supervisor = await store.catalog.operatorByCodeOrBadge(intent.supervisor);
      const isSupervisor = supervisor?.role === 'supervisor';
      const pinOk = isSupervisor && pinMatches(intent.pin, await store.catalog.pinHashOf(supervisor.code));
      return { type: 'override', supervisor: isSupervisor ? supervisor.code : null, pinOk, reason: intent.reason };
    }
    case 'sign-out':
    case 'menu':
    case 'back':
    case 'quantity':
    case 'postpone':
    case 'short':
    case 'finish':
    case 'close-box':
    case 'recheck':
    case 'reweigh':
    case 'carrier':
      return intent;
  }
}

/** Scanned or typed text means what the screen is asking for. */
async function resolveInput(ctx: ResolveContext, state: StationState, data: string): Promise<StationIntent> {
  const { store } = ctx;
  if (state.screen === 'signin' || !state.operator) {
    const operator = await store.catalog.operatorByCodeOrBadge(data);
    return { type: 'sign-in', entered: data, operator: operator ? { code: operator.code, name: operator.name } : null };
  }
  if (state.screen === 'pick-orders') return openPickOrder(ctx, data.trim());
  if (state.screen === 'pack-orders') return openPackOrder(ctx, data.trim());
  if (state.screen === 'pack' && state.pack?.phase === 'box') {
    const box = await store.catalog.boxTypeByCode(data.trim().toUpperCase());
    return { type: 'box', box: box ?? null, ref: data.trim() };
  }
  if (state.screen === 'pack' && state.pack?.phase === 'carrier') return { type: 'tracking', tracking: data.trim(), sscc: await ctx.nextSscc() };
  return { type: 'scan', meaning: await resolveScan(store, data, ctx.now) };
}

/** An order is offered to one station at a time: free, or already this station's. */
function available(order: StoredOrder, station: string, free: LocalOrderStatus, taken: LocalOrderStatus): boolean {
  if (order.hubStatus === 'cancelled') return false;
  return order.localStatus === free || (order.localStatus === taken && order.station === station);
}

async function openPickOrder(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  const order = await ctx.store.orders.find(ref);
  if (!order) return { type: 'open-order', ref, order: null, refusal: 'unknown' };
  const pickOrder = available(order, ctx.station, 'open', 'in-progress') && order.hubStatus === 'open' ? await loadPickOrder(ctx.store, order) : undefined;
  return pickOrder ? { type: 'open-order', ref: order.number, order: pickOrder } : { type: 'open-order', ref: order.number, order: null, refusal: 'not-available' };
}

async function openPackOrder(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  const order = await ctx.store.orders.find(ref);
  if (!order) return { type: 'open-pack-order', ref, order: null, refusal: 'unknown' };
  const packOrder = available(order, ctx.station, 'picked', 'packing') ? await loadPackOrder(ctx.store, order) : undefined;
  return packOrder ? { type: 'open-pack-order', ref: order.number, order: packOrder } : { type: 'open-pack-order', ref: order.number, order: null, refusal: 'not-available' };
}
