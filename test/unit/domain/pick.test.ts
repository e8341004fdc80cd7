import { describe, expect, it } from 'vitest';
import { currentLine, reducePick, startPick, type PickIntent, type PickState } from '../../../src/domain/workflows/pick.js';
import { order, run, scanLocation, scanProduct } from './pick-fixtures.js';

describe('pick workflow', () => {
  it('orders lines by walking order and starts at the first location', () => {
    const state = startPick(order);
    expect(state.lines.map((l) => l.location.code)).toEqual(['A-01-02-1', 'A-02-05-1', 'B-01-03-1']);
    expect(state.phase).toBe('location');
    expect(currentLine(state)?.productCode).toBe('P1');
  });

  it('picks a whole order: location, scans, typed quantity, packaging multiple; one event per line', () => {
    const { state, events, feedback } = run(
      startPick(order),
      scanLocation('A-01-02-1'),
      scanProduct('P1'),
      scanProduct('P1'),
      scanProduct('P1'),
      scanLocation('A-02-05-1'),
      scanProduct('P3'),
      { type: 'quantity', quantity: 6 },
      scanProduct('P3', 6),
      scanLocation('B-01-03-1'),
      scanProduct('P2'),
    );
    expect(state.phase).toBe('done');
    expect(feedback).toEqual({ level: 'ok', code: 'PICK_ORDER_DONE', params: { order: 'CMD-1' } });
    expect(events).toEqual([
      { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '2', productCode: 'P1', location: 'A-01-02-1', quantity: 3, lots: [{ lot: null, expiry: null, quantity: 3 }] } },
      { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '3', productCode: 'P3', location: 'A-02-05-1', quantity: 12, lots: [{ lot: null, expiry: null, quantity: 12 }] } },
      { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '1', productCode: 'P2', location: 'B-01-03-1', quantity: 1, lots: [{ lot: null, expiry: null, quantity: 1 }] } },
    ]);
  });

  it('records lots and expiry read from GS1 codes', () => {
    const { events } = run(startPick(order), scanLocation('A-01-02-1'), scanProduct('P1', 1, { lot: 'L1', expiry: '2027-06-30' }), scanProduct('P1', 2, { lot: 'L2' }));
    expect((events[0]?.payload as { lots: unknown }).lots).toEqual([
      { lot: 'L1', expiry: '2027-06-30', quantity: 1 },
      { lot: 'L2', expiry: null, quantity: 2 },
    ]);
  });

  describe('refusals leave the state untouched and record nothing', () => {
    const atP1 = run(startPick(order), scanLocation('A-01-02-1')).state;
    it.each<[string, PickState, PickIntent, string]>([
      ['wrong location', startPick(order), scanLocation('B-01-03-1'), 'PICK_WRONG_LOCATION'],
      ['product before location', startPick(order), scanProduct('P1'), 'PICK_SCAN_LOCATION_FIRST'],
      ['wrong product', atP1, scanProduct('P2'), 'PICK_WRONG_PRODUCT'],
      ['unknown barcode', atP1, { type: 'scan', meaning: { kind: 'unknown', data: '3760000000000' } }, 'BARCODE_UNKNOWN'],
      ['bad check digit', atP1, { type: 'scan', meaning: { kind: 'invalid', data: '5901234123458', error: { code: 'BARCODE_BAD_CHECK_DIGIT' } } }, 'BARCODE_BAD_CHECK_DIGIT'],
      ['over-pick by a packaging', atP1, scanProduct('P1', 6), 'PICK_OVER_PICK'],
      ['typed quantity before any scan', atP1, { type: 'quantity', quantity: 2 }, 'PICK_SCAN_PRODUCT_FIRST'],
      ['typed quantity at the location step', startPick(order), { type: 'quantity', quantity: 2 }, 'PICK_SCAN_LOCATION_FIRST'],
      ['wrong location after the right one', atP1, scanLocation('A-02-05-1'), 'PICK_WRONG_LOCATION'],
    ])('%s', (_name, state, intent, code) => {
      const result = reducePick(state, intent);
      expect(result.state).toBe(state);
      expect(result.events).toEqual([]);
      expect(result.feedback).toMatchObject({ level: 'error', code });
    });

    it('typed over-pick, zero and a quantity below what was scanned', () => {
      const scanned = run(atP1, scanProduct('P1'), scanProduct('P1')).state;
      for (const [quantity, code] of [[4, 'PICK_OVER_PICK'], [0, 'PICK_QTY_INVALID'], [1, 'PICK_QTY_BELOW_PICKED']] as const) {
        const result = reducePick(scanned, { type: 'quantity', quantity });
        expect(result.state).toBe(scanned);
        expect(result.feedback).toMatchObject({ level: 'error', code });
      }
    });

    it('anything after the order is done', () => {
      const done = run(startPick({ ...order, lines: [order.lines[0]!] }), scanLocation('B-01-03-1'), scanProduct('P2')).state;
      expect(reducePick(done, scanProduct('P2')).feedback).toMatchObject({ code: 'PICK_ORDER_COMPLETE' });
    });
  });

  it('postpones a line to the end of the round, then comes back to it', () => {
    const { state } = run(startPick(order), { type: 'postpone' });
    expect(currentLine(state)?.productCode).toBe('P3');
    const after = run(state, scanLocation('A-02-05-1'), { type: 'short', reason: 'damaged' }, scanLocation('B-01-03-1'), scanProduct('P2'));
    expect(currentLine(after.state)?.productCode).toBe('P1');
    expect(after.state.phase).toBe('location');
  });

  it('refuses to postpone the last line left', () => {
    const last = startPick({ ...order, lines: [order.lines[0]!] });
    expect(reducePick(last, { type: 'postpone' }).feedback).toMatchObject({ level: 'error', code: 'PICK_NOTHING_TO_POSTPONE' });
  });

  it('records a short pick with its reason and what was picked', () => {
    const { state, events } = run(startPick(order), scanLocation('A-01-02-1'), scanProduct('P1'), { type: 'short', reason: 'empty-location' });
    expect(events).toEqual([
      {
        type: 'pick.short',
        payload: { orderId: 'SO1', lineId: '2', productCode: 'P1', location: 'A-01-02-1', picked: 1, short: 2, reason: 'empty-location', lots: [{ lot: null, expiry: null, quantity: 1 }] },
      },
    ]);
    expect(state.lines.find((l) => l.lineId === '2')?.status).toBe('short');
    expect(currentLine(state)?.productCode).toBe('P3');
  });

  it('asks whether a bin the pick emptied by the books is really empty, and counts what is left', () => {
    const lowStock = { ...order, lines: [{ ...order.lines[1]!, stockAtLocation: 3 }, order.lines[0]!] };
    const checking = run(startPick(lowStock), scanLocation('A-01-02-1'), scanProduct('P1', 3));
    expect(checking.state).toMatchObject({ phase: 'empty-check', emptyCheck: { location: 'A-01-02-1', productCode: 'P1', expected: 0 } });
    expect(checking.feedback).toMatchObject({ code: 'PICK_EMPTY_CHECK' });
    expect(reducePick(checking.state, scanLocation('B-01-03-1')).feedback).toMatchObject({ level: 'error', code: 'PICK_EMPTY_CHECK' });
    const answered = reducePick(checking.state, { type: 'empty-check', remaining: 2 });
    expect(answered.events).toEqual([{ type: 'count.line.counted', payload: { taskId: null, location: 'A-01-02-1', productCode: 'P1', lot: null, counted: 2, expected: 0, recounted: false, firstCount: null } }]);
    expect(answered.state.phase).toBe('location');
    expect(currentLine(answered.state)?.productCode).toBe('P2');
  });

  it('remembers the last short line, for a replenishment request', () => {
    const { state } = run(startPick(order), scanLocation('A-01-02-1'), { type: 'short', reason: 'empty-location' });
    expect(state.lastShort).toEqual({ productCode: 'P1', location: 'A-01-02-1' });
  });
});
