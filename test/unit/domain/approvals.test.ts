import { describe, expect, it } from 'vitest';
import type { ApprovalIntent } from '../../../src/domain/approval.js';
import type { ScanMeaning } from '../../../src/domain/scan-meaning.js';
import { reduceCount, startCount, type CountIntent } from '../../../src/domain/workflows/count.js';
import { reduceReceive, startReceive, type ReceiveContext, type ReceiveIntent } from '../../../src/domain/workflows/receive.js';
import { initialStationState, reduceStation, type StationIntent, type StationState } from '../../../src/domain/workflows/station.js';
import { stationContext } from '../../helpers/station-context.js';
import { bin, runReceive } from './receive-fixtures.js';

const confirmSite: ReceiveContext = { today: '2026-11-22', overTolerancePercent: 10, otherBin: 'confirm' };
const supervisorSite: ReceiveContext = { ...confirmSite, otherBin: 'supervisor' };
const doc = { id: 'PO1', number: 'ACH-1', supplier: 'Dupré', lines: [{ productCode: 'P1', productName: 'Savon', expected: 12 }] };
const goods = (quantity: number): ReceiveIntent => ({ type: 'scan', meaning: { kind: 'product', productCode: 'P1', productName: 'Savon', multiple: quantity }, lotTracked: false, suggested: 'A-01-02-2' });
const approval = (reason: ApprovalIntent['reason'], patch: Partial<ApprovalIntent> = {}): ApprovalIntent => ({ type: 'override', supervisor: 'SUP1', pinOk: true, reason, note: null, ...patch });

const receive = runReceive;

