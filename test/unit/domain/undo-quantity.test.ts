import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/events.js';
import type { Feedback } from '../../../src/domain/feedback.js';
import type { ScanMeaning } from '../../../src/domain/scan-meaning.js';
import { countUndo, reduceCount, startCount, type CountIntent, type CountState } from '../../../src/domain/workflows/count.js';
import { currentLine, pickUndo, reducePick, startPick, type PickIntent, type PickState } from '../../../src/domain/workflows/pick.js';
import { receiveUndo, reduceReceive, startReceive, type ReceiveIntent, type ReceiveState } from '../../../src/domain/workflows/receive.js';
import type { ReducerResult } from '../../../src/domain/workflows/reducer-result.js';
import { reduceStation, type StationContext, type StationIntent, type StationState } from '../../../src/domain/workflows/station.js';
import { order, scanLocation, scanProduct } from './pick-fixtures.js';

/** Runs intents through a reducer: the last state and feedback, every event. */
function runAll<S, I>(reduce: (state: S, intent: I) => ReducerResult<S>, state: S, intents: I[]) {
  let current = state;
  const events: DomainEvent[] = [];
  let feedback: Feedback | null = null;
  for (const intent of intents) {
    const result = reduce(current, intent);
    current = result.state;
    events.push(...result.events);
    feedback = result.feedback;
  }
  return { state: current, events, feedback };
}

const pick = (state: PickState, ...intents: PickIntent[]) => runAll(reducePick, state, intents);
const undo = { type: 'undo' } as const;
const add = (quantity: number) => ({ type: 'quantity', quantity, mode: 'add' }) as const;
const set = (quantity: number) => ({ type: 'quantity', quantity, mode: 'set' }) as const;
const nothingToUndo = { level: 'error', code: 'NOTHING_TO_UNDO' };

describe('pick: undo the last scan', () => {
  // line P3 at A-02-05-1 wants 12
  const atP3 = pick(startPick(order), scanLocation('A-01-02-1'), scanProduct('P1', 3), scanLocation('A-02-05-1')).state;

  it('takes the last scan off a line not yet complete: its units, its lot, one scan.undone event', () => {
    const { state, events, feedback } = pick(atP3, scanProduct('P3', 1, { lot: 'L1' }), scanProduct('P3', 2, { lot: 'L2', expiry: '2027-01-31' }), undo);
    const line = currentLine(state)!;
    expect(line).toMatchObject({ productCode: 'P3', picked: 1, lots: [{ lot: 'L1', expiry: null, quantity: 1 }] });
    expect(feedback).toEqual({ level: 'ok', code: 'SCAN_UNDONE', params: { product: 'P3', quantity: 2 } });
    expect(events).toEqual([{ type: 'scan.undone', payload: { workflow: 'pick', document: 'SO1', productCode: 'P3', location: 'A-02-05-1', lot: 'L2', quantity: 2 } }]);
    expect(state.phase).toBe('product');
    expect(pickUndo(state)).toBeNull();
  });

  it('undoes one level only: a second undo is refused and changes nothing', () => {
    const once = pick(atP3, scanProduct('P3', 2), undo).state;
    const twice = reducePick(once, undo);
    expect(twice).toEqual({ state: once, events: [], feedback: nothingToUndo });
  });

  it('offers what an undo would remove, and the line then completes exactly', () => {
    const scanned = pick(atP3, scanProduct('P3', 2)).state;
    expect(pickUndo(scanned)).toEqual({ productCode: 'P3', quantity: 2 });
    const { events } = pick(scanned, undo, scanProduct('P3', 6), scanProduct('P3', 6));
    expect(events.map((e) => e.type)).toEqual(['scan.undone', 'pick.line.picked']);
    expect(events[1]).toMatchObject({ payload: { quantity: 12, lots: [{ lot: null, expiry: null, quantity: 12 }] } });
  });

  it('refuses an undo once the line is complete (confirmed and sent), and before any scan', () => {
    expect(reducePick(startPick(order), undo)).toMatchObject({ events: [], feedback: nothingToUndo });
    const completed = pick(atP3, scanProduct('P3', 12)).state;
    expect(completed.lines.find((l) => l.productCode === 'P3')).toMatchObject({ status: 'picked', picked: 12 });
    expect(pickUndo(completed)).toBeNull();
    expect(reducePick(completed, undo)).toEqual({ state: completed, events: [], feedback: nothingToUndo });
  });

  it('forgets the last scan when the line is postponed or short', () => {
    const scanned = pick(atP3, scanProduct('P3', 2)).state;
    expect(reducePick(reducePick(scanned, { type: 'postpone' }).state, undo).feedback).toEqual(nothingToUndo);
    expect(reducePick(reducePick(scanned, { type: 'short', reason: 'not-found' }).state, undo).feedback).toEqual(nothingToUndo);
  });

  it('undoes a typed quantity like a scan: the units it added', () => {
    const { state, events } = pick(atP3, scanProduct('P3', 2), set(7), undo);
    expect(currentLine(state)).toMatchObject({ picked: 2 });
    expect(events).toMatchObject([{ type: 'scan.undone', payload: { quantity: 5 } }]);
    const added = pick(atP3, scanProduct('P3', 2), add(3), undo);
    expect(currentLine(added.state)).toMatchObject({ picked: 2 });
    expect(added.events).toMatchObject([{ type: 'scan.undone', payload: { quantity: 3 } }]);
  });
});

