import type { HeldDocument, ReleaseReason } from '../domain/workflows/release.js';
import type { AgentStore } from './store/agent-store.js';

/** Receipt statuses under which goods may still be received (the rest: received, closed, cancelled). */
const RECEIVABLE = new Set(['expected', 'receiving']);

/**
 * Why a station must let go of a document it holds unfinished, from what the agent's store says
 * now (the hub's work stream, this site's own progress): null while it may go on. An order
 * cancelled or shipped at the ERP, a receipt no longer receivable, a count task no longer open.
 * A document the store does not know (a blind receipt, an ad-hoc count, one swept) is never
 * released from here. Units: none; reads only.
 */
export async function releaseReason(store: AgentStore, doc: HeldDocument): Promise<ReleaseReason | null> {
  if (doc.id === null || doc.done) return null;
  switch (doc.kind) {
    case 'pick':
    case 'pack': {
      const order = await store.orders.find(doc.id);
      if (!order) return null;
      if (order.hubStatus === 'cancelled' || order.localStatus === 'cancelled') return 'cancelled';
      return order.hubStatus === 'shipped' || order.localStatus === 'shipped' ? 'closed' : null;
    }
    case 'receive': {
      const receipt = await store.workDocs.findReceipt(doc.id);
      if (!receipt || RECEIVABLE.has(receipt.status)) return null;
      return receipt.status === 'cancelled' ? 'cancelled' : 'closed';
    }
    case 'count': {
      const task = await store.workDocs.task(doc.id);
      if (!task || task.status === 'open') return null;
      return task.status === 'cancelled' ? 'cancelled' : 'closed';
    }
  }
}
