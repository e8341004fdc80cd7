import { z } from 'zod';
import { code, lotQuantity, shortReason } from './common.js';

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