describe('pick: typed quantity, add or set', () => {
  const scanned = pick(startPick(order), scanLocation('A-01-02-1'), scanProduct('P1', 3), scanLocation('A-02-05-1'), scanProduct('P3', 2)).state;

  it('set (the default) is the line total; add is this many more', () => {
    expect(currentLine(pick(scanned, { type: 'quantity', quantity: 5 }).state)).toMatchObject({ picked: 5 });
    expect(currentLine(pick(scanned, set(5)).state)).toMatchObject({ picked: 5 });
    const added = pick(scanned, add(5));
    expect(currentLine(added.state)).toMatchObject({ picked: 7 });
    expect(added.feedback).toEqual({ level: 'ok', code: 'PICK_QTY_ADDED', params: { picked: 7, quantity: 12, product: 'P3' } });
  });

  it('add completes the line when it reaches the quantity, and refuses an over-pick', () => {
    expect(pick(scanned, add(10)).events).toMatchObject([{ type: 'pick.line.picked', payload: { productCode: 'P3', quantity: 12 } }]);
    expect(reducePick(scanned, add(11))).toEqual({ state: scanned, events: [], feedback: { level: 'error', code: 'PICK_OVER_PICK', params: { remaining: 10, scanned: 11, product: 'P3' } } });
    expect(reducePick(scanned, add(0)).feedback).toMatchObject({ code: 'PICK_QTY_INVALID' });
  });

  it('still wants a scan of the product first', () => {
    const atBin = pick(startPick(order), scanLocation('A-01-02-1')).state;
    expect(reducePick(atBin, add(2)).feedback).toMatchObject({ code: 'PICK_SCAN_PRODUCT_FIRST' });
  });
});

const ctx = { today: '2026-11-22', overTolerancePercent: 10, otherBin: 'confirm' as const };
const doc = { id: 'PO1', number: 'ACH-1', supplier: 'Dupré', lines: [{ productCode: 'P1', productName: 'Savon', expected: 10 }] };
const product = (productCode: string, multiple = 1, extra: { lot?: string; expiry?: string } = {}): ScanMeaning => ({ kind: 'product', productCode, productName: productCode, multiple, ...extra });
const goods = (meaning: ScanMeaning): ReceiveIntent => ({ type: 'scan', meaning, lotTracked: false, suggested: 'A-01-01-1' });
const bin = (code: string): ReceiveIntent => ({ type: 'scan', meaning: { kind: 'location', code }, lotTracked: false, suggested: null });
const receive = (state: ReceiveState, ...intents: ReceiveIntent[]) => runAll((s: ReceiveState, i: ReceiveIntent) => reduceReceive(s, i, ctx), state, intents);