describe('over-receipt beyond the tolerance', () => {
  it('puts away within the tolerance as before: 13 for 12 at 10 %', () => {
    const { events } = receive(confirmSite, startReceive(doc), goods(13), bin('A-01-02-2'));
    expect(events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ quantity: 13, location: 'A-01-02-2', approvals: [] }) }]);
  });

  it('holds units beyond it until a supervisor approves, then records the approval and the over-receipt', () => {
    const held = receive(confirmSite, startReceive(doc), goods(14), bin('A-01-02-2'));
    expect(held.events).toEqual([]);
    expect(held.feedback).toEqual({ level: 'error', code: 'RECEIVE_OVER_APPROVAL', params: { product: 'P1', quantity: 14, location: 'A-01-02-2', received: 14, expected: 12, allowed: 13 } });
    expect(held.state).toMatchObject({ phase: 'putaway', hold: { location: 'A-01-02-2', checks: ['over-receipt'] }, lines: [{ received: 0 }] });
    // scanning the bin again is no approval
    expect(reduceReceive(held.state, bin('A-01-02-2'), confirmSite)).toMatchObject({ state: held.state, events: [], feedback: { code: 'RECEIVE_OVER_APPROVAL' } });
    const approved = reduceReceive(held.state, approval('supplier-agreed', { note: 'extra carton' }), confirmSite);
    expect(approved.events).toEqual([
      {
        type: 'receipt.line.received',
        payload: { receiptId: 'PO1', receipt: 'ACH-1', productCode: 'P1', quantity: 14, lot: null, expiry: null, location: 'A-01-02-2', suggested: 'A-01-02-2', approvals: [{ kind: 'over-receipt', supervisor: 'SUP1', reason: 'supplier-agreed', note: 'extra carton' }] },
      },
      { type: 'receipt.discrepancy', payload: expect.objectContaining({ kind: 'over', productCode: 'P1', quantity: 2, expected: 12 }) },
    ]);
    expect(approved.feedback).toEqual({ level: 'ok', code: 'RECEIVE_OVER', params: { product: 'P1', received: 14, expected: 12, supervisor: 'SUP1', location: 'A-01-02-2' } });
    expect(approved.state).toMatchObject({ phase: 'scan', pending: null, hold: null, lines: [{ received: 14 }] });
  });

  it('refuses a wrong code or PIN, a reason of another kind, or an approval nothing waits for, recording nothing', () => {
    const held = receive(confirmSite, startReceive(doc), goods(14), bin('A-01-02-2')).state;
    expect(reduceReceive(held, approval('supplier-agreed', { supervisor: null, pinOk: false }), confirmSite)).toEqual({ state: held, events: [], feedback: { level: 'error', code: 'APPROVAL_REFUSED' } });
    expect(reduceReceive(held, approval('supplier-agreed', { pinOk: false }), confirmSite)).toEqual({ state: held, events: [], feedback: { level: 'error', code: 'APPROVAL_REFUSED' } });
    expect(reduceReceive(held, approval('suggested-bin-full'), confirmSite)).toEqual({ state: held, events: [], feedback: { level: 'error', code: 'APPROVAL_REASON_INVALID', params: { reason: 'suggested-bin-full' } } });
    const scanning = receive(confirmSite, startReceive(doc), goods(2)).state;
    expect(reduceReceive(scanning, approval('supplier-agreed'), confirmSite)).toMatchObject({ state: scanning, events: [], feedback: { code: 'NOT_ON_THIS_SCREEN' } });
  });

  it('asks again for each later put-away beyond it; the over-receipts add up to what came over the order', () => {
    const first = receive(confirmSite, startReceive(doc), goods(14), bin('A-01-02-2'), approval('supplier-agreed'));
    const second = receive(confirmSite, first.state, goods(3), bin('A-01-02-2'));
    expect(second.feedback).toMatchObject({ code: 'RECEIVE_OVER_APPROVAL', params: { received: 17 } });
    const done = receive(confirmSite, second.state, approval('order-too-small'));
    const overs = [...first.events, ...done.events].flatMap((e) => (e.type === 'receipt.discrepancy' ? [e.payload.quantity] : []));
    expect(overs).toEqual([2, 3]);
  });

  it('lets a changed quantity go back within it: the held bin is released and checked again', () => {
    const held = receive(confirmSite, startReceive(doc), goods(14), bin('A-01-02-2')).state;
    const corrected = reduceReceive(held, { type: 'quantity', quantity: 12 }, confirmSite).state;
    expect(corrected.hold).toBeNull();
    expect(receive(confirmSite, corrected, bin('A-01-02-2')).events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ quantity: 12, approvals: [] }) }]);
    expect(reduceReceive(held, { type: 'undo' }, confirmSite).state.hold).toBeNull();
    expect(reduceReceive(held, { type: 'damaged', quantity: 2, reason: 'crushed' }, confirmSite).state.hold).toBeNull();
  });
});

