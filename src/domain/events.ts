import { APPROVAL_REASONS, type ApprovalReason } from './approval.js';
import type { WeightCheckFailure } from './weight-check.js';

/** Upstream business events (quai-sync/1 intents), produced by reducers and sent by the outbox. */
export interface LotQuantity {
  lot: string | null;
  expiry: string | null;
  quantity: number;
}

export const SHORT_REASONS = ['empty-location', 'damaged', 'not-found', 'insufficient'] as const;
export type ShortReason = (typeof SHORT_REASONS)[number];

export interface PickLinePickedEvent {
  type: 'pick.line.picked';
  payload: { orderId: string; lineId: string; productCode: string; location: string; quantity: number; lots: LotQuantity[] };
}

export interface PickShortEvent {
  type: 'pick.short';
  payload: {
    orderId: string;
    lineId: string;
    productCode: string;
    location: string;
    picked: number;
    short: number;
    reason: ShortReason;
    lots: LotQuantity[];
  };
}

/**
 * A supervisor let a lot be picked that the agent did not know in the line's bin (a `lot`
 * approval): the lot, the lots the bin was known to hold, who approved it and why. The units
 * themselves come in the line's pick event, under that lot.
 */
export interface LotOverrideEvent {
  type: 'lot.override';
  payload: {
    orderId: string;
    lineId: string;
    productCode: string;
    location: string;
    lot: string;
    expiry: string | null;
    known: string[];
    supervisor: string;
    reason: Extract<ApprovalReason, (typeof APPROVAL_REASONS)['lot'][number]>;
    note: string | null;
  };
}

/** The reasons a parcel outside its weight tolerance may ship for (a `weight` approval). */
export const OVERRIDE_REASONS = APPROVAL_REASONS.weight;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

export interface WeightPayload {
  value: string;
  unit: string;
}

export interface ParcelPackedEvent {
  type: 'parcel.packed';
  payload: {
    orderId: string;
    parcelNo: number;
    box: string;
    weight: WeightPayload;
    /** `manual`: typed by the packer (a station without a scale, or its scale offline); else read from the scale. */
    weightSource: 'scale' | 'manual';
    /** The supervisor who let a weight be typed while the scale was offline; null otherwise. */
    weightApproval: { supervisor: string; reason: string; note: string | null } | null;
    expectedGrams: number;
    toleranceGrams: number;
    carrier: string;
    tracking: string;
    sscc: string;
    items: { productCode: string; quantity: number }[];
    overridden: boolean;
  };
}

export interface WeightOverrideEvent {
  type: 'weight.override';
  payload: {
    orderId: string;
    parcelNo: number;
    supervisor: string;
    reason: OverrideReason;
    measured: WeightPayload;
    expectedGrams: number;
    toleranceGrams: number;
    missingWeights: string[];
    /** What the supervisor typed: required with reason "other", else null. */
    note: string | null;
  };
}

/**
 * A parcel's weight check failed: once per weighing the packer made (the weigh step ending in a
 * failure, after a box was chosen or a "reweigh", or a weight typed), never for each load that
 * settles on the scale while the failure is shown. Kept at the hub for the floor's figures; no
 * ERP effect. `differenceGrams`: measured − expected, signed (g).
 */
export interface WeightCheckFailedEvent {
  type: 'weight.check.failed';
  payload: {
    orderId: string;
    /** The parcel being packed (its `parcel.packed` will carry the same number). */
    parcelNo: number;
    box: string;
    measured: WeightPayload;
    weightSource: 'scale' | 'manual';
    expectedGrams: number;
    toleranceGrams: number;
    differenceGrams: number;
    reason: WeightCheckFailure;
    /** Products in the parcel with no known weight (reason `missing-weight`), else empty. */
    missingWeights: string[];
  };
}

export interface ShipmentShippedEvent {
  type: 'shipment.shipped';
  payload: { orderId: string; parcels: { parcelNo: number; sscc: string; carrier: string; tracking: string }[] };
}

export interface ProductDataProblemEvent {
  type: 'product.data.problem';
  payload: { productCode: string; problem: 'weight-missing'; orderId: string };
}

