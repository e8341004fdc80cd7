import type { Knex } from 'knex';

/**
 * What the hub keeps of the floor's events whichever ERP is behind it, one table each: parcels,
 * supervisors' overrides and approvals, reception discrepancies, scans undone, data problems,
 * purchase requests, why a count task was raised, totes bound to orders. Instants are the
 * events' (`at`, ISO 8601); JSON columns are named so.
 */

/** A parcel packed (table `parcels`): `weight`, `weight_approval` and `items` JSON; `expected`, `tolerance` grams as text. */
export interface ParcelRow {
  order_id: string;
  parcel_no: number;
  sscc: string;
  box: string;
  weight: string;
  weight_source: 'scale' | 'manual';
  weight_approval: string | null;
  expected: string;
  tolerance: string;
  carrier: string;
  tracking: string;
  items: string;
  packed_at: string;
}

/** A weight a supervisor let through (`detail` JSON: measured, expected, tolerance, note, station, operator). */
export interface WeightOverrideRow {
  order_id: string;
  parcel_no: number;
  supervisor: string;
  reason: string;
  detail: string;
  at: string;
}

/** A weight check that failed at a pack station (`measured` "value unit"; grams as text; `missing_weights` JSON: products without a weight). */
export interface WeightCheckFailureRow {
  event_id: string;
  order_id: string;
  parcel_no: number;
  box: string;
  measured: string;
  weight_source: 'scale' | 'manual';
  expected: string;
  tolerance: string;
  difference: string;
  reason: string;
  missing_weights: string;
  station: string;
  operator: string | null;
  at: string;
}

/** Who let a station go past a check, why, and where and when it was asked. */
export interface SupervisorApproval {
  supervisor: string;
  reason: string;
  note: string | null;
  station: string;
  operator: string | null;
  at: string;
}

/** A lot a supervisor let be picked although the agent did not know it in the bin (`known` JSON: the bin's lots then). */
export interface LotOverrideRow extends SupervisorApproval {
  event_id: string;
  order_id: string;
  line_id: string;
  product_code: string;
  location: string;
  lot: string;
  expiry: string | null;
  known: string;
}

/** A scan taken back before its line was confirmed. */
export interface ScanUndoRow {
  event_id: string;
  workflow: string;
  document: string | null;
  product_code: string;
  location: string | null;
  lot: string | null;
  quantity: number;
  station: string;
  operator: string | null;
  at: string;
}

/** A problem with a product's data, reported from a station. */
export interface DataProblemRow {
  product_code: string;
  problem: string;
  reported_by: string;
  at: string;
}

/** A reception's discrepancy (over, short, damaged, unexpected...). */
export interface ReceiptDiscrepancyRow {
  receipt: string;
  kind: string;
  product_code: string;
  quantity: number;
  expected: number;
  reason: string | null;
  lot: string | null;
  expiry: string | null;
  at: string;
}

/** A supervisor's approval of a put-away (`over-receipt`, `putaway`). */
export interface ReceiptApprovalRow extends SupervisorApproval {
  event_id: string;
  receipt: string;
  kind: string;
  product_code: string;
  quantity: number;
  location: string;
  suggested: string | null;
}

/** A replenishment asked on the floor, for the buyer (`last_price_cents`: the product's then). */
export interface PurchaseRequestRow {
  product_code: string;
  quantity: number;
  last_price_cents: number | null;
  note: string;
  location: string | null;
  requested_by: string | null;
  station: string;
  status: string;
  at: string;
}

/** A short pick that raised a count task (one per event). */
export interface CountCauseRow {
  task_id: string;
  event_id: string;
  /** The only cause recorded so far. */
  kind: 'short-pick';
  reason: string;
  order_id: string;
  line_id: string;
  product_code: string;
  location: string;
  station: string;
  operator: string | null;
  at: string;
}

