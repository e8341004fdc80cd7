import type { StationIntent, StationState } from '../domain/workflows/station.js';
import type { ClientIntent } from '../protocol/local-api.js';
import { loadPickOrder } from './pick-order-loader.js';
import { resolveScan } from './scan-resolver.js';
import type { AgentStore } from './store/agent-store.js';

/**
 * A terminal's request becomes a domain intent here, after the look-ups the pure reducers
 * cannot do: who the badge belongs to, which order a number names, what a barcode is.
 */
export async function resolveIntent(store: AgentStore, station: string, state: StationState, intent: ClientIntent, now: Date): Promise<StationIntent> {
  switch (intent.type) {
    case 'input':
      if (state.screen === 'signin' || !state.operator) {
        const operator = await store.catalog.operatorByCodeOrBadge(intent.data);
        return { type: 'sign-in', entered: intent.data, operator: operator ? { code: operator.code, name: operator.name } : null };
      }
      if (state.screen === 'pick-orders') return openOrder(store, station, intent.data.trim());
      return { type: 'scan', meaning: await resolveScan(store, intent.data, now) };
    case 'open-order':
      return openOrder(store, station, intent.orderId);
    case 'sign-out':
    case 'menu':
    case 'back':
    case 'quantity':
    case 'postpone':
    case 'short':
    case 'finish':
      return intent;
  }
}

async function openOrder(store: AgentStore, station: string, ref: string): Promise<StationIntent> {
  const order = await store.orders.find(ref);
  if (!order) return { type: 'open-order', ref, order: null, refusal: 'unknown' };
  const mine = order.localStatus === 'in-progress' && order.station === station;
  if (order.hubStatus !== 'open' || (order.localStatus !== 'open' && !mine)) {
    return { type: 'open-order', ref: order.number, order: null, refusal: 'not-available' };
  }
  const pickOrder = await loadPickOrder(store, order);
  if (!pickOrder) return { type: 'open-order', ref: order.number, order: null, refusal: 'not-available' };
  return { type: 'open-order', ref: order.number, order: pickOrder };
}
