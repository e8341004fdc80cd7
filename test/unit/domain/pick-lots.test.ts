import { describe, expect, it } from 'vitest';
import type { ApprovalIntent } from '../../../src/domain/approval.js';
import { fefoOrder, lotTextProblem, type BinLot } from '../../../src/domain/lot.js';
import { reducePick, startPick, type PickIntent, type PickState } from '../../../src/domain/workflows/pick.js';
import { order, run, scanLocation } from './pick-fixtures.js';

/** P1 (3 to pick in A-01-02-1) is lot-tracked; its bin holds two lots, listed here out of FEFO order. */
const inBin: BinLot[] = fefoOrder([
  { lot: 'L-LATE', expiry: '2027-09-30', quantity: 10 },
  { lot: 'L-EARLY', expiry: '2027-02-28', quantity: 4 },
]);

const scanP1 = (lot?: string, multiple = 1): PickIntent => ({ type: 'scan', meaning: { kind: 'product', productCode: 'P1', productName: 'Stylo', multiple, ...(lot && { lot }) }, lots: inBin });
const typed = (lot: string, lots: BinLot[] | null = inBin): PickIntent => ({ type: 'lot', lot, lots });
const approval = (patch: Partial<ApprovalIntent> = {}): ApprovalIntent => ({ type: 'override', supervisor: 'SUP1', pinOk: true, reason: 'lot-not-recorded', note: null, ...patch });

const atP1 = run(startPick(order), scanLocation('A-01-02-1')).state;