describe('receive: undo the last scan', () => {
  it('takes the scanned units off those pending: none left, back to scanning', () => {
    const { state, events, feedback } = receive(startReceive(doc), goods(product('P1', 6, { lot: 'L1', expiry: '2027-03-31' })), undo);
    expect(state).toMatchObject({ phase: 'scan', pending: null });
    expect(state.lines).toEqual(startReceive(doc).lines);
    expect(feedback).toEqual({ level: 'ok', code: 'SCAN_UNDONE', params: { product: 'P1', quantity: 6 } });
    expect(events).toEqual([{ type: 'scan.undone', payload: { workflow: 'receive', document: 'ACH-1', productCode: 'P1', location: null, lot: 'L1', quantity: 6 } }]);
    expect(reduceReceive(state, undo, ctx)).toEqual({ state, events: [], feedback: nothingToUndo });
  });

  it('takes back only the units a typed add brought; the scan stays pending', () => {
    const added = receive(startReceive(doc), goods(product('P1', 6)), add(2));
    expect(added.state.pending).toMatchObject({ quantity: 8 });
    expect(receiveUndo(added.state)).toEqual({ productCode: 'P1', quantity: 2 });
    const { state, events } = receive(added.state, undo);
    expect(state).toMatchObject({ phase: 'putaway', pending: { quantity: 6 } });
    expect(events).toMatchObject([{ payload: { quantity: 2 } }]);
    expect(receiveUndo(state)).toBeNull();
  });

  it('a typed set corrects the scan: an undo takes all that is pending', () => {
    const corrected = receive(startReceive(doc), goods(product('P1', 6)), set(4));
    expect(corrected.state.pending).toMatchObject({ quantity: 4 });
    expect(receive(corrected.state, undo)).toMatchObject({ state: { phase: 'scan', pending: null }, events: [{ payload: { quantity: 4 } }] });
  });

  it('nothing to undo once put away, and a product not on the document goes with its undone scan', () => {
    const putAway = receive(startReceive(doc), goods(product('P1', 6)), bin('A-01-01-1')).state;
    expect(reduceReceive(putAway, undo, ctx)).toEqual({ state: putAway, events: [], feedback: nothingToUndo });
    const unexpected = receive(startReceive(doc), goods(product('P9', 2)), undo);
    // its discrepancy goes upstream only with units committed: undone before, the hub hears of nothing but the undo
    expect(unexpected.events.map((e) => e.type)).toEqual(['scan.undone']);
    expect(unexpected.state.lines.map((l) => l.productCode)).toEqual(['P1']);
  });

  it('damaged units are recorded: an undo takes back only what is still pending', () => {
    const { state, events } = receive(startReceive(doc), goods(product('P1', 6)), { type: 'damaged', quantity: 2, reason: 'wet' }, undo);
    expect(state).toMatchObject({ phase: 'scan', pending: null });
    expect(state.lines[0]).toMatchObject({ damaged: 2, received: 0 });
    expect(events.map((e) => e.type)).toEqual(['receipt.discrepancy', 'scan.undone']);
    expect(events[1]).toMatchObject({ payload: { quantity: 4 } });
  });

  it('add puts more units on the pending ones; set keeps its meaning', () => {
    const scanned = receive(startReceive(doc), goods(product('P1', 6))).state;
    expect(receive(scanned, add(3))).toMatchObject({ state: { pending: { quantity: 9 } }, feedback: { code: 'RECEIVE_PUTAWAY', params: { quantity: 9 } } });
    expect(receive(scanned, { type: 'quantity', quantity: 3 }).state.pending).toMatchObject({ quantity: 3 });
    expect(reduceReceive(scanned, add(0), ctx).feedback).toMatchObject({ code: 'PICK_QTY_INVALID' });
  });
});

const settings = { blind: false, recount: { quantity: 1, percent: 10 }, recountByAnother: false };
const loc = (code: string): CountIntent => ({ type: 'scan', meaning: { kind: 'location', code }, expected: 0 });
const unit = (productCode: string, multiple = 1, lot?: string): CountIntent => ({ type: 'scan', meaning: product(productCode, multiple, lot ? { lot } : {}), expected: 10 });
const count = (state: CountState, ...intents: CountIntent[]) => runAll(reduceCount, state, intents);
const confirm: CountIntent = { type: 'confirm-line', operator: 'OP01' };

