import type { Knex } from 'knex';
import { rejected, type Handler } from './erp-adapter.js';
import { orderStatus } from './store/documents-repo.js';
import { floorRecords, insertFloorRecord } from './store/floor-records-repo.js';

/**
 * The weight checks that failed at the pack stations (table `weight_check_failures`), whichever
 * ERP is behind the hub: a floor record for the figures and the supervisors, nothing is booked at
 * the ERP. Each is recorded under its event's id (unique), in the transaction of its outcome: an
 * event is applied once.
 */

/** `weight.check.failed`: rejected for an order the hub does not know. */
export const weightCheckFailed: Handler<'weight.check.failed'> = async (trx, p, event) => {
  if (!(await orderStatus(trx, p.orderId))) return rejected(`unknown order ${p.orderId}`);
  await insertFloorRecord(trx, 'weight_check_failures', {
    event_id: event.id,
    order_id: p.orderId,
    parcel_no: p.parcelNo,
    box: p.box,
    measured: `${p.measured.value} ${p.measured.unit}`,
    weight_source: p.weightSource,
    expected: String(p.expectedGrams),
    tolerance: String(p.toleranceGrams),
    difference: String(p.differenceGrams),
    reason: p.reason,
    missing_weights: JSON.stringify(p.missingWeights),
    station: event.station,
    operator: event.operator,
    at: event.at,
  });
  return { status: 'accepted' };
};

/** One failed weight check of an order's parcel, as `quai hub inspect` shows it. */
export interface FailedWeightCheck {
  parcelNo: number;
  box: string;
  /** "value unit", as weighed or typed. */
  measured: string;
  weightSource: 'scale' | 'manual';
  /** What the parcel should have weighed ± the tolerance, and measured − expected (signed), in g. */
  expectedGrams: number;
  toleranceGrams: number;
  differenceGrams: number;
  reason: string;
  missingWeights: string[];
  station: string;
  operator: string | null;
  at: string;
}

/** Every order's failed weight checks, oldest first, by order id. */
export async function failedWeightChecks(db: Knex): Promise<Map<string, FailedWeightCheck[]>> {
  const checks = new Map<string, FailedWeightCheck[]>();
  for (const r of await floorRecords(db, 'weight_check_failures')) {
    const list = checks.get(r.order_id) ?? [];
    list.push({
      parcelNo: Number(r.parcel_no),
      box: r.box,
      measured: r.measured,
      weightSource: r.weight_source,
      expectedGrams: Number(r.expected),
      toleranceGrams: Number(r.tolerance),
      differenceGrams: Number(r.difference),
      reason: r.reason,
      missingWeights: JSON.parse(r.missing_weights) as string[],
      station: r.station,
      operator: r.operator ?? null,
      at: r.at,
    });
    checks.set(r.order_id, list);
  }
  return checks;
}
