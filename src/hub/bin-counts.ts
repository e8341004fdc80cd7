import type { Knex } from 'knex';
import type { UpstreamEvent } from '../protocol/sync-events.js';
import type { Payload } from './erp-adapter.js';
import { bumpStreamVersion } from './store/hub-store.js';
import { countTask, countTaskIdsLike, insertCountTask, openBinTaskId } from './store/documents-repo.js';
import { floorRecords, insertCountCause } from './store/floor-records-repo.js';

/**
 * Counts the floor asks for, whatever the ERP: a short pick that found a bin empty (or its product
 * not there) needs that bin counted. The task is the ERP's (embedded: a row of its own; Tryton: a
 * draft inventory of the bin, see tryton-counting.ts); the hub keeps why it was raised.
 */

/** Why a count task was raised: the short pick behind it. */
export interface CountCause {
  kind: 'short-pick';
  reason: string;
  orderId: string;
  lineId: string;
  productCode: string;
  location: string;
  station: string;
  operator: string | null;
  at: string;
  eventId: string;
}

/** The open count task of a bin (scope location), if there is one. */
export async function openBinTask(trx: Knex.Transaction, bin: string): Promise<string | undefined> {
  return openBinTaskId(trx, bin);
}

/** Makes the count task of a bin, open, for the agents' work stream (a task the hub already has is left as it is). */
export async function addBinTask(trx: Knex.Transaction, id: string, bin: string): Promise<void> {
  if (await countTask(trx, id)) return;
  await insertCountTask(trx, { id, scope: 'location', target: bin, status: 'open', version: await bumpStreamVersion(trx, 'work') });
}

/** The embedded ERP's next task id: after the highest `INV-n` it has. */
export async function nextTaskId(trx: Knex.Transaction): Promise<string> {
  const ids = await countTaskIdsLike(trx, 'INV-');
  const highest = Math.max(3000, ...ids.map((id) => Number(/^INV-(\d+)$/.exec(id)?.[1] ?? 0)));
  return `INV-${highest + 1}`;
}

/** Records the short pick as a cause of the task (once per event). */
export async function recordCountCause(trx: Knex.Transaction, taskId: string, p: Payload<'pick.short'>, event: UpstreamEvent): Promise<void> {
  await insertCountCause(trx, { task_id: taskId, event_id: event.id, kind: 'short-pick', reason: p.reason, order_id: p.orderId, line_id: p.lineId, product_code: p.productCode, location: p.location, station: event.station, operator: event.operator, at: event.at });
}

/** Every task's causes, by task id, oldest first. */
export async function countCauses(db: Knex): Promise<Map<string, CountCause[]>> {
  const rows = await floorRecords(db, 'count_task_causes');
  const byTask = new Map<string, CountCause[]>();
  for (const r of rows) {
    const cause: CountCause = { kind: r.kind, reason: r.reason, orderId: r.order_id, lineId: r.line_id, productCode: r.product_code, location: r.location, station: r.station, operator: r.operator ?? null, at: r.at, eventId: r.event_id };
    byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), cause]);
  }
  return byTask;
}