describe('put-away into a bin other than the one suggested', () => {
  it('asks the operator to confirm (the bin scanned again); another bin starts over, the suggested one goes straight in', () => {
    const held = receive(confirmSite, startReceive(doc), goods(4), bin('C-04-10-3'));
    expect(held.events).toEqual([]);
    expect(held.feedback).toEqual({ level: 'error', code: 'RECEIVE_OTHER_BIN', params: { product: 'P1', quantity: 4, location: 'C-04-10-3', suggested: 'A-01-02-2' } });
    expect(held.state.hold).toEqual({ location: 'C-04-10-3', checks: ['confirm'], approvals: [] });
    expect(receive(confirmSite, held.state, bin('B-01-01-1')).state.hold).toMatchObject({ location: 'B-01-01-1', checks: ['confirm'] });
    expect(receive(confirmSite, held.state, bin('A-01-02-2')).events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ location: 'A-01-02-2', approvals: [] }) }]);
    const confirmed = receive(confirmSite, held.state, bin('C-04-10-3'));
    expect(confirmed.events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ location: 'C-04-10-3', suggested: 'A-01-02-2', approvals: [] }) }]);
    expect(confirmed.feedback).toMatchObject({ level: 'ok', code: 'RECEIVE_PUT_AWAY' });
    // a supervisor's approval is not what a confirmation waits for
    expect(reduceReceive(held.state, approval('suggested-bin-full'), confirmSite)).toMatchObject({ state: held.state, feedback: { code: 'NOT_ON_THIS_SCREEN' } });
  });

  it('needs a supervisor where the site says so, recorded with the put-away', () => {
    const held = receive(supervisorSite, startReceive(doc), goods(4), bin('C-04-10-3'));
    expect(held.feedback).toMatchObject({ code: 'RECEIVE_OTHER_BIN_APPROVAL', params: { location: 'C-04-10-3', suggested: 'A-01-02-2' } });
    expect(reduceReceive(held.state, bin('C-04-10-3'), supervisorSite)).toMatchObject({ state: held.state, events: [] });
    expect(reduceReceive(held.state, approval('supplier-agreed'), supervisorSite).feedback).toMatchObject({ code: 'APPROVAL_REASON_INVALID' });
    const approved = reduceReceive(held.state, approval('suggested-bin-full'), supervisorSite);
    expect(approved.events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ location: 'C-04-10-3', approvals: [{ kind: 'putaway', supervisor: 'SUP1', reason: 'suggested-bin-full', note: null }] }) }]);
  });

  it('asks for the bin first, then the over-receipt; both approvals travel with the units', () => {
    const held = receive(supervisorSite, startReceive(doc), goods(14), bin('C-04-10-3'));
    expect(held.state.hold?.checks).toEqual(['putaway', 'over-receipt']);
    const binApproved = reduceReceive(held.state, approval('suggested-bin-blocked'), supervisorSite);
    expect(binApproved).toMatchObject({ events: [], feedback: { code: 'RECEIVE_OVER_APPROVAL' }, state: { hold: { checks: ['over-receipt'] } } });
    const done = reduceReceive(binApproved.state, approval('supplier-agreed', { supervisor: 'SUP2' }), supervisorSite);
    expect(done.events[0]).toMatchObject({ payload: { approvals: [{ kind: 'putaway', supervisor: 'SUP1' }, { kind: 'over-receipt', supervisor: 'SUP2' }] } });
  });

  it('asks nothing when no bin was suggested, and nothing of a blind receipt but the bin', () => {
    const none: ReceiveIntent = { ...goods(4), suggested: null } as ReceiveIntent;
    expect(receive(confirmSite, startReceive(doc), none, bin('C-04-10-3')).events).toHaveLength(1);
    const blind = receive(confirmSite, startReceive({ id: null, number: 'BL-1', supplier: '', lines: [] }), goods(400), bin('A-01-02-2'));
    expect(blind.events).toEqual([{ type: 'receipt.line.received', payload: expect.objectContaining({ quantity: 400, approvals: [] }) }]);
  });
});

const settings = { blind: true, recount: { quantity: 1, percent: 5 }, recountByAnother: true };
const location = (code: string, outside: { scope: 'location' | 'zone' | 'product'; target: string } | null = null): CountIntent => ({ type: 'scan', meaning: { kind: 'location', code } as ScanMeaning, expected: 0, outside });

