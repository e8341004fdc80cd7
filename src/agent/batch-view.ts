import { batchProgress, slotDone, stopPick, toteFor, type BatchState } from '../domain/workflows/batch-pick.js';
import { pickUndo } from '../domain/workflows/pick.js';
import type { StationView } from '../protocol/local-api.js';
import { pickLineView, pickLotsView } from './pick-line-view.js';
import type { AgentStore } from './store/agent-store.js';

/** The `batch` view (docs/protocol.md): the cart's orders by position, the stop under way, the put waiting for its tote. */
export async function batchView(store: AgentStore, batch: BatchState | null): Promise<StationView> {
  if (!batch) {
    return { screen: 'batch', phase: 'cart', cart: null, slots: [], toteFor: null, toteRefused: null, line: null, put: null, emptyCheck: null, suspectBin: null, progress: { settled: 0, total: 0, postponed: 0 }, lastShort: null, undo: null, lots: null };
  }
  const at = stopPick(batch);
  const slotOf = (position: number) => batch.slots.find((s) => s.position === position)!;
  const put = batch.put ? { ...batch.put, slot: slotOf(batch.put.position) } : null;
  const check = batch.phase === 'empty-check' && at ? at.pick.emptyCheck : null;
  return {
    screen: 'batch',
    phase: batch.phase,
    cart: batch.cart,
    slots: batch.slots.map((slot) => ({
      position: slot.position,
      tote: slot.tote,
      order: { id: slot.pick.orderId, number: slot.pick.orderNumber, customer: slot.pick.customer },
      lines: slot.pick.lines.length,
      settled: slot.pick.lines.filter((l) => l.status === 'picked' || l.status === 'short').length,
      short: slot.pick.lines.filter((l) => l.status === 'short').length,
      status: slot.tote === null ? 'tote' : slotDone(batch, slot) ? 'done' : 'picking',
    })),
    toteFor: toteFor(batch)?.position ?? null,
    toteRefused: batch.toteRefused ? { tote: batch.toteRefused.tote, order: batch.toteRefused.order } : null,
    line: at ? { ...pickLineView(at.stop.line), position: at.stop.position, orderNumber: slotOf(at.stop.position).pick.orderNumber } : null,
    put: put ? { position: put.position, tote: put.slot.tote ?? '', orderNumber: put.slot.pick.orderNumber, quantity: put.quantity } : null,
    emptyCheck: check ? { location: check.location, productCode: check.productCode } : null,
    suspectBin: at?.stop.line.suspectBin ?? null,
    progress: batchProgress(batch),
    lastShort: batch.lastShort?.productCode ?? null,
    undo: at ? pickUndo(at.pick) : null,
    lots: at ? await pickLotsView(store, at.pick, at.stop.line) : null,
  };
}
