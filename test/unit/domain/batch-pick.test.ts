import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/events.js';
import type { PickOrder } from '../../../src/domain/order.js';
import { batchProgress, batchRoute, dropOrder, reduceBatch, type BatchIntent, type BatchState, type ToteScan } from '../../../src/domain/workflows/batch-pick.js';
import { DEFAULT_PICK_SETTINGS } from '../../../src/domain/workflows/pick.js';
import { reduceStation } from '../../../src/domain/workflows/station.js';
import { stationContext } from '../../helpers/station-context.js';
import type { Feedback } from '../../../src/domain/feedback.js';
import { bin, scanLocation, scanProduct } from './pick-fixtures.js';

const line = (lineId: string, productCode: string, location: ReturnType<typeof bin>, quantity: number) => ({ lineId, productCode, productName: productCode, barcode: null, location, quantity });

// three orders sharing bin A-01-02: one stop there for all of them
const orders: PickOrder[] = [
  { id: 'SO1', number: 'CMD-1', customer: 'A', lines: [line('1', 'P1', bin('A', 1, 2), 2), line('2', 'P3', bin('A', 2, 5), 1)] },
  { id: 'SO2', number: 'CMD-2', customer: 'B', lines: [line('1', 'P2', bin('A', 1, 4), 1), line('2', 'P1', bin('A', 1, 2), 1)] },
  { id: 'SO3', number: 'CMD-3', customer: 'C', lines: [line('1', 'P1', bin('A', 1, 2), 3)] },
];

const tote = (code: string, heldBy: ToteScan['heldBy'] = null): BatchIntent => ({ type: 'tote', code, heldBy });

/** Runs intents through the batch reducer: the last state, every event, the last feedback. */
function run(state: BatchState | null, ...intents: BatchIntent[]) {
  let current = state;
  const events: DomainEvent[] = [];
  let feedback: Feedback | null = null;
  for (const intent of intents) {
    const result = reduceBatch(current, intent, DEFAULT_PICK_SETTINGS);
    current = result.state;
    events.push(...result.events);
    feedback = result.feedback;
  }
  return { state: current!, events, feedback };
}

const bound = () => run(null, { type: 'batch-start', cart: 'CHR-01', positions: 3, orders }, tote('BAC-001'), tote('BAC-002'), tote('BAC-003'));

