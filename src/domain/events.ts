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

export const OVERRIDE_REASONS = ['product-weight-wrong', 'packaging-variance', 'weight-missing', 'other'] as const;
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

export type DomainEvent = PickLinePickedEvent | PickShortEvent | ParcelPackedEvent | WeightOverrideEvent | ShipmentShippedEvent | ProductDataProblemEvent;
export type DomainEventType = DomainEvent['type'];
