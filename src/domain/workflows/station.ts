import type { OperatorRef } from '../catalog.js';
import { errorFeedback, infoFeedback, okFeedback } from '../feedback.js';
import type { PickOrder } from '../order.js';
import type { PackOrder } from '../order-to-pack.js';
import type { PackingRules } from '../weight-check.js';
import { reducePack, startPack, type PackIntent, type PackState } from './pack.js';
import { reducePick, startPick, type PickIntent, type PickState } from './pick.js';
import { navigate, refuse, type ReducerResult } from './reducer-result.js';

export type StationScreen = 'signin' | 'menu' | 'pick-orders' | 'pick' | 'pack-orders' | 'pack';
export type MenuChoice = 'pick' | 'pack';

/**
 * Everything a station's terminal shows, owned by the agent: a terminal that crashes or
 * reconnects is handed this state back and resumes on the same line.
 */
export interface StationState {
  operator: OperatorRef | null;
  screen: StationScreen;
  /** The order under way at this station; kept when the operator leaves the screen. */
  pick: PickState | null;
  /** The order being packed at this station; kept likewise. */
  pack: PackState | null;
}

export interface StationContext {
  packing: PackingRules;
}

export type OrderRefusal = 'unknown' | 'not-available';

export type StationIntent =
  | { type: 'sign-in'; entered: string; operator: OperatorRef | null }
  | { type: 'sign-out' }
  | { type: 'menu'; choice: MenuChoice }
  | { type: 'back' }
  | { type: 'open-order'; ref: string; order: PickOrder | null; refusal?: OrderRefusal }
  | { type: 'open-pack-order'; ref: string; order: PackOrder | null; refusal?: OrderRefusal }
  | { type: 'finish' }
  | PickIntent
  | Exclude<PackIntent, { type: 'scan' }>;

export const initialStationState = (): StationState => ({ operator: null, screen: 'signin', pick: null, pack: null });

const PACK_INTENTS = new Set(['close-box', 'box', 'weight', 'recheck', 'reweigh', 'override', 'carrier', 'tracking']);

function onPackScreen(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  const pack = state.pack;
  if (!pack) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (intent.type === 'back') return { state: { ...state, screen: 'menu' }, events: [], feedback: infoFeedback('ORDER_PAUSED', { order: pack.orderNumber }) };
  if (intent.type === 'finish') {
    if (pack.phase !== 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
    return navigate({ ...state, pack: null, screen: 'pack-orders' });
  }
  if (intent.type === 'scan' || PACK_INTENTS.has(intent.type)) {
    const result = reducePack(pack, intent as PackIntent, ctx.packing);
    return { state: { ...state, pack: result.state }, events: result.events, feedback: result.feedback };
  }
  return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
}

function onPickScreen(state: StationState, intent: StationIntent): ReducerResult<StationState> {
  const pick = state.pick;
  if (!pick) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'back':
      return { state: { ...state, screen: 'menu' }, events: [], feedback: infoFeedback('ORDER_PAUSED', { order: pick.orderNumber }) };
    case 'finish':
      if (pick.phase !== 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      return { state: { ...state, pick: null, screen: 'pick-orders' }, events: [], feedback: infoFeedback('PICK_ORDER_DONE', { order: pick.orderNumber }) };
    case 'scan':
    case 'quantity':
    case 'postpone':
    case 'short': {
      const result = reducePick(pick, intent);
      return { state: { ...state, pick: result.state }, events: result.events, feedback: result.feedback };
    }
    default:
      return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  }
}

/** The station's top-level workflow: sign-in, menu, and the workflow chosen. Pure. */
export function reduceStation(state: StationState, intent: StationIntent, ctx: StationContext): ReducerResult<StationState> {
  if (intent.type === 'sign-out') {
    return { state: { ...state, operator: null, screen: 'signin' }, events: [], feedback: infoFeedback('SIGNED_OUT') };
  }
  if (state.screen === 'signin' || !state.operator) {
    if (intent.type !== 'sign-in') return refuse(state, errorFeedback('SIGN_IN_FIRST'));
    if (!intent.operator) return refuse(state, errorFeedback('OPERATOR_UNKNOWN', { code: intent.entered }));
    return { state: { ...state, operator: intent.operator, screen: 'menu' }, events: [], feedback: okFeedback('SIGNED_IN', { name: intent.operator.name }) };
  }
  switch (state.screen) {
    case 'menu':
      if (intent.type !== 'menu') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (intent.choice === 'pack') return navigate({ ...state, screen: state.pack ? 'pack' : 'pack-orders' });
      return navigate({ ...state, screen: state.pick ? 'pick' : 'pick-orders' });
    case 'pick-orders':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-order') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.order) {
        const code = intent.refusal === 'not-available' ? 'ORDER_NOT_AVAILABLE' : 'ORDER_NOT_FOUND';
        return refuse(state, errorFeedback(code, { order: intent.ref }));
      }
      return {
        state: { ...state, screen: 'pick', pick: startPick(intent.order) },
        events: [],
        feedback: okFeedback('PICK_STARTED', { order: intent.order.number }),
      };
    case 'pick':
      return onPickScreen(state, intent);
    case 'pack-orders':
      if (intent.type === 'back') return navigate({ ...state, screen: 'menu' });
      if (intent.type !== 'open-pack-order') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (!intent.order) {
        const code = intent.refusal === 'not-available' ? 'ORDER_NOT_AVAILABLE' : 'ORDER_NOT_FOUND';
        return refuse(state, errorFeedback(code, { order: intent.ref }));
      }
      return { state: { ...state, screen: 'pack', pack: startPack(intent.order) }, events: [], feedback: okFeedback('PACK_STARTED', { order: intent.order.number }) };
    case 'pack':
      return onPackScreen(state, intent, ctx);
  }
}
