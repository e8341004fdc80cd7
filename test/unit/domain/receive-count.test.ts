import { describe, expect, it } from 'vitest';
import type { ScanMeaning } from '../../../src/domain/scan-meaning.js';
import { reduceCount, startCount, type CountIntent, type CountState } from '../../../src/domain/workflows/count.js';
import { reduceReceive, startReceive, type ReceiveIntent, type ReceiveState } from '../../../src/domain/workflows/receive.js';
import { bin, runReceive } from './receive-fixtures.js';

const ctx = { today: '2026-11-22', overTolerancePercent: 10, otherBin: 'confirm' as const };
const doc = { id: 'PO1', number: 'ACH-1', supplier: 'Dupré', lines: [{ productCode: 'P1', productName: 'Savon', expected: 10 }, { productCode: 'P2', productName: 'Tasse', expected: 5 }] };
const product = (productCode: string, multiple = 1, extra: { lot?: string; expiry?: string } = {}): ScanMeaning => ({ kind: 'product', productCode, productName: productCode, multiple, ...extra });
const scan = (meaning: ScanMeaning, lotTracked = false, suggested: string | null = 'A-01-01-1'): ReceiveIntent => ({ type: 'scan', meaning, lotTracked, suggested });

const receive = (state: ReceiveState, ...intents: ReceiveIntent[]) => runReceive(ctx, state, ...intents);

describe('receiving', () => {
  it('receives a GS1 count with lot and expiry and puts it away in another bin than suggested, once confirmed, recorded', () => {
    // the bin scanned a second time is the operator's confirmation
    const { state, events } = receive(startReceive(doc), scan(product('P1', 8, { lot: 'L7', expiry: '2027-06-30' }), true, 'A-01-01-1'), bin('B-02-03-1'), bin('B-02-03-1'));
    expect(events).toEqual([
      { type: 'receipt.line.received', payload: { receiptId: 'PO1', receipt: 'ACH-1', productCode: 'P1', quantity: 8, lot: 'L7', expiry: '2027-06-30', location: 'B-02-03-1', suggested: 'A-01-01-1', approvals: [] } },
    ]);
    expect(state.lines[0]).toMatchObject({ received: 8 });
  });

  it('requires lot and expiry for lot-tracked products and refuses an expired lot, telling the buyer', () => {
    const started = startReceive(doc);
    expect(reduceReceive(started, scan(product('P1'), true), ctx)).toMatchObject({ state: started, feedback: { code: 'RECEIVE_LOT_REQUIRED' } });
    expect(reduceReceive(started, scan(product('P1', 1, { lot: 'L1' }), true), ctx)).toMatchObject({ state: started, feedback: { code: 'RECEIVE_EXPIRY_REQUIRED' } });
    const expired = reduceReceive(started, scan(product('P1', 1, { lot: 'L1', expiry: '2026-11-21' }), true), ctx);
    expect(expired.state).toBe(started);
    expect(expired.feedback).toMatchObject({ level: 'error', code: 'RECEIVE_EXPIRED' });
    expect(expired.events).toMatchObject([{ type: 'receipt.discrepancy', payload: { kind: 'expired', productCode: 'P1', lot: 'L1', expiry: '2026-11-21' } }]);
  });

  it('records an unexpected product and damaged units with their reason; damaged units are not put away', () => {
    const { state, events } = receive(startReceive(doc), scan(product('P9', 3)), { type: 'damaged', quantity: 1, reason: 'crushed' }, bin('A-01-01-1'));
    expect(events.map((e) => (e.type === 'receipt.discrepancy' ? e.payload.kind : e.type))).toEqual(['unexpected', 'damaged', 'receipt.line.received']);
    expect(events[1]).toMatchObject({ payload: { quantity: 1, reason: 'crushed' } });
    expect(events[2]).toMatchObject({ payload: { productCode: 'P9', quantity: 2 } });
    expect(state.lines.find((l) => l.productCode === 'P9')).toMatchObject({ unexpected: true, received: 2, damaged: 1 });
    expect(reduceReceive(receive(startReceive(doc), scan(product('P1', 2))).state, { type: 'damaged', quantity: 3, reason: 'wet' }, ctx).feedback).toMatchObject({ code: 'RECEIVE_DAMAGED_TOO_MANY' });
  });

  it('closes with a summary and what is short, which stays open as a backorder upstream', () => {
    const { state, events } = receive(startReceive(doc), scan(product('P1', 6)), bin('A-01-01-1'), { type: 'close' });
    expect(state.phase).toBe('done');
    expect(events.slice(-3)).toEqual([
      { type: 'receipt.discrepancy', payload: expect.objectContaining({ kind: 'short', productCode: 'P1', quantity: 4 }) },
      { type: 'receipt.discrepancy', payload: expect.objectContaining({ kind: 'short', productCode: 'P2', quantity: 5 }) },
      {
        type: 'receipt.closed',
        payload: {
          receiptId: 'PO1',
          receipt: 'ACH-1',
          lines: [
            { productCode: 'P1', ordered: 10, received: 6, damaged: 0, missing: 4 },
            { productCode: 'P2', ordered: 5, received: 0, damaged: 0, missing: 5 },
          ],
        },
      },
    ]);
  });

  it('takes a blind receipt without discrepancies for what no document announced', () => {
    const { events } = receive(startReceive({ id: null, number: 'BLIND-1', supplier: '?', lines: [] }), scan(product('P5', 4)), bin('A-01-01-1'), { type: 'close' });
    expect(events.map((e) => e.type)).toEqual(['receipt.line.received', 'receipt.closed']);
  });

  it('asks for putaway before anything else', () => {
    const pending = receive(startReceive(doc), scan(product('P1'))).state;
    expect(reduceReceive(pending, scan(product('P2')), ctx).feedback).toMatchObject({ code: 'RECEIVE_PUTAWAY_FIRST' });
    expect(reduceReceive(pending, { type: 'close' }, ctx).feedback).toMatchObject({ code: 'RECEIVE_PUTAWAY_FIRST' });
  });
});