describe('batch picking (cluster picking into totes)', () => {
  it('refuses an unknown cart and a cart with no orders, and starts one with its orders by position', () => {
    expect(run(null, { type: 'batch-start', cart: 'XYZ', positions: null, orders }).feedback).toMatchObject({ level: 'error', code: 'BATCH_CART_UNKNOWN' });
    expect(run(null, { type: 'batch-start', cart: 'CHR-01', positions: 8, orders: [] }).feedback).toMatchObject({ level: 'error', code: 'BATCH_NO_ORDERS' });
    const { state, feedback } = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 8, orders });
    expect(feedback).toMatchObject({ code: 'BATCH_STARTED', params: { orders: 3 } });
    expect(state.phase).toBe('totes');
    expect(state.slots.map((s) => [s.position, s.pick.orderNumber])).toEqual([
      [1, 'CMD-1'],
      [2, 'CMD-2'],
      [3, 'CMD-3'],
    ]);
  });

  it('binds one tote per order in position order: a tote on the cart or held by an open order is refused, a supervisor may free it', () => {
    const started = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 3, orders }, tote('BAC-001'));
    expect(started.events).toEqual([{ type: 'tote.assigned', payload: { tote: 'BAC-001', orderId: 'SO1', orderNumber: 'CMD-1', cart: 'CHR-01', position: 1 } }]);
    expect(run(started.state, tote('bac-001')).feedback).toMatchObject({ level: 'error', code: 'TOTE_ALREADY_ON_CART', params: { position: 1 } });
    const held = run(started.state, tote('BAC-009', { orderId: 'SO77', orderNumber: 'CMD-77' }));
    expect(held.feedback).toMatchObject({ level: 'error', code: 'TOTE_IN_USE', params: { tote: 'BAC-009', order: 'CMD-77' } });
    expect(held.events).toEqual([]);
    expect(held.state.slots[1]!.tote).toBeNull();
    expect(run(held.state, scanLocation('A-01-02-1')).feedback).toMatchObject({ level: 'error', code: 'BATCH_SCAN_TOTE', params: { position: 2 } });
    // a wrong PIN frees nothing
    expect(run(held.state, { type: 'override', supervisor: 'S01', pinOk: false, reason: 'tote-empty', note: null }).feedback).toMatchObject({ level: 'error', code: 'APPROVAL_REFUSED' });
    const freed = run(held.state, { type: 'override', supervisor: 'S01', pinOk: true, reason: 'tote-empty', note: null });
    expect(freed.feedback).toMatchObject({ level: 'ok', code: 'TOTE_RELEASED' });
    expect(freed.events).toEqual([
      { type: 'tote.released', payload: { tote: 'BAC-009', orderId: 'SO77', reason: 'supervisor', supervisor: 'S01' } },
      { type: 'tote.assigned', payload: { tote: 'BAC-009', orderId: 'SO2', orderNumber: 'CMD-2', cart: 'CHR-01', position: 2 } },
    ]);
    expect(freed.state.toteRefused).toBeNull();
    // a tote whose order is still being picked on another cart: no one may take it, no approval offered
    const onCart = run(freed.state, tote('BAC-011', { orderId: 'SO78', orderNumber: 'CMD-78', onCart: true }));
    expect(onCart.feedback).toMatchObject({ level: 'error', code: 'TOTE_ON_CART', params: { tote: 'BAC-011', order: 'CMD-78' } });
    expect(onCart.state.toteRefused).toBeNull();
    // a tote still bound to an order gone (shipped, cancelled) without its release: ended, then bound
    const stale = run(freed.state, { type: 'tote', code: 'BAC-010', heldBy: null, stale: { orderId: 'SO66' } });
    expect(stale.events).toEqual([
      { type: 'tote.released', payload: { tote: 'BAC-010', orderId: 'SO66', reason: 'order-closed', supervisor: null } },
      { type: 'tote.assigned', payload: { tote: 'BAC-010', orderId: 'SO3', orderNumber: 'CMD-3', cart: 'CHR-01', position: 3 } },
    ]);
  });

  it('merges every order into one walking route, one stop per bin for all the orders that need it', () => {
    const { state } = bound();
    expect(state.phase).toBe('location');
    expect(batchRoute(state).map((s) => [s.line.location.code, s.position, s.line.lineId])).toEqual([
      ['A-01-02-1', 1, '1'],
      ['A-01-02-1', 2, '2'],
      ['A-01-02-1', 3, '1'],
      ['A-01-04-1', 2, '1'],
      ['A-02-05-1', 1, '2'],
    ]);
  });

  it('puts each completed line to its tote: the right tote records it, a wrong one or a done order’s tote is refused aloud', () => {
    const atBin = run(bound().state, scanLocation('A-01-02-1'), scanProduct('P1'), scanProduct('P1'));
    expect(atBin.state.phase).toBe('put');
    expect(atBin.events).toEqual([]);
    expect(atBin.feedback).toMatchObject({ level: 'info', code: 'BATCH_PUT', params: { tote: 'BAC-001', position: 1, order: 'CMD-1', quantity: 2 } });
    // nothing else until the tote is scanned
    expect(run(atBin.state, scanProduct('P1')).feedback).toMatchObject({ level: 'error', code: 'BATCH_PUT' });
    const wrong = run(atBin.state, tote('BAC-002'));
    expect(wrong.feedback).toMatchObject({ level: 'error', code: 'BATCH_WRONG_TOTE', params: { expected: 'BAC-001', scanned: 'BAC-002', position: 1, order: 'CMD-1' } });
    expect(wrong.events).toEqual([]);
    const put = run(atBin.state, tote('bac-001'));
    expect(put.feedback).toMatchObject({ level: 'ok', code: 'BATCH_PUT_DONE' });
    expect(put.events).toEqual([{ type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '1', productCode: 'P1', location: 'A-01-02-1', quantity: 2, lots: [{ lot: null, expiry: null, quantity: 2 }] } }]);
    // the next order's line is in the same bin: no bin scan again
    expect(put.state.phase).toBe('product');
    expect(batchRoute(put.state)[0]).toMatchObject({ position: 2 });

    // CMD-2 then CMD-3 at the same bin; CMD-2 then takes A-01-04 and is done
    const walked = run(put.state, scanProduct('P1'), tote('BAC-002'), scanProduct('P1', 3), tote('BAC-003'));
    expect(walked.feedback).toMatchObject({ code: 'BATCH_ORDER_DONE', params: { order: 'CMD-3', position: 3 } });
    const twoDone = run(walked.state, scanLocation('A-01-04-1'), scanProduct('P2'));
    expect(run(twoDone.state, tote('BAC-003')).feedback).toMatchObject({ level: 'error', code: 'BATCH_TOTE_ORDER_DONE', params: { tote: 'BAC-003', order: 'CMD-3' } });
    const last = run(twoDone.state, tote('BAC-002'), scanLocation('A-02-05-1'), scanProduct('P3'), tote('BAC-001'));
    expect(last.state.phase).toBe('done');
    expect(last.feedback).toMatchObject({ level: 'ok', code: 'BATCH_DONE', params: { cart: 'CHR-01', orders: 3 } });
  });

  it('the cart done counts the orders with units to pack: one short on every line has nothing to pack', () => {
    // CMD-3's one line found short with none picked, the others walked whole
    const walked = run(bound().state, scanLocation('A-01-02-1'), scanProduct('P1'), scanProduct('P1'), tote('BAC-001'), scanProduct('P1'), tote('BAC-002'), { type: 'short', reason: 'empty-location' });
    const done = run(walked.state, { type: 'empty-check', remaining: 0 }, scanLocation('A-01-04-1'), scanProduct('P2'), tote('BAC-002'), scanLocation('A-02-05-1'), scanProduct('P3'), tote('BAC-001'));
    expect(done.state.phase).toBe('done');
    expect(done.feedback).toMatchObject({ level: 'ok', code: 'BATCH_DONE', params: { cart: 'CHR-01', orders: 2 } });
    expect(run(done.state, scanProduct('P1')).feedback).toMatchObject({ level: 'error', code: 'BATCH_DONE', params: { orders: 2 } });
  });

  it('a short in one order leaves the others intact: recorded for that order only, units found go to its tote', () => {
    const atBin = run(bound().state, scanLocation('A-01-02-1'), scanProduct('P1'), { type: 'short', reason: 'not-found' });
    expect(atBin.state.phase).toBe('put');
    expect(atBin.feedback).toMatchObject({ code: 'BATCH_PUT', params: { quantity: 1, order: 'CMD-1' } });
    const put = run(atBin.state, tote('BAC-001'));
    expect(put.events).toEqual([{ type: 'pick.short', payload: { orderId: 'SO1', lineId: '1', productCode: 'P1', location: 'A-01-02-1', picked: 1, short: 1, reason: 'not-found', lots: [{ lot: null, expiry: null, quantity: 1 }] } }]);
    const [one, two, three] = put.state.slots;
    expect(one!.pick.lines.find((l) => l.lineId === '1')).toMatchObject({ status: 'short', picked: 1 });
    expect(two!.pick.lines.every((l) => l.status === 'open' && l.picked === 0)).toBe(true);
    expect(three!.pick.lines.every((l) => l.status === 'open' && l.picked === 0)).toBe(true);
    // a short with nothing found is recorded at once: nothing to put
    const none = run(put.state, { type: 'short', reason: 'empty-location' });
    expect(none.events).toMatchObject([{ type: 'pick.short', payload: { orderId: 'SO2', picked: 0, short: 1 } }]);
    expect(none.state.phase).not.toBe('put');
  });

  it('postpones a line to the end of the walk, across orders; the last line on the cart cannot be', () => {
    const { state } = run(bound().state, { type: 'postpone' });
    expect(batchRoute(state).map((s) => [s.position, s.line.lineId]).at(-1)).toEqual([1, '1']);
    expect(state.phase).toBe('location');
    expect(batchProgress(state)).toEqual({ settled: 0, total: 5, postponed: 1 });
    // once the line put off is settled, it is no longer counted as put off
    const shorted = run(state, ...Array.from({ length: 4 }, () => ({ type: 'short' as const, reason: 'damaged' as const })));
    expect(batchRoute(shorted.state).map((s) => [s.position, s.line.lineId])).toEqual([[1, '1']]);
    const last = run(shorted.state, { type: 'short', reason: 'damaged' });
    expect(batchProgress(last.state)).toEqual({ settled: 5, total: 5, postponed: 0 });
    const single = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 1, orders: [orders[2]!] }, tote('BAC-001'));
    expect(run(single.state, { type: 'postpone' }).feedback).toMatchObject({ level: 'error', code: 'BATCH_NOTHING_TO_POSTPONE' });
  });

  it('an order closed elsewhere leaves the cart with its tote freed; the others go on', () => {
    const { state } = bound();
    const { batch, events } = dropOrder(state, 'SO2');
    expect(events).toEqual([{ type: 'tote.released', payload: { tote: 'BAC-002', orderId: 'SO2', reason: 'order-closed', supervisor: null } }]);
    expect(batch!.slots.map((s) => s.pick.orderNumber)).toEqual(['CMD-1', 'CMD-3']);
    expect(batchRoute(batch!).every((s) => s.position !== 2)).toBe(true);
  });

  it('an order done with nothing found frees its empty tote', () => {
    const single = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 1, orders: [orders[2]!] }, tote('BAC-001'), { type: 'short', reason: 'empty-location' });
    expect(single.state.phase).toBe('done');
    expect(single.events).toEqual([
      expect.objectContaining({ type: 'tote.assigned' }),
      expect.objectContaining({ type: 'pick.short', payload: expect.objectContaining({ picked: 0, short: 3 }) }),
      { type: 'tote.released', payload: { tote: 'BAC-001', orderId: 'SO3', reason: 'nothing-picked', supervisor: null } },
    ]);
  });

  it('asks whether a bin is empty when the cart’s orders together took what the books held there', () => {
    // 3 in the bin: CMD-1 takes 2, CMD-2 then takes the last one
    const held = (o: PickOrder): PickOrder => ({ ...o, lines: o.lines.map((l) => (l.location.code === 'A-01-02-1' ? { ...l, stockAtLocation: 3 } : l)) });
    const started = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 2, orders: [held(orders[0]!), held(orders[1]!)] }, tote('BAC-001'), tote('BAC-002'));
    const first = run(started.state, scanLocation('A-01-02-1'), scanProduct('P1', 2), tote('BAC-001'));
    expect(first.state.phase).toBe('product');
    const second = run(first.state, scanProduct('P1'), tote('BAC-002'));
    expect(second.state.phase).toBe('empty-check');
    expect(second.feedback).toMatchObject({ code: 'PICK_EMPTY_CHECK', params: { location: 'A-01-02-1' } });
    const answered = run(second.state, { type: 'empty-check', remaining: 0 });
    expect(answered.events).toMatchObject([{ type: 'count.line.counted', payload: { location: 'A-01-02-1', productCode: 'P1', counted: 0, expected: 0 } }]);
    // each order keeps the books' own figure
    expect(answered.state.slots[1]!.pick.lines.find((l) => l.lineId === '2')!.stockAtLocation).toBe(3);
  });

  it('Esc on a cart done leaves it, with no "paused" message; on a cart under way it pauses it', () => {
    const done = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 1, orders: [orders[2]!] }, tote('BAC-001'), { type: 'short', reason: 'damaged' }).state;
    const station = { operator: { code: 'OP01', name: 'Marie' }, screen: 'batch' as const, pick: null, pack: null, batch: done };
    const left = reduceStation(station, { type: 'back' }, stationContext());
    expect(left.feedback).toBeNull();
    expect(left.state).toMatchObject({ screen: 'menu', batch: null });
    const underWay = reduceStation({ ...station, batch: bound().state }, { type: 'back' }, stationContext());
    expect(underWay.feedback).toMatchObject({ level: 'info', code: 'ORDER_PAUSED', params: { order: 'CHR-01' } });
    expect(underWay.state.batch).not.toBeNull();
  });

  it('asks whether a bin the books say is empty now is, after the put', () => {
    const emptying: PickOrder = { ...orders[2]!, lines: [{ ...orders[2]!.lines[0]!, stockAtLocation: 3 }] };
    const started = run(null, { type: 'batch-start', cart: 'CHR-01', positions: 1, orders: [emptying] }, tote('BAC-001'), scanLocation('A-01-02-1'), scanProduct('P1', 3));
    expect(started.state.phase).toBe('put');
    const put = run(started.state, tote('BAC-001'));
    expect(put.state.phase).toBe('empty-check');
    expect(put.feedback).toMatchObject({ code: 'PICK_EMPTY_CHECK' });
    const answered = run(put.state, { type: 'empty-check', remaining: 0 });
    expect(answered.events).toMatchObject([{ type: 'count.line.counted', payload: { location: 'A-01-02-1', counted: 0 } }]);
    expect(answered.state.phase).toBe('done');
  });
});