/** An order bound to a tote (cluster picking), until released (`released_at` null while bound). */
export interface ToteBindingRow {
  order_id: string;
  tote: string;
  cart: string;
  position: number;
  assigned_event: string;
  station: string;
  operator: string | null;
  assigned_at: string;
  released_event: string | null;
  released_at: string | null;
  release_reason: string | null;
  released_by: string | null;
}

/** The record tables kept in the order they are written (an `id` each), with their rows. */
export interface FloorRecordTables {
  weight_overrides: WeightOverrideRow;
  weight_check_failures: WeightCheckFailureRow;
  lot_overrides: LotOverrideRow;
  scan_undos: ScanUndoRow;
  data_problems: DataProblemRow;
  receipt_discrepancies: ReceiptDiscrepancyRow;
  receipt_approvals: ReceiptApprovalRow;
  purchase_requests: PurchaseRequestRow;
  count_task_causes: CountCauseRow;
  order_totes: ToteBindingRow;
}

export type FloorRecordTable = keyof FloorRecordTables;

/** Adds a record to one of the record tables. */
export async function insertFloorRecord<T extends FloorRecordTable>(trx: Knex.Transaction, table: T, row: FloorRecordTables[T]): Promise<void> {
  await trx(table).insert(row);
}

/** Every record of a record table, oldest first. */
export async function floorRecords<T extends FloorRecordTable>(db: Knex, table: T): Promise<(FloorRecordTables[T] & { id: number })[]> {
  return db(table).orderBy('id');
}

/** Records a short pick as the cause of a count task; an event recorded already changes nothing. */
export async function insertCountCause(trx: Knex.Transaction, row: CountCauseRow): Promise<void> {
  await trx('count_task_causes').insert(row).onConflict('event_id').ignore();
}

/** The SSCC of an order's parcel, undefined when that parcel was not packed. */
export async function parcelSscc(db: Knex, orderId: string, parcelNo: number): Promise<string | undefined> {
  const row: Pick<ParcelRow, 'sscc'> | undefined = await db('parcels').where({ order_id: orderId, parcel_no: parcelNo }).first('sscc');
  return row?.sscc;
}

/** The numbers of an order's parcels packed. */
export async function parcelNumbers(db: Knex, orderId: string): Promise<number[]> {
  const rows: Pick<ParcelRow, 'parcel_no'>[] = await db('parcels').where({ order_id: orderId }).select('parcel_no');
  return rows.map((r) => Number(r.parcel_no));
}

/** Adds a parcel packed. */
export async function insertParcel(trx: Knex.Transaction, row: ParcelRow): Promise<void> {
  await trx('parcels').insert(row);
}

/** Every parcel, by order and number. */
export async function allParcels(db: Knex): Promise<ParcelRow[]> {
  return db('parcels').orderBy(['order_id', 'parcel_no']);
}

/** Whether a tote binding was made by this `tote.assigned` event. */
export async function toteBindingOfEvent(db: Knex, eventId: string): Promise<boolean> {
  return (await db('order_totes').where({ assigned_event: eventId }).first('id')) !== undefined;
}

/** Whether an order's binding to a tote is open (not released). */
export async function toteBindingOpen(db: Knex, orderId: string, tote: string): Promise<boolean> {
  return (await db('order_totes').where({ order_id: orderId, tote }).whereNull('released_at').first('id')) !== undefined;
}

/** Releases an order's open bindings to totes other than `tote` (reason `reassigned`, at `at` ISO). */
export async function releaseOtherTotes(trx: Knex.Transaction, orderId: string, tote: string, at: string): Promise<void> {
  await trx('order_totes').where({ order_id: orderId }).whereNull('released_at').whereNot({ tote }).update({ released_event: null, released_at: at, release_reason: 'reassigned', released_by: null });
}

/** Releases an order's open binding to `tote`; a tote the order is not in changes nothing. */
export async function releaseTote(trx: Knex.Transaction, orderId: string, tote: string, release: Pick<ToteBindingRow, 'released_event' | 'released_at' | 'release_reason' | 'released_by'>): Promise<void> {
  await trx('order_totes').where({ order_id: orderId, tote }).whereNull('released_at').update(release);
}