describe('a count task and the bins it covers', () => {
  it('refuses a bin outside the task, naming it and the task’s bins, counts nothing and offers it', () => {
    const task = startCount('INV-3001', 'INV-3001 A-01-02-2', settings);
    const refused = reduceCount(task, location('C-04-10-3', { scope: 'location', target: 'A-01-02-2' }));
    expect(refused.events).toEqual([]);
    expect(refused.feedback).toEqual({ level: 'error', code: 'COUNT_BIN_NOT_IN_TASK', params: { location: 'C-04-10-3', task: 'INV-3001', scope: 'location', target: 'A-01-02-2' } });
    expect(refused.state).toEqual({ ...task, offer: 'C-04-10-3' });
    // the task's own bin is taken, and the offer goes
    expect(reduceCount(refused.state, location('A-01-02-2')).state).toMatchObject({ location: 'A-01-02-2', phase: 'product', offer: null });
    // a pick elsewhere on the site does not take the offer away
    expect(reduceCount(refused.state, { type: 'stock-moved', location: 'B-01-01-1', productCode: 'P1', delta: -1 }).state.offer).toBe('C-04-10-3');
  });

  const marie = { code: 'OP01', name: 'Marie Dubois' };
  const ctx = stationContext({ receiving: confirmSite, counting: settings });
  function station(state: StationState, ...intents: StationIntent[]) {
    let current = state;
    let last = null;
    for (const intent of intents) {
      last = reduceStation(current, intent, ctx);
      current = last.state;
    }
    return { state: current, last: last! };
  }
  const inTask = station(initialStationState(), { type: 'sign-in', entered: 'OP01', operator: marie }, { type: 'menu', choice: 'count' }, { type: 'open-count', taskId: 'INV-3001', label: 'INV-3001 A-01-02-2', found: true });
  const p1 = { kind: 'product', productCode: 'P1', productName: 'Savon', multiple: 1 } as const;

  it('counts the refused bin on its own, the task paused, and resumes the task when that count is finished', () => {
    expect(station(inTask.state, { type: 'adhoc-count' }).last.feedback).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
    const offered = station(inTask.state, { type: 'count-scan', meaning: { kind: 'location', code: 'C-04-10-3' }, expected: 0, outside: { scope: 'location', target: 'A-01-02-2' } });
    const adhoc = station(offered.state, { type: 'adhoc-count' });
    expect(adhoc.last.feedback).toEqual({ level: 'ok', code: 'COUNT_ADHOC_STARTED', params: { location: 'C-04-10-3', task: 'INV-3001' } });
    expect(adhoc.state.count).toMatchObject({ taskId: null, label: 'ad hoc C-04-10-3', location: 'C-04-10-3', phase: 'product' });
    expect(adhoc.state.pausedCount).toMatchObject({ taskId: 'INV-3001', offer: null });
    const counted = station(adhoc.state, { type: 'count-scan', meaning: p1, expected: 0 }, { type: 'confirm-line', operator: 'OP01' }, { type: 'close' });
    expect(counted.last.events).toEqual([{ type: 'count.closed', payload: { taskId: null, lines: 1, recounts: 0 } }]);
    const resumed = station(counted.state, { type: 'finish' });
    expect(resumed.last.feedback).toEqual({ level: 'info', code: 'COUNT_TASK_RESUMED', params: { task: 'INV-3001' } });
    expect(resumed.state).toMatchObject({ screen: 'count', count: { taskId: 'INV-3001', phase: 'location' }, pausedCount: null });
    // left by Esc instead: the task is the count under way, menu 4 goes back to it
    const left = station(counted.state, { type: 'back' });
    expect(left.state).toMatchObject({ screen: 'menu', count: { taskId: 'INV-3001' }, pausedCount: null });
    expect(station(left.state, { type: 'menu', choice: 'count' }).state).toMatchObject({ screen: 'count', count: { taskId: 'INV-3001', phase: 'location' } });
  });

  it('keeps the paused task up to date with picks while the ad-hoc count goes on', () => {
    const onBin = station(inTask.state, { type: 'count-scan', meaning: { kind: 'location', code: 'A-01-02-2' }, expected: 0 }, { type: 'count-scan', meaning: p1, expected: 6 }, { type: 'confirm-line', operator: 'OP01' });
    const adhoc = station(onBin.state, { type: 'count-scan', meaning: { kind: 'location', code: 'C-04-10-3' }, expected: 0, outside: { scope: 'location', target: 'A-01-02-2' } }, { type: 'adhoc-count' });
    // a recount line of the task (6 expected, 1 counted) learns of a pick of 2 there
    const moved = station(adhoc.state, { type: 'stock-moved', location: 'A-01-02-2', productCode: 'P1', delta: -2 });
    expect(moved.state.pausedCount?.lines[0]).toMatchObject({ status: 'recount', moved: -2 });
  });
});