describe('lots at picking', () => {
  it('the FEFO order: first expiry first, lots without a date last', () => {
    expect(fefoOrder([{ lot: 'B', expiry: null, quantity: 1 }, ...inBin]).map((l) => l.lot)).toEqual(['L-EARLY', 'L-LATE', 'B']);
  });

  it('a lot-tracked line refuses a scan without a lot, naming the FEFO lot; nothing changes', () => {
    const result = reducePick(atP1, scanP1());
    expect(result.state).toBe(atP1);
    expect(result.events).toEqual([]);
    expect(result.feedback).toEqual({ level: 'error', code: 'PICK_LOT_REQUIRED', params: { product: 'P1', fefo: 'L-EARLY' } });
  });

  it('a GS1 lot the bin holds is picked, with the bin’s expiry; the line’s event carries the lots', () => {
    const { state, events, feedback } = run(atP1, scanP1('L-LATE'), scanP1('L-EARLY', 2));
    expect(feedback).toMatchObject({ level: 'ok', code: 'PICK_LINE_DONE' });
    expect(state.lotRefused ?? null).toBeNull();
    expect(events).toEqual([
      { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '2', productCode: 'P1', location: 'A-01-02-1', quantity: 3, lots: [{ lot: 'L-LATE', expiry: '2027-09-30', quantity: 1 }, { lot: 'L-EARLY', expiry: '2027-02-28', quantity: 2 }] } },
    ]);
  });

  it('after a GS1 lot, plain scans and a typed quantity count units of that lot', () => {
    const { events } = run(atP1, scanP1('L-EARLY'), scanP1(), { type: 'quantity', quantity: 1, mode: 'add' });
    expect(events[0]?.payload).toMatchObject({ quantity: 3, lots: [{ lot: 'L-EARLY', expiry: '2027-02-28', quantity: 3 }] });
  });

  it('an unknown GS1 lot is refused with the bin’s lots, picks nothing, and waits for a supervisor', () => {
    const result = reducePick(atP1, scanP1('LX-9', 2));
    expect(result.events).toEqual([]);
    expect(result.feedback).toEqual({ level: 'error', code: 'PICK_LOT_NOT_IN_BIN', params: { lot: 'LX-9', location: 'A-01-02-1', lots: 'L-EARLY, L-LATE' } });
    expect(result.state.lines.find((l) => l.lineId === '2')?.picked).toBe(0);
    expect(result.state.lotRefused).toEqual({ lineId: '2', lot: 'LX-9', expiry: null, units: 2, known: ['L-EARLY', 'L-LATE'] });
  });

  it('a supervisor’s lot approval: a reason of another kind, a wrong PIN or an unknown supervisor are refused and record nothing', () => {
    const refused = reducePick(atP1, scanP1('LX-9', 2)).state;
    for (const [intent, code] of [
      [approval({ reason: 'packaging-variance' }), 'APPROVAL_REASON_INVALID'],
      [approval({ pinOk: false }), 'APPROVAL_REFUSED'],
      [approval({ supervisor: null, pinOk: false }), 'APPROVAL_REFUSED'],
    ] as const) {
      const result = reducePick(refused, intent);
      expect(result.state).toBe(refused);
      expect(result.events).toEqual([]);
      expect(result.feedback).toMatchObject({ level: 'error', code });
    }
    expect(reducePick(atP1, approval()).feedback).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
  });

  it('an approved lot: its own event (who, why, the bin’s lots), the refused scan’s units picked, the same lot accepted after', () => {
    const { state, events } = run(atP1, scanP1('LX-9', 2), approval({ reason: 'lot-label-wrong', note: 'étiquette refaite' }), scanP1('LX-9'));
    expect(state.phase).toBe('location');
    expect(events).toEqual([
      { type: 'lot.override', payload: { orderId: 'SO1', lineId: '2', productCode: 'P1', location: 'A-01-02-1', lot: 'LX-9', expiry: null, known: ['L-EARLY', 'L-LATE'], supervisor: 'SUP1', reason: 'lot-label-wrong', note: 'étiquette refaite' } },
      { type: 'pick.line.picked', payload: { orderId: 'SO1', lineId: '2', productCode: 'P1', location: 'A-01-02-1', quantity: 3, lots: [{ lot: 'LX-9', expiry: null, quantity: 3 }] } },
    ]);
  });

  it('a typed lot the bin holds becomes the line’s lot; plain scans then count it', () => {
    const chosen = reducePick(atP1, typed(' L-LATE '));
    expect(chosen.feedback).toEqual({ level: 'ok', code: 'PICK_LOT_OK', params: { lot: 'L-LATE', product: 'P1' } });
    expect(chosen.events).toEqual([]);
    const { events } = run(chosen.state, scanP1(), scanP1(), scanP1());
    expect(events[0]?.payload).toMatchObject({ lots: [{ lot: 'L-LATE', expiry: '2027-09-30', quantity: 3 }] });
  });

  it('a typed lot not in the bin is refused with the bin’s lots; approved, it is the line’s lot with nothing picked yet', () => {
    const refused = reducePick(atP1, typed('LX-7'));
    expect(refused.feedback).toMatchObject({ level: 'error', code: 'PICK_LOT_NOT_IN_BIN', params: { lot: 'LX-7', lots: 'L-EARLY, L-LATE' } });
    const approved = reducePick(refused.state, approval());
    expect(approved.feedback).toEqual({ level: 'ok', code: 'PICK_LOT_APPROVED', params: { lot: 'LX-7', supervisor: 'SUP1' } });
    expect(approved.events.map((e) => e.type)).toEqual(['lot.override']);
    expect(approved.state.lines.find((l) => l.lineId === '2')?.picked).toBe(0);
    expect(reducePick(approved.state, scanP1()).state.lines.find((l) => l.lineId === '2')?.lots).toEqual([{ lot: 'LX-7', expiry: null, quantity: 1 }]);
  });

  describe('bad typed lots: a clear error naming what was typed, nothing recorded', () => {
    it.each<[string, PickState, PickIntent, string, Record<string, string | number>]>([
      ['control characters', atP1, typed('L26\u0007X'), 'PICK_LOT_CONTROL_CHARS', { lot: 'L26^GX' }],
      ['a group separator', atP1, typed('L26\u001dX'), 'PICK_LOT_CONTROL_CHARS', { lot: 'L26^]X' }],
      ['too long', atP1, typed('L'.repeat(21)), 'PICK_LOT_TOO_LONG', { lot: 'L'.repeat(21), max: 20 }],
      ['an accent (outside GS1 character set 82)', atP1, typed('Lé@1'), 'PICK_LOT_BAD_CHARACTER', { lot: 'Lé@1' }],
      ['a space inside', atP1, typed('L26 140'), 'PICK_LOT_BAD_CHARACTER', { lot: 'L26 140' }],
      ['a product without lots', atP1, typed('L26140', null), 'PICK_LOT_NOT_TRACKED', { product: 'P1' }],
      ['before the bin is scanned', startPick(order), typed('L-LATE'), 'PICK_SCAN_LOCATION_FIRST', { location: 'A-01-02-1' }],
    ])('%s', (_name, state, intent, code, params) => {
      const result = reducePick(state, intent);
      expect(result.state).toBe(state);
      expect(result.events).toEqual([]);
      expect(result.feedback).toEqual({ level: 'error', code, params });
    });
  });

  it('what a lot may be: GS1 character set 82 (no control characters, accents, @ or #), 20 characters at most', () => {
    expect(lotTextProblem('L26140')).toBeNull();
    expect(lotTextProblem('AB-12/3.x_(7)')).toBeNull();
    expect(lotTextProblem('L26"292')).toBeNull();
    for (const lot of ['Lé1', 'L@1', 'L#1', 'L 1']) expect(lotTextProblem(lot)).toBe('charset');
    expect(lotTextProblem('L'.repeat(20))).toBeNull();
    expect(lotTextProblem('L'.repeat(21))).toBe('too-long');
    expect(lotTextProblem('L\u0085')).toBe('control');
  });
});
