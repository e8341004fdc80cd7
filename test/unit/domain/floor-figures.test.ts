import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/events.js';
import { figureSteps, FLOOR_METRICS, floorMetrics, METRICS_WITH_UNITS, type FigureStep } from '../../../src/domain/floor-figures.js';
import { syncEventTypes } from '../../../src/protocol/sync-events.js';

const lots = [{ lot: null, expiry: null, quantity: 3 }];
const weight = { value: '0.900', unit: 'kg' };
const parcel: Omit<Extract<DomainEvent, { type: 'parcel.packed' }>['payload'], 'overridden'> = { orderId: 'SO1', parcelNo: 1, box: 'BOX-S', weight, weightSource: 'scale', weightApproval: null, expectedGrams: 750, toleranceGrams: 20, carrier: 'dpd', tracking: '6A12345678901', sscc: '037610000000000019', items: [{ productCode: 'P1', quantity: 2 }, { productCode: 'P2', quantity: 1 }] };

/** One event of every type, and the floor's steps it makes (accepted, closing nothing). */
const CASES: { event: DomainEvent; steps: [FigureStep['metric'], number, string?][] }[] = [
  { event: { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: 'L1', productCode: 'P1', location: 'A-01', quantity: 3, lots } }, steps: [['pick.line', 3]] },
  { event: { type: 'pick.short', payload: { orderId: 'SO1', lineId: 'L2', productCode: 'P2', location: 'A-02', picked: 1, short: 2, reason: 'damaged', lots } }, steps: [['pick.line', 1], ['pick.short', 2, 'damaged']] },
  { event: { type: 'lot.override', payload: { orderId: 'SO1', lineId: 'L1', productCode: 'P1', location: 'A-01', lot: 'L9', expiry: null, known: [], supervisor: 'SUP1', reason: 'lot-label-wrong', note: null } }, steps: [] },
  { event: { type: 'parcel.packed', payload: { ...parcel, overridden: false } }, steps: [['parcel.packed', 3], ['weight.passed', 0]] },
  { event: { type: 'weight.check.failed', payload: { orderId: 'SO1', parcelNo: 1, box: 'BOX-S', measured: weight, weightSource: 'scale', expectedGrams: 750, toleranceGrams: 20, differenceGrams: 150, reason: 'above', missingWeights: [] } }, steps: [['weight.failed', 0, 'above']] },
  { event: { type: 'weight.override', payload: { orderId: 'SO1', parcelNo: 1, supervisor: 'SUP1', reason: 'packaging-variance', measured: weight, expectedGrams: 750, toleranceGrams: 20, missingWeights: [], note: null } }, steps: [['weight.overridden', 0, 'SUP1']] },
  { event: { type: 'shipment.shipped', payload: { orderId: 'SO1', parcels: [{ parcelNo: 1, sscc: '037610000000000019', carrier: 'dpd', tracking: '6A12345678901' }] } }, steps: [['order.packed', 0]] },
  { event: { type: 'product.data.problem', payload: { productCode: 'P7', problem: 'weight-missing', orderId: 'SO1' } }, steps: [] },
  { event: { type: 'receipt.line.received', payload: { receiptId: 'PO1', receipt: 'REC-1', productCode: 'P1', quantity: 5, lot: null, expiry: null, location: 'A-01', suggested: null, approvals: [] } }, steps: [['receipt.line', 5]] },
  { event: { type: 'receipt.discrepancy', payload: { receiptId: 'PO1', receipt: 'REC-1', kind: 'damaged', productCode: 'P1', quantity: 2, expected: 10, reason: 'crushed', lot: null, expiry: null } }, steps: [['receipt.discrepancy', 2, 'damaged']] },
  { event: { type: 'receipt.closed', payload: { receiptId: 'PO1', receipt: 'REC-1', lines: [{ productCode: 'P1', ordered: 10, received: 10, damaged: 0, missing: 0 }] } }, steps: [['receipt.closed', 0, 'clean']] },
  { event: { type: 'count.line.counted', payload: { taskId: 'C1', location: 'A-01', productCode: 'P1', lot: null, counted: 4, expected: 7, recounted: true, firstCount: 5 } }, steps: [['count.line', 0], ['count.variance', 3]] },
  { event: { type: 'count.closed', payload: { taskId: 'C1', lines: 1, recounts: 1 } }, steps: [] },
  { event: { type: 'replenishment.requested', payload: { productCode: 'P1', quantity: 12, note: '', location: null } }, steps: [['replenishment.requested', 12]] },
  { event: { type: 'scan.undone', payload: { workflow: 'pick', document: 'SO1', productCode: 'P1', location: 'A-01', lot: null, quantity: 1 } }, steps: [] },
  { event: { type: 'tote.assigned', payload: { tote: 'BAC-01', orderId: 'SO1', orderNumber: 'CMD-1', cart: 'CHR-01', position: 1 } }, steps: [] },
  { event: { type: 'tote.released', payload: { tote: 'BAC-01', orderId: 'SO1', reason: 'packed', supervisor: null } }, steps: [] },
];