export const DAMAGE_REASONS = ['crushed', 'wet', 'broken', 'other'] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];
export type DiscrepancyKind = 'over' | 'unexpected' | 'damaged' | 'short' | 'expired';

/** A supervisor's approval a put-away needed: units beyond the over-receipt tolerance, or a bin other than the one suggested. */
export interface ReceiptApproval {
  kind: 'over-receipt' | 'putaway';
  supervisor: string;
  reason: ApprovalReason;
  note: string | null;
}

export interface ReceiptLineReceivedEvent {
  type: 'receipt.line.received';
  /** `location` is the bin chosen, `suggested` the one proposed; `approvals` what the put-away needed (none within the rules). */
  payload: { receiptId: string | null; receipt: string; productCode: string; quantity: number; lot: string | null; expiry: string | null; location: string; suggested: string | null; approvals: ReceiptApproval[] };
}

export interface ReceiptDiscrepancyEvent {
  type: 'receipt.discrepancy';
  payload: { receiptId: string | null; receipt: string; kind: DiscrepancyKind; productCode: string; quantity: number; expected: number; reason: DamageReason | null; lot: string | null; expiry: string | null };
}

export interface ReceiptClosedEvent {
  type: 'receipt.closed';
  payload: { receiptId: string | null; receipt: string; lines: { productCode: string; ordered: number; received: number; damaged: number; missing: number }[] };
}

export interface CountLineCountedEvent {
  type: 'count.line.counted';
  payload: { taskId: string | null; location: string; productCode: string; lot: string | null; counted: number; expected: number; recounted: boolean; firstCount: number | null };
}

export interface CountClosedEvent {
  type: 'count.closed';
  payload: { taskId: string | null; lines: number; recounts: number };
}

export interface ReplenishmentRequestedEvent {
  type: 'replenishment.requested';
  payload: { productCode: string; quantity: number; note: string; location: string | null };
}

export type UndoWorkflow = 'pick' | 'receive' | 'count';

/**
 * The operator took back the last scan (or typed quantity) of a line not yet confirmed: the units
 * it had added are removed before anything was booked. Kept at the hub for the record; no ERP effect.
 */
export interface ScanUndoneEvent {
  type: 'scan.undone';
  payload: {
    workflow: UndoWorkflow;
    /** The order id (pick), the receipt number (receive), the count task id (count; null ad hoc). */
    document: string | null;
    productCode: string;
    /** The bin: the pick line's, or the bin being counted; null while receiving (not put away yet). */
    location: string | null;
    lot: string | null;
    /** Units removed, > 0. */
    quantity: number;
  };
}

/**
 * An order of a batch was bound to a tote on a cart (cluster picking): what is picked for it goes
 * into that tote, and a packing station opens the order by scanning the tote. Floor record, no ERP effect.
 */
export interface ToteAssignedEvent {
  type: 'tote.assigned';
  payload: { tote: string; orderId: string; orderNumber: string; cart: string; position: number };
}

/** Why a tote is free again: its order packed, a supervisor's release, its order closed or cancelled elsewhere, or done on the cart with nothing found. */
export const TOTE_RELEASE_REASONS = ['packed', 'supervisor', 'order-closed', 'nothing-picked'] as const;
export type ToteReleaseReason = (typeof TOTE_RELEASE_REASONS)[number];

/** A tote is free again; `supervisor`: who released it (reason `supervisor`), else null. Floor record, no ERP effect. */
export interface ToteReleasedEvent {
  type: 'tote.released';
  payload: { tote: string; orderId: string; reason: ToteReleaseReason; supervisor: string | null };
}

export type DomainEvent = ToteAssignedEvent | ToteReleasedEvent | ReceiptLineReceivedEvent | ReceiptDiscrepancyEvent | ReceiptClosedEvent | CountLineCountedEvent | CountClosedEvent | ReplenishmentRequestedEvent | PickLinePickedEvent | PickShortEvent | LotOverrideEvent | ParcelPackedEvent | WeightOverrideEvent | WeightCheckFailedEvent | ShipmentShippedEvent | ProductDataProblemEvent | ScanUndoneEvent;
export type DomainEventType = DomainEvent['type'];
