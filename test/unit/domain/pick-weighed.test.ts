import { describe, expect, it } from 'vitest';
import type { PickOrder } from '../../../src/domain/order.js';
import type { ScanMeaning } from '../../../src/domain/scan-meaning.js';
import { reducePick, startPick, weightOverAllowance, type PickIntent, type PickState } from '../../../src/domain/workflows/pick.js';
import { bin, scanLocation } from './pick-fixtures.js';

// 750 g of ham sold by weight (unit g); the cut pieces' labels never add up to the exact gram
const ham: PickOrder = {
  id: 'SO9',
  number: 'CMD-9',
  customer: 'Épicerie Fine Sud',
  lines: [{ lineId: '1', productCode: 'PJAMBON', productName: 'Jambon', barcode: null, location: bin('A', 1, 1), quantity: 750, unit: 'g' }],
};
/** A weight label of a product sold by weight, as weighedScan reads it: its grams are its units. */
const label = (grams: number): PickIntent => ({ type: 'scan', meaning: { kind: 'product', productCode: 'PJAMBON', productName: 'Jambon', multiple: grams, weighedGrams: grams } });
const at = (state: PickState, intents: PickIntent[], weightOverPercent = 10) => {
  let current = state;
  let last = reducePick(current, scanLocation('A-01-01-1'), { weightOverPercent });
  current = last.state;
  const events = [];
  for (const intent of intents) {
    last = reducePick(current, intent, { weightOverPercent });
    current = last.state;
    events.push(...last.events);
  }
  return { state: current, events, feedback: last.feedback };
};

describe('picking a product sold by weight: a label may overshoot the grams ordered within the site tolerance', () => {
  it('317 g then 434 g for 750 g ordered: the line completes with the 751 g picked, the event carries them', () => {
    const { state, events, feedback } = at(startPick(ham), [label(317), label(434)]);
    expect(state.phase).toBe('done');
    expect(state.lines[0]).toMatchObject({ status: 'picked', picked: 751, quantity: 750 });
    expect(feedback).toMatchObject({ level: 'ok', code: 'PICK_ORDER_DONE' });
    expect(events).toEqual([{ type: 'pick.line.picked', payload: { orderId: 'SO9', lineId: '1', productCode: 'PJAMBON', location: 'A-01-01-1', quantity: 751, lots: [{ lot: null, expiry: null, quantity: 751 }] } }]);
  });

  it('up to the tolerance exactly (10 % of 750 g = 75 g over) completes; one gram beyond is PICK_OVER_PICK and changes nothing', () => {
    expect(at(startPick(ham), [label(317), label(508)]).state.lines[0]).toMatchObject({ status: 'picked', picked: 825 });
    const over = at(startPick(ham), [label(317), label(509)]);
    expect(over.feedback).toEqual({ level: 'error', code: 'PICK_OVER_PICK', params: { remaining: 433, scanned: 509, product: 'PJAMBON' } });
    expect(over.state.lines[0]).toMatchObject({ status: 'open', picked: 317 });
    expect(over.events).toEqual([]);
  });

  it('a site tolerance of 0 % wants the exact gram, as before', () => {
    expect(at(startPick(ham), [label(317), label(434)], 0).feedback).toMatchObject({ code: 'PICK_OVER_PICK' });
  });

  it('no tolerance for what is not a weight label of a product sold by weight: typed grams, pieces, a product in pieces', () => {
    const line = startPick(ham).lines[0]!;
    const grams: Extract<ScanMeaning, { kind: 'product' }> = { kind: 'product', productCode: 'PJAMBON', productName: 'Jambon', multiple: 10, weighedGrams: 10 };
    expect(weightOverAllowance(line, grams, { weightOverPercent: 10 })).toBe(75);
    // a code of the product that is not a weight label (its reference, an EAN): no grams read
    expect(weightOverAllowance(line, { ...grams, weighedGrams: undefined }, { weightOverPercent: 10 })).toBe(0);
    // a product counted in pieces whose label gave a piece's weight
    expect(weightOverAllowance({ ...line, unit: 'pce', quantity: 2 }, { ...grams, multiple: 1, weighedGrams: 412 }, { weightOverPercent: 10 })).toBe(0);
    // a state saved before lines kept their unit: as before
    expect(weightOverAllowance({ ...line, unit: undefined }, grams, { weightOverPercent: 10 })).toBe(0);
    // typed grams beyond the line are refused as over-picks
    expect(at(startPick(ham), [label(317), { type: 'quantity', quantity: 434, mode: 'add' }]).feedback).toMatchObject({ code: 'PICK_OVER_PICK' });
  });

  it('a lot-tracked product sold by weight: the label of the bin\'s lot overshoots within the tolerance too', () => {
    const lots = [{ lot: 'L1', expiry: '2027-01-31', quantity: 5000 }];
    const withLot = (grams: number): PickIntent => ({ type: 'scan', meaning: { kind: 'product', productCode: 'PJAMBON', productName: 'Jambon', multiple: grams, weighedGrams: grams, lot: 'L1' }, lots });
    expect(at(startPick(ham), [withLot(400), withLot(380)]).state.lines[0]).toMatchObject({ status: 'picked', picked: 780 });
  });
});
