import { z } from 'zod';
import { APPROVAL_REASONS } from '../domain/approval.js';
import { DAMAGE_REASONS, OVERRIDE_REASONS, TOTE_RELEASE_REASONS } from '../domain/events.js';
import { WEIGHT_UNITS } from '../domain/weight.js';
import { WEIGHT_CHECK_FAILURES } from '../domain/weight-check.js';
import { code, lotQuantity, shortReason } from './common.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const weight = z.object({ value: z.string().regex(/^-?\d+(\.\d+)?$/), unit: z.enum(WEIGHT_UNITS) });

/** Upstream event payloads, one schema per event type; the hub refuses what does not match. */
export const eventPayloads = {
  'pick.line.picked': z.object({
    orderId: code,
    lineId: code,
    productCode: code,
    location: code,
    quantity: z.number().int().positive(),
    lots: z.array(lotQuantity).max(100),
  }),
  'pick.short': z.object({
    orderId: code,
    lineId: code,
    productCode: code,
    location: code,
    picked: z.number().int().nonnegative(),
    short: z.number().int().positive(),
    reason: shortReason,
    lots: z.array(lotQuantity).max(100),
  }),
  /** A supervisor let a lot be picked that the agent did not know in the line's bin: kept at the hub, the units come in the line's pick event. */
  'lot.override': z.object({
    orderId: code,
    lineId: code,
    productCode: code,
    location: code,
    lot: z.string().min(1).max(20),
    expiry: isoDate.nullable(),
    /** The lots the agent knew in the bin then (an ERP's lot numbers may be longer than a GS1 lot). */
    known: z.array(z.string().max(128)).max(1000),
    supervisor: code,
    reason: z.enum(APPROVAL_REASONS.lot),
    note: z.string().max(200).nullable(),
  }),
  'parcel.packed': z.object({
    orderId: code,
    parcelNo: z.number().int().positive(),
    box: code,
    weight,
    /** Agents from before typed weights never send it: theirs came from the scale. */
    weightSource: z.enum(['scale', 'manual']).default('scale'),
    /** Who let the weight be typed while the station's scale was offline (null: nobody needed to). */
    weightApproval: z.object({ supervisor: code, reason: z.enum(APPROVAL_REASONS['manual-weight']), note: z.string().max(200).nullable() }).nullable().default(null),
    expectedGrams: z.number().nonnegative(),
    toleranceGrams: z.number().nonnegative(),
    carrier: code,
    tracking: z.string().min(8).max(34),
    sscc: z.string().regex(/^\d{18}$/),
    items: z.array(z.object({ productCode: code, quantity: z.number().int().positive() })).min(1).max(1000),
    overridden: z.boolean(),
  }),
  'weight.override': z.object({
    orderId: code,
    parcelNo: z.number().int().positive(),
    supervisor: code,
    reason: z.enum(OVERRIDE_REASONS),
    measured: weight,
    expectedGrams: z.number().nonnegative(),
    toleranceGrams: z.number().nonnegative(),
    missingWeights: z.array(code).max(1000),
    /** The supervisor's note (with reason "other"); absent from agents older than notes. */
    note: z.string().min(1).max(200).nullable().optional(),
  }),
  /** A parcel's weight check failed (once per weighing the packer made): kept at the hub for the floor's figures, no ERP effect. */
  'weight.check.failed': z.object({
    orderId: code,
    parcelNo: z.number().int().positive(),
    box: code,
    measured: weight,
    weightSource: z.enum(['scale', 'manual']),
    expectedGrams: z.number().nonnegative(),
    toleranceGrams: z.number().nonnegative(),
    /** Measured − expected, signed (g). */
    differenceGrams: z.number(),
    reason: z.enum(WEIGHT_CHECK_FAILURES),
    missingWeights: z.array(code).max(1000),
  }),
  'shipment.shipped': z.object({
    orderId: code,
    parcels: z.array(z.object({ parcelNo: z.number().int().positive(), sscc: z.string().regex(/^\d{18}$/), carrier: code, tracking: z.string().min(8).max(34) })).min(1).max(100),
  }),
  'product.data.problem': z.object({ productCode: code, problem: z.enum(['weight-missing']), orderId: code }),
  'receipt.line.received': z.object({
    receiptId: code.nullable(),
    receipt: code,
    productCode: code,
    quantity: z.number().int().positive(),
    lot: z.string().max(20).nullable(),
    expiry: isoDate.nullable(),
    location: code,
    suggested: code.nullable(),
    /** The supervisors' approvals the put-away needed; absent from agents older than approvals. */
    approvals: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('over-receipt'), supervisor: code, reason: z.enum(APPROVAL_REASONS['over-receipt']), note: z.string().max(200).nullable() }),
          z.object({ kind: z.literal('putaway'), supervisor: code, reason: z.enum(APPROVAL_REASONS.putaway), note: z.string().max(200).nullable() }),
        ]),
      )
      .max(2)
      .default([]),
  }),
  'receipt.discrepancy': z.object({
    receiptId: code.nullable(),
    receipt: code,
    kind: z.enum(['over', 'unexpected', 'damaged', 'short', 'expired']),
    productCode: code,
    quantity: z.number().int().nonnegative(),
    expected: z.number().int().nonnegative(),
    reason: z.enum(DAMAGE_REASONS).nullable(),
    lot: z.string().max(20).nullable(),
    expiry: isoDate.nullable(),
  }),
  'receipt.closed': z.object({
    receiptId: code.nullable(),
    receipt: code,
    lines: z.array(z.object({ productCode: code, ordered: z.number().int().nonnegative(), received: z.number().int().nonnegative(), damaged: z.number().int().nonnegative(), missing: z.number().int().nonnegative() })).max(1000),
  }),
  'count.line.counted': z.object({
    taskId: code.nullable(),
    location: code,
    productCode: code,
    lot: z.string().max(20).nullable(),
    counted: z.number().int().nonnegative(),
    expected: z.number().int(),
    recounted: z.boolean(),
    firstCount: z.number().int().nullable(),
  }),
  'count.closed': z.object({ taskId: code.nullable(), lines: z.number().int().nonnegative(), recounts: z.number().int().nonnegative() }),
  'replenishment.requested': z.object({ productCode: code, quantity: z.number().int().positive(), note: z.string().max(200), location: code.nullable() }),
  /** The last scan of a line not yet confirmed was taken back at the station: kept at the hub, no ERP effect. */
  'scan.undone': z.object({
    workflow: z.enum(['pick', 'receive', 'count']),
    /** Order id (pick), receipt number (receive), count task id (count; null ad hoc). */
    document: code.nullable(),
    productCode: code,
    location: code.nullable(),
    lot: z.string().max(20).nullable(),
    quantity: z.number().int().positive(),
  }),
  /** An order of a batch bound to a tote on a cart: kept at the hub (`quai hub inspect` orders[].tote), no ERP effect. */
  'tote.assigned': z.object({ tote: code, orderId: code, orderNumber: code, cart: code, position: z.number().int().positive().max(99) }),
  /** The tote is free again: its order packed, released by a supervisor, or its order closed elsewhere. No ERP effect. */
  'tote.released': z.object({ tote: code, orderId: code, reason: z.enum(TOTE_RELEASE_REASONS), supervisor: code.nullable() }),
} as const;

export type SyncEventType = keyof typeof eventPayloads;
export const syncEventTypes = Object.keys(eventPayloads) as [SyncEventType, ...SyncEventType[]];

export const upstreamEvent = z.object({
  id: z.uuid(),
  seq: z.number().int().positive(),
  type: z.enum(syncEventTypes),
  at: z.iso.datetime(),
  operator: code.nullable(),
  station: code,
  payload: z.record(z.string(), z.unknown()),
});
export type UpstreamEvent = z.infer<typeof upstreamEvent>;
