import { currentLine, pickProgress } from '../domain/workflows/pick.js';
import type { StationState } from '../domain/workflows/station.js';
import type { StationView } from '../protocol/local-api.js';
import type { AgentStore } from './store/agent-store.js';

/** Orders listed on the order-choice screen; the rest are reached by scanning their number. */
const ORDER_LIST_LIMIT = 50;

/** Projects a station's state (plus store look-ups) into the view its terminals render. */
export async function buildStationView(store: AgentStore, state: StationState): Promise<StationView> {
  switch (state.screen) {
    case 'signin':
      return { screen: 'signin' };
    case 'menu':
      return { screen: 'menu', pausedOrder: state.pick?.orderNumber ?? null };
    case 'pick-orders': {
      const orders = await store.orders.listOpen(ORDER_LIST_LIMIT);
      return {
        screen: 'pick-orders',
        orders: orders.map((o) => ({ id: o.id, number: o.number, customer: o.customer, lines: o.lines.length, units: o.lines.reduce((n, l) => n + l.quantity, 0) })),
      };
    }
    case 'pick': {
      const pick = state.pick;
      if (!pick) return { screen: 'menu', pausedOrder: null };
      const order = { id: pick.orderId, number: pick.orderNumber, customer: pick.customer };
      const line = currentLine(pick);
      if (pick.phase === 'done' || !line) {
        return {
          screen: 'pick-done',
          order,
          lines: pick.lines.map((l) => ({ productCode: l.productCode, productName: l.productName, picked: l.picked, quantity: l.quantity, status: l.status === 'short' ? 'short' : 'picked' })),
        };
      }
      return {
        screen: 'pick',
        order,
        phase: pick.phase,
        line: {
          lineId: line.lineId,
          location: line.location.code,
          productCode: line.productCode,
          productName: line.productName,
          barcode: line.barcode,
          quantity: line.quantity,
          picked: line.picked,
        },
        progress: { ...pickProgress(pick), postponed: pick.lines.filter((l) => l.status === 'postponed').length },
      };
    }
  }
}
