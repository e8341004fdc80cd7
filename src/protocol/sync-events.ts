import { z } from 'zod';
import { OVERRIDE_REASONS } from '../domain/events.js';
import { code, lotQuantity, shortReason } from './common.js';

const weight = z.object({ value: z.string().regex(/^-?\d+(\.\d+)?$/), unit: z.enum(['g', 'kg', 'lb', 'oz']) });

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
  'parcel.packed': z.object({
    orderId: code,
    parcelNo: z.number().int().positive(),
    box: code,
    weight,
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
  }),
  'shipment.shipped': z.object({
    orderId: code,
    parcels: z.array(z.object({ parcelNo: z.number().int().positive(), sscc: z.string().regex(/^\d{18}$/), carrier: code, tracking: z.string().min(8).max(34) })).min(1).max(100),
  }),
  'product.data.problem': z.object({ productCode: code, problem: z.enum(['weight-missing']), orderId: code }),
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