describe('count: undo the last scan', () => {
  const atBin = count(startCount('INV-1', 'INV-1', settings), loc('A-01-01-1')).state;

  it('takes the last scan off the pending count, then the line confirms with the exact figure', () => {
    const { state, events, feedback } = count(atBin, unit('P1', 6, 'L1'), unit('P1', 2, 'L1'), undo);
    expect(state.pending).toMatchObject({ productCode: 'P1', quantity: 6 });
    expect(feedback).toEqual({ level: 'ok', code: 'SCAN_UNDONE', params: { product: 'P1', quantity: 2 } });
    expect(events).toEqual([{ type: 'scan.undone', payload: { workflow: 'count', document: 'INV-1', productCode: 'P1', location: 'A-01-01-1', lot: 'L1', quantity: 2 } }]);
    expect(reduceCount(state, undo).feedback).toEqual(nothingToUndo);
    expect(count(state, unit('P1', 4, 'L1'), confirm).events).toMatchObject([{ type: 'count.line.counted', payload: { counted: 10 } }]);
  });

  it('undoing the only scan leaves nothing pending: another product may be counted', () => {
    const { state } = count(atBin, unit('P1', 3), undo);
    expect(state.pending).toBeNull();
    expect(count(state, unit('P2', 1)).state.pending).toMatchObject({ productCode: 'P2', quantity: 1 });
  });

  it('nothing to undo once the line is confirmed, nor in an ad-hoc count before any scan', () => {
    const confirmed = count(atBin, unit('P1', 10), confirm).state;
    expect(countUndo(confirmed)).toBeNull();
    expect(reduceCount(confirmed, undo)).toEqual({ state: confirmed, events: [], feedback: nothingToUndo });
    const adHoc = startCount(null, 'ad hoc', settings);
    expect(reduceCount(adHoc, undo).feedback).toEqual(nothingToUndo);
    expect(count(adHoc, loc('A-01-01-1'), unit('P1', 2), undo).events).toMatchObject([{ payload: { document: null, quantity: 2 } }]);
  });

  it('add counts this many more and is undone like a scan; set replaces the figure', () => {
    const scanned = count(atBin, unit('P1', 3)).state;
    const added = count(scanned, add(4));
    expect(added.state.pending).toMatchObject({ quantity: 7 });
    expect(added.feedback).toEqual({ level: 'info', code: 'COUNT_UNIT', params: { product: 'P1', quantity: 7 } });
    expect(countUndo(added.state)).toEqual({ productCode: 'P1', quantity: 4 });
    expect(count(added.state, undo).state.pending).toMatchObject({ quantity: 3 });
    expect(count(scanned, { type: 'quantity', quantity: 0 }).state.pending).toMatchObject({ quantity: 0 });
    // a set that raised the figure is undone by what it raised it; one that lowered it is not undone
    const raised = count(scanned, set(5)).state;
    expect(countUndo(raised)).toEqual({ productCode: 'P1', quantity: 2 });
    const lowered = count(scanned, set(1)).state;
    expect(countUndo(lowered)).toBeNull();
    expect(reduceCount(lowered, undo).feedback).toEqual(nothingToUndo);
    expect(reduceCount(scanned, add(0)).feedback).toMatchObject({ code: 'PICK_QTY_INVALID' });
  });
});

describe('station: undo reaches the workflow on its screen only', () => {
  const stationCtx: StationContext = {
    packing: { tolerance: { absoluteGrams: 50, percent: 5 }, fillerGrams: 0, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' },
    scale: { kind: 'none' },
    receiving: ctx,
    counting: settings,
    picking: { weightOverPercent: 10 },
  };
  const station = (state: StationState, ...intents: StationIntent[]) => runAll((s: StationState, i: StationIntent) => reduceStation(s, i, stationCtx), state, intents);
  const signedIn: StationState = { operator: { code: 'OP01', name: 'Ana' }, screen: 'menu', pick: null, pack: null };

  it('on the pick screen, as on the menu (refused there)', () => {
    expect(reduceStation(signedIn, undo, stationCtx).feedback).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
    const picking = station(signedIn, { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order }, scanLocation('A-01-02-1'), scanProduct('P1', 2), undo);
    expect(picking.events).toMatchObject([{ type: 'scan.undone', payload: { workflow: 'pick', quantity: 2 } }]);
    expect(picking.state.pick && currentLine(picking.state.pick)).toMatchObject({ picked: 0 });
  });

  it('on the receive and count screens', () => {
    const receiving = station(signedIn, { type: 'menu', choice: 'receive' }, { type: 'open-receipt', ref: 'ACH-1', doc }, { type: 'receive-scan', meaning: product('P1', 3), lotTracked: false, suggested: null }, undo);
    expect(receiving.events).toMatchObject([{ type: 'scan.undone', payload: { workflow: 'receive', quantity: 3 } }]);
    const counting = station(
      signedIn,
      { type: 'menu', choice: 'count' },
      { type: 'open-count', taskId: 'INV-1', label: 'INV-1', found: true },
      { type: 'count-scan', meaning: { kind: 'location', code: 'A-01-01-1' }, expected: 0 },
      { type: 'count-scan', meaning: product('P1', 3), expected: 3 },
      add(2),
      undo,
    );
    expect(counting.events).toMatchObject([{ type: 'scan.undone', payload: { workflow: 'count', quantity: 2 } }]);
    expect(counting.state.count?.pending).toMatchObject({ quantity: 3 });
  });
});
