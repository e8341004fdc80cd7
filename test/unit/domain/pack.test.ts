import { describe, expect, it } from 'vitest';
import type { BoxType } from '../../../src/domain/catalog.js';
import type { PackOrder } from '../../../src/domain/order-to-pack.js';
import { expectedWeight } from '../../../src/domain/weight-check.js';
import type { StationScale } from '../../../src/domain/scale-reading.js';
import { reducePack, startPack, typedWeightAllowed, type PackIntent, type PackRules, type PackState } from '../../../src/domain/workflows/pack.js';

const rules: PackRules = { tolerance: { absoluteGrams: 20, percent: 2 }, fillerGrams: 10, families: { cosmetique: { absoluteGrams: 50, percent: 5 } }, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' };
/** An online scale with nothing settled on it: weights come as `weight` intents. */
const idle: StationScale = { kind: 'online', load: null, emptiedSinceWeighed: true };
const box: BoxType = { code: 'BOX-S', name: 'Carton S', tareGrams: 120, maxGrams: 5000, tolerance: null };
const order: PackOrder = {
  id: 'SO1',
  number: 'CMD-1',
  customer: 'Camille Laurent',
  address: '12 rue des Lilas, 69003 Lyon',
  items: [
    { productCode: 'P1', productName: 'Tasse', quantity: 2, ordered: 2, weightGrams: 300, family: 'vaisselle' },
    { productCode: 'P2', productName: 'Stylo', quantity: 1, ordered: 1, weightGrams: 20, family: 'ecriture' },
  ],
};
const product = (productCode: string, multiple = 1): PackIntent => ({ type: 'scan', meaning: { kind: 'product', productCode, productName: productCode, multiple } });
const kg = (value: string): PackIntent => ({ type: 'weight', weight: { value, unit: 'kg' } });

function run(state: PackState, ...intents: PackIntent[]) {
  let current = state;
  const events = [];
  let feedback = null;
  for (const intent of intents) {
    const result = reducePack(current, intent, rules, idle);
    current = result.state;
    events.push(...result.events);
    feedback = result.feedback;
  }
  return { state: current, events, feedback };
}

// expected = 2×300 + 20 + 120 tare + 10 filler = 750 g; tolerance = max(20, 2% of 750 = 15) = 20 g
const readyToWeigh = run(startPack(order), product('P1'), product('P1'), product('P2'), { type: 'close-box' }, { type: 'box', box, ref: 'BOX-S' }).state;

describe('expected weight and tolerance', () => {
  it('adds items, tare and filler; takes the most lenient applicable rule', () => {
    expect(expectedWeight([{ productCode: 'P1', quantity: 2, weightGrams: 300, family: 'vaisselle' }], box, rules)).toEqual({ expectedGrams: 730, toleranceGrams: 20, missingWeights: [] });
    expect(expectedWeight([{ productCode: 'P3', quantity: 1, weightGrams: 2000, family: 'cosmetique' }], box, rules)).toMatchObject({ expectedGrams: 2130, toleranceGrams: 107 });
    expect(expectedWeight([{ productCode: 'P1', quantity: 1, weightGrams: 300, family: '' }], { ...box, tolerance: { absoluteGrams: 0, percent: 10 } }, rules)).toMatchObject({ toleranceGrams: 43 });
  });
});

describe('pack workflow', () => {
  it('verifies items, refusing a wrong and an extra item without recording anything', () => {
    const started = startPack(order);
    expect(reducePack(started, product('P9'), rules, idle)).toMatchObject({ state: started, events: [], feedback: { level: 'error', code: 'PACK_WRONG_ITEM' } });
    const one = run(started, product('P2')).state;
    expect(reducePack(one, product('P2'), rules, idle)).toMatchObject({ state: one, feedback: { level: 'error', code: 'PACK_EXTRA_ITEM' } });
    expect(reducePack(started, { type: 'close-box' }, rules, idle).feedback).toMatchObject({ code: 'PACK_NOTHING_VERIFIED' });
  });

  it.each([
    ['exactly expected', '0.750', true],
    ['at the upper boundary', '0.770', true],
    ['at the lower boundary', '0.730', true],
    ['just above', '0.771', false],
    ['just below', '0.729', false],
  ])('weight %s (%s kg) passes: %s', (_name, value, pass) => {
    const { state, feedback } = run(readyToWeigh, kg(value));
    expect(state.phase).toBe(pass ? 'carrier' : 'failed');
    expect(feedback).toMatchObject({ code: pass ? 'PACK_WEIGHT_PASS' : 'PACK_WEIGHT_FAIL' });
  });

  it('shows expected, measured and difference on a failure; re-weigh and re-check are offered', () => {
    const failed = run(readyToWeigh, kg('0.900'));
    expect(failed.feedback).toEqual({ level: 'error', code: 'PACK_WEIGHT_FAIL', params: { measured: '0.900 kg', expected: 750, difference: '+150', tolerance: 20, reason: 'above' } });
    expect(failed.state.check?.outcome).toEqual({ pass: false, differenceGrams: 150, reason: 'above' });
    expect(run(failed.state, { type: 'reweigh' }, kg('0.752')).state.phase).toBe('carrier');
    const rechecked = run(failed.state, { type: 'recheck' }).state;
    expect(rechecked.phase).toBe('verify');
    expect(rechecked.items.every((i) => i.verified === 0)).toBe(true);
  });

  it('refuses an override with a wrong PIN or by a non-supervisor; records a good one upstream', () => {
    const failed = run(readyToWeigh, kg('0.900')).state;
    expect(reducePack(failed, { type: 'override', supervisor: 'SUP1', pinOk: false, reason: 'packaging-variance', note: null }, rules, idle)).toMatchObject({ state: failed, events: [], feedback: { code: 'APPROVAL_REFUSED' } });
    expect(reducePack(failed, { type: 'override', supervisor: null, pinOk: true, reason: 'packaging-variance', note: null }, rules, idle).feedback).toMatchObject({ code: 'APPROVAL_REFUSED' });
    const done = reducePack(failed, { type: 'override', supervisor: 'SUP1', pinOk: true, reason: 'packaging-variance', note: null }, rules, idle);
    expect(done.state.phase).toBe('carrier');
    expect(done.events).toEqual([
      { type: 'weight.override', payload: { orderId: 'SO1', parcelNo: 1, supervisor: 'SUP1', reason: 'packaging-variance', measured: { value: '0.900', unit: 'kg' }, expectedGrams: 750, toleranceGrams: 20, missingWeights: [], note: null } },
    ]);
  });

  it('a product without a weight cannot pass: flagged upstream once, needs an override', () => {
    const noWeight: PackOrder = { ...order, items: [{ productCode: 'P7', productName: 'Savon', quantity: 1, ordered: 1, weightGrams: null, family: 'cosmetique' }] };
    const weighing = run(startPack(noWeight), product('P7'), { type: 'close-box' }, { type: 'box', box, ref: 'BOX-S' }).state;
    const failed = run(weighing, kg('0.250'), { type: 'reweigh' }, kg('0.250'));
    expect(failed.state.phase).toBe('failed');
    expect(failed.feedback).toMatchObject({ code: 'PACK_WEIGHT_MISSING', params: { products: 'P7' } });
    // the data problem once per order; a failed check for each weighing
    const check = { type: 'weight.check.failed', payload: { orderId: 'SO1', parcelNo: 1, box: 'BOX-S', measured: { value: '0.250', unit: 'kg' }, weightSource: 'scale', expectedGrams: 130, toleranceGrams: 50, differenceGrams: 120, reason: 'missing-weight', missingWeights: ['P7'] } };
    expect(failed.events).toEqual([{ type: 'product.data.problem', payload: { productCode: 'P7', problem: 'weight-missing', orderId: 'SO1' } }, check, check]);
  });

  it('refuses a weight before the box is chosen, and closing before the carrier or with a bad tracking number', () => {
    const verifying = run(startPack(order), product('P1')).state;
    expect(reducePack(verifying, kg('0.3'), rules, idle)).toMatchObject({ state: verifying, events: [] });
    const passed = run(readyToWeigh, kg('0.750')).state;
    expect(reducePack(passed, { type: 'tracking', tracking: '6A12345678901', sscc: '037610000000000019' }, rules, idle).feedback).toMatchObject({ code: 'PACK_CARRIER_FIRST' });
    const withCarrier = run(passed, { type: 'carrier', carrier: 'colissimo' }).state;
    expect(reducePack(withCarrier, { type: 'tracking', tracking: 'x y', sscc: '037610000000000019' }, rules, idle).feedback).toMatchObject({ code: 'PACK_TRACKING_INVALID' });
  });

  it('packs an order in two parcels and ships it when the last one closes', () => {
    const first = run(
      startPack(order),
      product('P1'),
      { type: 'close-box' },
      { type: 'box', box, ref: 'BOX-S' },
      kg('0.430'),
      { type: 'carrier', carrier: 'colissimo' },
      { type: 'tracking', tracking: '6A11111111111', sscc: '037610000000000019' },
    );
    expect(first.feedback).toMatchObject({ code: 'PACK_PARCEL_CLOSED', params: { parcel: 1 } });
    expect(first.state.phase).toBe('verify');
    const second = run(first.state, product('P1'), product('P2'), { type: 'close-box' }, { type: 'box', box, ref: 'BOX-S' }, kg('0.450'), { type: 'carrier', carrier: 'dpd' }, { type: 'tracking', tracking: '6A22222222222', sscc: '037610000000000026' });
    expect(second.state.phase).toBe('done');
    expect(second.feedback).toMatchObject({ code: 'PACK_ORDER_SHIPPED', params: { parcels: 2 } });
    expect(second.events.map((e) => e.type)).toEqual(['parcel.packed', 'shipment.shipped']);
    expect(second.events[1]).toEqual({
      type: 'shipment.shipped',
      payload: {
        orderId: 'SO1',
        parcels: [
          { parcelNo: 1, sscc: '037610000000000019', carrier: 'colissimo', tracking: '6A11111111111' },
          { parcelNo: 2, sscc: '037610000000000026', carrier: 'dpd', tracking: '6A22222222222' },
        ],
      },
    });
    expect(second.events[0]).toMatchObject({ payload: { parcelNo: 2, items: [{ productCode: 'P1', quantity: 1 }, { productCode: 'P2', quantity: 1 }], weight: { value: '0.450', unit: 'kg' }, overridden: false } });
  });
});

describe('failed weight checks reported upstream: one per weighing the packer made', () => {
  const failure = (measured: string, differenceGrams: number, more: Record<string, unknown> = {}) => ({
    type: 'weight.check.failed',
    payload: { orderId: 'SO1', parcelNo: 1, box: 'BOX-S', measured: { value: measured, unit: 'kg' }, weightSource: 'scale', expectedGrams: 750, toleranceGrams: 20, differenceGrams, reason: differenceGrams > 0 ? 'above' : 'below', missingWeights: [], ...more },
  });

  it('the weigh step ending in a failure is one event, with what was measured and expected', () => {
    expect(run(readyToWeigh, kg('0.900')).events).toEqual([failure('0.900', 150)]);
    expect(run(readyToWeigh, kg('0.700')).events).toEqual([failure('0.700', -50)]);
    expect(run(readyToWeigh, kg('5.100')).events).toEqual([failure('5.100', 4350, { reason: 'over-box-limit' })]);
  });

  it('loads settling on the scale while the failure shows re-check it silently; a "reweigh" that fails again is a new one', () => {
    const failed = run(readyToWeigh, kg('0.900'));
    // the parcel adjusted on the scale, or a drifting scale: the screen follows, no new event
    const settling = run(failed.state, kg('0.880'), kg('0.881'), kg('0.700'));
    expect(settling.state).toMatchObject({ phase: 'failed', measured: { value: '0.700', unit: 'kg' }, check: { outcome: { reason: 'below' } } });
    expect(settling.events).toEqual([]);
    // a load that then passes closes the check: no event either (parcel.packed counts the pass)
    expect(run(settling.state, kg('0.750'))).toMatchObject({ state: { phase: 'carrier' }, events: [] });
    expect(run(failed.state, { type: 'reweigh' }, kg('0.800')).events).toEqual([failure('0.800', 50)]);
    // "reweigh" with the parcel left on the scale: taken at once, failed again
    const again = reducePack(failed.state, { type: 'reweigh' }, rules, { kind: 'online', load: { value: '0.900', unit: 'kg' }, emptiedSinceWeighed: false });
    expect(again.events).toEqual([failure('0.900', 150)]);
  });

  it('each weight typed that fails is one, weightSource manual; the next parcel has its own number', () => {
    const none = { kind: 'none' } as const;
    const typed = (state: PackState, weight: string) => reducePack(state, { type: 'manual-weight', typed: weight }, rules, none);
    const first = typed(readyToWeigh, '900 g');
    const manual = (value: string, differenceGrams: number) => ({ ...failure(value, differenceGrams), payload: { ...failure(value, differenceGrams).payload, measured: { value, unit: 'g' }, weightSource: 'manual' } });
    expect(first.events).toEqual([manual('900', 150)]);
    const second = typed(first.state, '690 g');
    expect(second.events).toEqual([manual('690', -60)]);
    const passed = typed(second.state, '750 g');
    expect(passed.events).toEqual([]);
    // one parcel of two items closed, the last one's weighing fails: parcel 2
    const partial = run(startPack(order), product('P1'), { type: 'close-box' }, { type: 'box', box, ref: 'BOX-S' }, kg('0.430'), { type: 'carrier', carrier: 'dpd' }, { type: 'tracking', tracking: '6A12345678901', sscc: '037610000000000019' });
    expect(partial.state.parcels).toHaveLength(1);
    const secondParcel = run(partial.state, product('P1'), product('P2'), { type: 'close-box' }, { type: 'box', box, ref: 'BOX-S' }, kg('0.900'));
    expect(secondParcel.events).toEqual([expect.objectContaining({ type: 'weight.check.failed', payload: expect.objectContaining({ parcelNo: 2 }) })]);
  });
});

describe('weighing without waiting forever', () => {
  const verified = run(startPack(order), product('P1'), product('P1'), product('P2'), { type: 'close-box' }).state;
  const boxIntent: PackIntent = { type: 'box', box, ref: 'BOX-S' };
  const g = (value: string) => ({ value, unit: 'g' as const });

  it('takes a parcel put on the emptied scale before its box was chosen; asks to lift and replace a load left from the last parcel', () => {
    const taken = reducePack(verified, boxIntent, rules, { kind: 'online', load: g('752'), emptiedSinceWeighed: true });
    expect(taken.state).toMatchObject({ phase: 'carrier', measured: g('752'), weightSource: 'scale' });
    expect(taken.feedback).toMatchObject({ code: 'PACK_WEIGHT_PASS' });
    const left = reducePack(verified, boxIntent, rules, { kind: 'online', load: g('1435'), emptiedSinceWeighed: false });
    expect(left).toMatchObject({ state: { phase: 'weigh', measured: null }, events: [], feedback: { level: 'info', code: 'PACK_LIFT_AND_REPLACE', params: { weight: '1435 g' } } });
  });

  it('"reweigh" takes the load on the scale at once, the same parcel included', () => {
    const failed = run(readyToWeigh, kg('0.900')).state;
    const again = reducePack(failed, { type: 'reweigh' }, rules, { kind: 'online', load: { value: '0.900', unit: 'kg' }, emptiedSinceWeighed: false });
    expect(again).toMatchObject({ state: { phase: 'failed', measured: { value: '0.900', unit: 'kg' } }, feedback: { code: 'PACK_WEIGHT_FAIL' } });
    expect(reducePack(failed, { type: 'reweigh' }, rules, idle)).toMatchObject({ state: { phase: 'weigh', measured: null }, feedback: { code: 'PACK_REWEIGH' } });
  });

  it('a station without a scale takes a typed weight, recorded as manual in the parcel', () => {
    const none = { kind: 'none' } as const;
    const weighing = reducePack(verified, boxIntent, rules, none);
    expect(weighing).toMatchObject({ state: { phase: 'weigh' }, feedback: { code: 'PACK_TYPE_WEIGHT' } });
    const passed = reducePack(weighing.state, { type: 'manual-weight', typed: '0,752 kg' }, rules, none);
    expect(passed).toMatchObject({ state: { phase: 'carrier', measured: { value: '0.752', unit: 'kg' }, weightSource: 'manual' }, feedback: { code: 'PACK_WEIGHT_PASS' } });
    const shipped = reducePack(reducePack(passed.state, { type: 'carrier', carrier: 'colissimo' }, rules, none).state, { type: 'tracking', tracking: '6A12345678901', sscc: '037610000000000019' }, rules, none);
    expect(shipped.events[0]).toMatchObject({ type: 'parcel.packed', payload: { weight: { value: '0.752', unit: 'kg' }, weightSource: 'manual' } });
  });

  it('refuses a typed weight that is not one, naming it, and records nothing', () => {
    const none = { kind: 'none' } as const;
    const weighing = reducePack(verified, boxIntent, rules, none).state;
    for (const [typed, code] of [['abc', 'WEIGHT_TYPED_INVALID'], ['752', 'WEIGHT_TYPED_UNIT'], ['-752 g', 'WEIGHT_TYPED_RANGE'], ['101 kg', 'WEIGHT_TYPED_RANGE']] as const) {
      expect(reducePack(weighing, { type: 'manual-weight', typed }, rules, none)).toEqual({ state: weighing, events: [], feedback: expect.objectContaining({ level: 'error', code, params: expect.objectContaining({ typed }) }) });
    }
  });

  it('a typed weight where the scale answers is refused; where it is offline, per the site: a supervisor, or the packer alone', () => {
    expect(reducePack(readyToWeigh, { type: 'manual-weight', typed: '752 g' }, rules, idle)).toMatchObject({ state: readyToWeigh, events: [], feedback: { code: 'PACK_SCALE_ONLINE' } });
    expect(reducePack(readyToWeigh, { type: 'manual-weight', typed: '752 g' }, rules, { kind: 'offline' })).toMatchObject({ state: readyToWeigh, feedback: { code: 'PACK_TYPED_WEIGHT_NEEDS_SUPERVISOR' } });
    expect(reducePack(readyToWeigh, { type: 'manual-weight', typed: '752 g' }, { ...rules, offlineTypedWeight: 'operator' }, { kind: 'offline' }).state).toMatchObject({ phase: 'carrier', weightSource: 'manual' });
    // a parcel beyond the scale's range: as if it were offline (reason scale-out-of-range)
    const overloaded = { kind: 'online', load: null, emptiedSinceWeighed: true, outOfRange: true } as const;
    expect(typedWeightAllowed(overloaded, rules)).toBe('supervisor');
    expect(reducePack(readyToWeigh, { type: 'manual-weight', typed: '152 kg' }, rules, overloaded)).toMatchObject({ state: readyToWeigh, feedback: { code: 'PACK_TYPED_WEIGHT_NEEDS_SUPERVISOR' } });
  });

  it('the scale offline, a supervisor lets this parcel\'s weight be typed (a manual-weight reason), and the parcel event says who', () => {
    const offline = { kind: 'offline' } as const;
    const approve = (reason: 'scale-offline' | 'packaging-variance', pinOk = true): PackIntent => ({ type: 'override', supervisor: 'SUP1', pinOk, reason, note: null });
    expect(reducePack(readyToWeigh, approve('packaging-variance'), rules, offline)).toMatchObject({ state: readyToWeigh, feedback: { code: 'APPROVAL_REASON_INVALID' } });
    expect(reducePack(readyToWeigh, approve('scale-offline', false), rules, offline)).toMatchObject({ state: readyToWeigh, feedback: { code: 'APPROVAL_REFUSED' } });
    // nothing to approve where the scale answers, or where the packer may type anyway
    expect(reducePack(readyToWeigh, approve('scale-offline'), rules, idle).feedback).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
    expect(reducePack(readyToWeigh, approve('scale-offline'), { ...rules, offlineTypedWeight: 'operator' }, offline).feedback).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
    const approved = reducePack(readyToWeigh, approve('scale-offline'), rules, offline);
    expect(approved).toMatchObject({ events: [], feedback: { code: 'PACK_TYPED_WEIGHT_APPROVED', params: { supervisor: 'SUP1' } } });
    expect(typedWeightAllowed(offline, rules, approved.state)).toBe('yes');
    const weighed = reducePack(approved.state, { type: 'manual-weight', typed: '752 g' }, rules, offline);
    const closed = reducePack(reducePack(weighed.state, { type: 'carrier', carrier: 'dpd' }, rules, offline).state, { type: 'tracking', tracking: '6A12345678901', sscc: '037610000000000019' }, rules, offline);
    expect(closed.events[0]).toMatchObject({ type: 'parcel.packed', payload: { weightSource: 'manual', weightApproval: { supervisor: 'SUP1', reason: 'scale-offline', note: null } } });
    // the next parcel needs its own approval
    expect(closed.state.typedWeightApproval).toBeNull();
  });
});

describe('weighed goods (variable-measure labels)', () => {
  const weighedOrder: PackOrder = {
    ...order,
    items: [
      // a cheese sold by weight: grams, 1 g a unit
      { productCode: 'P7', productName: 'Comté', quantity: 800, ordered: 800, weightGrams: 1, family: '' },
      // a wheel counted in pieces, 4 kg nominal, each label saying its own weight
      { productCode: 'P8', productName: 'Meule', quantity: 2, ordered: 2, weightGrams: 4000, family: '' },
    ],
  };
  const label = (productCode: string, multiple: number, weighedGrams: number): PackIntent => ({ type: 'scan', meaning: { kind: 'product', productCode, productName: productCode, multiple, weighedGrams } });

  it('counts the labels\' weights in the expected parcel weight, the others at their unit weight', () => {
    // 317 g + 483 g of cheese; one wheel of 3950 g by its label, one at its 4000 g: 8750 g + 120 tare + 10 filler
    const boxed = run(startPack(weighedOrder), label('P7', 317, 317), label('P7', 483, 483), label('P8', 1, 3950), product('P8'), { type: 'close-box' }, { type: 'box', box: { ...box, maxGrams: 20000 }, ref: 'BOX-S' });
    expect(boxed.state.expected).toMatchObject({ expectedGrams: 8880 });
    expect(boxed.state.items.map((i) => i.weighed)).toEqual([{ units: 800, grams: 800 }, { units: 1, grams: 3950 }]);
    // a re-check starts the parcel's count again, labels' weights included
    const failed = run(boxed.state, kg('1.000'));
    expect(failed.state.phase).toBe('failed');
    expect(run(failed.state, { type: 'recheck' }).state.items.map((i) => [i.verified, i.weighed])).toEqual([[0, null], [0, null]]);
  });

  it('refuses a label weighing more than is left to pack, as an extra item', () => {
    const started = startPack(weighedOrder);
    expect(reducePack(started, label('P7', 801, 801), rules, idle)).toMatchObject({ state: started, feedback: { code: 'PACK_EXTRA_ITEM' } });
  });
});
