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

export type DomainEvent = PickLinePickedEvent | PickShortEvent;
export type DomainEventType = DomainEvent['type'];
