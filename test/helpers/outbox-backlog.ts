import { AgentStore } from '../../src/agent/store/agent-store.js';

/**
 * Commits `count` replenishment requests (notes `chaos-1`…) to an agent's outbox, as stations
 * would have while the hub was out of reach, 1000 per transaction.
 */
export async function fillOutbox(agentDb: string, productCode: string, count: number): Promise<void> {
  const store = await AgentStore.open(agentDb);
  try {
    for (let from = 0; from < count; from += 1000) {
      await store.write(async (trx) => {
        const events = Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({
          type: 'replenishment.requested' as const,
          payload: { productCode, quantity: 1, note: `chaos-${from + i + 1}`, location: null },
        }));
        await store.outbox.append(trx, events, { at: '2026-11-22T10:00:00.000Z', operator: 'OP01', station: 'CHAOS' });
      });
    }
  } finally {
    await store.close();
  }
}