const expected = (steps: [FigureStep['metric'], number, string?][]) => steps.map(([metric, quantity, detail = '']) => ({ metric, detail, n: 1, quantity }));

describe('the floor figures an applied event makes', () => {
  it('has a case for every event type of the protocol, and every metric it steps is documented', () => {
    expect(CASES.map((c) => c.event.type).sort()).toEqual([...syncEventTypes].sort());
    for (const metric of floorMetrics) expect(FLOOR_METRICS[metric]).toMatch(/\w/);
  });

  it('counts units in exactly the figures said to have them (METRICS_WITH_UNITS)', () => {
    const withUnits = new Set(CASES.flatMap((c) => c.steps.filter(([, quantity]) => quantity > 0).map(([metric]) => metric)));
    expect([...withUnits].sort()).toEqual([...METRICS_WITH_UNITS].sort());
  });

  it.each(CASES.map((c) => [c.event.type, c] as const))('%s, accepted: what the floor did', (_type, { event, steps }) => {
    const extra = event.type === 'shipment.shipped' ? expected([['order.shipped', 0]]) : [];
    expect(figureSteps({ event, outcome: 'accepted', orderClosed: false })).toEqual([...expected(steps), ...extra]);
  });

  it.each(CASES.map((c) => [c.event.type, c] as const))('%s, rejected: what the floor did all the same, and the refusal by type', (_type, { event, steps }) => {
    expect(figureSteps({ event, outcome: 'rejected', orderClosed: true })).toEqual([...expected(steps), ...expected([['event.rejected', 0, event.type]])]);
  });

  it('an event that closed its order counts the order picked; only an accepted shipment counts it shipped', () => {
    const [picked, short] = CASES;
    expect(figureSteps({ event: picked!.event, outcome: 'accepted', orderClosed: true })).toEqual(expected([['pick.line', 3], ['order.picked', 0]]));
    expect(figureSteps({ event: short!.event, outcome: 'accepted', orderClosed: true }).map((s) => s.metric)).toEqual(['pick.line', 'pick.short', 'order.picked']);
    const shipped = CASES.find((c) => c.event.type === 'shipment.shipped')!.event;
    expect(figureSteps({ event: shipped, outcome: 'accepted', orderClosed: false }).map((s) => s.metric)).toEqual(['order.packed', 'order.shipped']);
    expect(figureSteps({ event: shipped, outcome: 'rejected', orderClosed: false }).map((s) => s.metric)).toEqual(['order.packed', 'event.rejected']);
  });

  it('an overridden parcel is no passed check; a receipt with a line off is a discrepancy; a count that matches no variance', () => {
    const packed: DomainEvent = { type: 'parcel.packed', payload: { ...parcel, overridden: true } };
    expect(figureSteps({ event: packed, outcome: 'accepted', orderClosed: false })).toEqual(expected([['parcel.packed', 3]]));
    const closed: DomainEvent = { type: 'receipt.closed', payload: { receiptId: null, receipt: 'REC-2', lines: [{ productCode: 'P1', ordered: 10, received: 8, damaged: 0, missing: 2 }] } };
    expect(figureSteps({ event: closed, outcome: 'accepted', orderClosed: false })).toEqual(expected([['receipt.closed', 0, 'discrepancy']]));
    const counted: DomainEvent = { type: 'count.line.counted', payload: { taskId: null, location: 'A-01', productCode: 'P1', lot: null, counted: 7, expected: 7, recounted: false, firstCount: null } };
    expect(figureSteps({ event: counted, outcome: 'accepted', orderClosed: false })).toEqual(expected([['count.line', 0]]));
    for (const reason of ['below', 'missing-weight', 'over-box-limit'] as const) {
      const failed = CASES.find((c) => c.event.type === 'weight.check.failed')!.event as Extract<DomainEvent, { type: 'weight.check.failed' }>;
      expect(figureSteps({ event: { ...failed, payload: { ...failed.payload, reason } }, outcome: 'accepted', orderClosed: false })).toEqual(expected([['weight.failed', 0, reason]]));
    }
  });
});
