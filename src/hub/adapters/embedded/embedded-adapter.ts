import type { Knex } from 'knex';
import type { z } from 'zod';
import { eventPayloads } from '../../../protocol/sync-events.js';
import type { UpstreamEvent } from '../../../protocol/sync-events.js';
import type { ApplyOutcome, ErpAdapter } from '../../erp-adapter.js';
import { bumpStreamVersion } from '../../hub-store.js';

const rejected = (reason: string): ApplyOutcome => ({ status: 'rejected', reason });

interface LineRow {
  order_id: string;
  line_id: string;
  product_code: string;
  quantity: number;
  status: string;
}

type LinePayload = { orderId: string; lineId: string; productCode: string };

/** The order line an event settles, or why it cannot. */
async function openLine(trx: Knex.Transaction, payload: LinePayload): Promise<{ line: LineRow } | { refusal: ApplyOutcome }> {
  const line: LineRow | undefined = await trx('order_lines').where({ order_id: payload.orderId, line_id: payload.lineId }).first();
  if (!line) return { refusal: rejected(`order ${payload.orderId} has no line ${payload.lineId}`) };
  if (line.product_code !== payload.productCode) {
    return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is for ${line.product_code}, not ${payload.productCode}`) };
  }
  if (line.status !== 'open') return { refusal: rejected(`line ${payload.lineId} of ${payload.orderId} is already ${line.status}`) };
  return { line };
}

/** When no line is left open, the order is picked: a new work version tells every agent. */
async function closeOrderIfSettled(trx: Knex.Transaction, orderId: string, now: Date): Promise<ApplyOutcome> {
  const [open] = await trx('order_lines').where({ order_id: orderId, status: 'open' }).count({ n: '*' });
  if (Number(open?.n ?? 0) > 0) return { status: 'accepted' };
  const version = await bumpStreamVersion(trx, 'work');
  await trx('orders').where({ id: orderId }).update({ status: 'picked', picked_at: now.toISOString(), version });
  return { status: 'accepted', changed: ['work'] };
}

async function linePicked(trx: Knex.Transaction, payload: z.infer<(typeof eventPayloads)['pick.line.picked']>, now: Date): Promise<ApplyOutcome> {
  const found = await openLine(trx, payload);
  if ('refusal' in found) return found.refusal;
  const row = found.line;
  if (payload.quantity > row.quantity) return rejected(`over-pick: ${payload.quantity} picked for ${row.quantity} ordered`);
  await trx('order_lines')
    .where({ order_id: row.order_id, line_id: row.line_id })
    .update({ picked: payload.quantity, status: 'picked', lots: JSON.stringify(payload.lots) });
  return closeOrderIfSettled(trx, row.order_id, now);
}

async function pickShort(trx: Knex.Transaction, payload: z.infer<(typeof eventPayloads)['pick.short']>, now: Date): Promise<ApplyOutcome> {
  const found = await openLine(trx, payload);
  if ('refusal' in found) return found.refusal;
  const row = found.line;
  if (payload.picked + payload.short !== row.quantity) return rejected(`short pick does not add up: ${payload.picked} + ${payload.short} ≠ ${row.quantity}`);
  await trx('order_lines')
    .where({ order_id: row.order_id, line_id: row.line_id })
    .update({ picked: payload.picked, short: payload.short, short_reason: payload.reason, status: 'short', lots: JSON.stringify(payload.lots) });
  return closeOrderIfSettled(trx, row.order_id, now);
}

/** The embedded reference ERP: applies floor events to the hub's own documents. */
export const embeddedAdapter: ErpAdapter = {
  name: 'embedded',
  async apply(trx, event: UpstreamEvent, now) {
    switch (event.type) {
      case 'pick.line.picked': {
        const payload = eventPayloads['pick.line.picked'].safeParse(event.payload);
        return payload.success ? linePicked(trx, payload.data, now) : rejected(`invalid payload: ${payload.error.issues[0]?.message}`);
      }
      case 'pick.short': {
        const payload = eventPayloads['pick.short'].safeParse(event.payload);
        return payload.success ? pickShort(trx, payload.data, now) : rejected(`invalid payload: ${payload.error.issues[0]?.message}`);
      }
    }
  },
};