const settings = { blind: true, recount: { quantity: 1, percent: 10 }, recountByAnother: true };
const loc = (code: string): CountIntent => ({ type: 'scan', meaning: { kind: 'location', code }, expected: 0 });
const unit = (productCode: string, expected: number, multiple = 1): CountIntent => ({ type: 'scan', meaning: product(productCode, multiple), expected });

function count(state: CountState, ...intents: CountIntent[]) {
  let current = state;
  const events = [];
  let feedback = null;
  for (const intent of intents) {
    const r = reduceCount(current, intent);
    current = r.state;
    events.push(...r.events);
    feedback = r.feedback;
  }
  return { state: current, events, feedback };
}

describe('counting', () => {
  it('counts a line within the threshold: one event with what was counted and expected', () => {
    const { events } = count(startCount('INV-1', 'INV-1', settings), loc('A-01-01-1'), unit('P1', 10), { type: 'quantity', quantity: 10 }, { type: 'confirm-line', operator: 'OP01' });
    expect(events).toEqual([{ type: 'count.line.counted', payload: { taskId: 'INV-1', location: 'A-01-01-1', productCode: 'P1', lot: null, counted: 10, expected: 10, recounted: false, firstCount: null } }]);
  });

  it('asks for a recount over the threshold, without revealing the expected quantity; by another operator', () => {
    const first = count(startCount('INV-1', 'INV-1', settings), loc('A-01-01-1'), unit('P1', 10, 6), { type: 'confirm-line', operator: 'OP01' });
    expect(first.events).toEqual([]);
    expect(first.feedback).toEqual({ level: 'error', code: 'COUNT_RECOUNT', params: { product: 'P1', location: 'A-01-01-1' } });
    const again = count(first.state, unit('P1', 10, 6), { type: 'confirm-line', operator: 'OP01' });
    expect(again.feedback).toMatchObject({ code: 'COUNT_RECOUNT_OTHER_OPERATOR' });
    expect(reduceCount(first.state, { type: 'close' }).feedback).toMatchObject({ code: 'COUNT_RECOUNT_PENDING' });
    const other = count(first.state, unit('P1', 10, 7), { type: 'confirm-line', operator: 'OP02' }, { type: 'close' });
    expect(other.events).toEqual([
      { type: 'count.line.counted', payload: { taskId: 'INV-1', location: 'A-01-01-1', productCode: 'P1', lot: null, counted: 7, expected: 10, recounted: true, firstCount: 6 } },
      { type: 'count.closed', payload: { taskId: 'INV-1', lines: 1, recounts: 1 } },
    ]);
  });

  it('lets the same operator recount when the site allows it', () => {
    const first = count(startCount(null, 'ad hoc', { ...settings, recountByAnother: false }), loc('A-01-01-1'), unit('P1', 10, 2), { type: 'confirm-line', operator: 'OP01' });
    expect(count(first.state, unit('P1', 10, 2), { type: 'confirm-line', operator: 'OP01' }).events).toHaveLength(1);
  });

  it('reconciles stock picked from the bin during the count instead of overwriting it', () => {
    // 10 held at the start; 4 picked while the counter walks there; 6 on the shelf: no variance
    const { events } = count(startCount('INV-1', 'INV-1', settings), loc('A-01-01-1'), unit('P1', 10, 6), { type: 'stock-moved', location: 'A-01-01-1', productCode: 'P1', delta: -4 }, { type: 'confirm-line', operator: 'OP01' });
    expect(events).toEqual([{ type: 'count.line.counted', payload: expect.objectContaining({ counted: 6, expected: 6, recounted: false }) }]);
  });

  it('needs a bin first and a confirmed line before the next product', () => {
    const started = startCount('INV-1', 'INV-1', settings);
    expect(reduceCount(started, unit('P1', 3)).feedback).toMatchObject({ code: 'COUNT_SCAN_LOCATION_FIRST' });
    const counting = count(started, loc('A-01-01-1'), unit('P1', 3)).state;
    expect(reduceCount(counting, unit('P2', 3)).feedback).toMatchObject({ code: 'COUNT_CONFIRM_FIRST' });
    expect(reduceCount(counting, loc('A-01-01-2')).feedback).toMatchObject({ code: 'COUNT_CONFIRM_FIRST' });
  });

  it('refuses to count again a line already counted in this bin, and is never stuck on it', () => {
    const done = count(startCount('INV-1', 'INV-1', settings), loc('A-01-01-1'), unit('P1', 3, 3), { type: 'confirm-line', operator: 'OP01' }).state;
    const again = reduceCount(done, unit('P1', 3));
    expect(again.feedback).toMatchObject({ level: 'error', code: 'COUNT_ALREADY_COUNTED', params: { product: 'P1', location: 'A-01-01-1' } });
    expect(again.state.pending).toBeNull();
    // a pending figure for a counted line (a session saved before this rule) is dropped on confirm, not kept forever
    const stuck: CountState = { ...done, pending: { productCode: 'P1', productName: 'P1', lot: null, quantity: 2, expected: 3 } };
    const confirmed = reduceCount(stuck, { type: 'confirm-line', operator: 'OP01' });
    expect(confirmed.feedback).toMatchObject({ code: 'COUNT_ALREADY_COUNTED' });
    expect(confirmed.state.pending).toBeNull();
    expect(confirmed.events).toEqual([]);
    expect(reduceCount(confirmed.state, loc('A-01-01-2')).feedback).toMatchObject({ code: 'COUNT_LOCATION' });
  });
});
