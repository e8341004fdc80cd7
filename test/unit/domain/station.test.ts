import { describe, expect, it } from 'vitest';
import { initialStationState, reduceStation, type StationIntent, type StationState } from '../../../src/domain/workflows/station.js';
import { order, scanLocation, scanProduct } from './pick-fixtures.js';

const marie = { code: 'OP01', name: 'Marie Dubois' };

function run(...intents: StationIntent[]) {
  let state: StationState = initialStationState();
  let last = null;
  for (const intent of intents) {
    last = reduceStation(state, intent, {
      packing: { tolerance: { absoluteGrams: 20, percent: 2 }, fillerGrams: 0, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' },
      scale: { kind: 'online', load: null, emptiedSinceWeighed: true },
      receiving: { today: '2026-11-22', overTolerancePercent: 10, otherBin: 'confirm' as const },
      counting: { blind: true, recount: { quantity: 1, percent: 5 }, recountByAnother: true },
      picking: { weightOverPercent: 10 },
    });
    state = last.state;
  }
  return { state, last: last! };
}

describe('station workflow', () => {
  it('refuses an unknown operator and anything before sign-in', () => {
    expect(run({ type: 'sign-in', entered: 'XX', operator: null }).last.feedback).toMatchObject({ level: 'error', code: 'OPERATOR_UNKNOWN', params: { code: 'XX' } });
    expect(run({ type: 'menu', choice: 'pick' }).last.feedback).toMatchObject({ level: 'error', code: 'SIGN_IN_FIRST' });
  });

  it('signs in, chooses picking, opens an order', () => {
    const { state } = run({ type: 'sign-in', entered: 'op01', operator: marie }, { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order });
    expect(state.screen).toBe('pick');
    expect(state.pick?.orderId).toBe('SO1');
  });

  it('refuses unknown and unavailable orders', () => {
    const base = [{ type: 'sign-in', entered: 'OP01', operator: marie }, { type: 'menu', choice: 'pick' }] as StationIntent[];
    expect(run(...base, { type: 'open-order', ref: 'CMD-9', order: null, refusal: 'unknown' }).last.feedback).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(run(...base, { type: 'open-order', ref: 'CMD-2', order: null, refusal: 'not-available' }).last.feedback).toMatchObject({ code: 'ORDER_NOT_AVAILABLE' });
  });

  it('keeps a paused order across leaving the screen and signing out', () => {
    const { state } = run(
      { type: 'sign-in', entered: 'OP01', operator: marie },
      { type: 'menu', choice: 'pick' },
      { type: 'open-order', ref: 'CMD-1', order },
      scanLocation('A-01-02-1'),
      scanProduct('P1'),
      { type: 'back' },
      { type: 'sign-out' },
      { type: 'sign-in', entered: 'OP01', operator: marie },
      { type: 'menu', choice: 'pick' },
    );
    expect(state.screen).toBe('pick');
    expect(state.pick?.lines.find((l) => l.productCode === 'P1')?.picked).toBe(1);
  });

  it('finishes a done order back to the order list; not before', () => {
    const single = { ...order, lines: [order.lines[0]!] };
    const base: StationIntent[] = [{ type: 'sign-in', entered: 'OP01', operator: marie }, { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order: single }];
    expect(run(...base, { type: 'finish' }).last.feedback).toMatchObject({ level: 'error', code: 'NOT_ON_THIS_SCREEN' });
    const done = run(...base, scanLocation('B-01-03-1'), scanProduct('P2'), { type: 'finish' });
    expect(done.state).toMatchObject({ screen: 'pick-orders', pick: null });
  });

  it('requests a replenishment of the product just found short, and of no other', () => {
    const base: StationIntent[] = [{ type: 'sign-in', entered: 'OP01', operator: marie }, { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order }, scanLocation('A-01-02-1'), { type: 'short', reason: 'empty-location' }];
    const asked = run(...base, { type: 'replenish', productCode: 'P1', quantity: 24, note: '', location: 'A-01-02-1' });
    expect(asked.last.events).toEqual([{ type: 'replenishment.requested', payload: { productCode: 'P1', quantity: 24, note: '', location: 'A-01-02-1' } }]);
    expect(run(...base, { type: 'replenish', productCode: 'P2', quantity: 24, note: '', location: null }).last.feedback).toMatchObject({ level: 'error' });
  });
});
