import type { BoxType } from '../catalog.js';
import { grantApproval, type APPROVAL_REASONS, type ApprovalIntent } from '../approval.js';
import type { DomainEvent, OverrideReason, WeightPayload } from '../events.js';
import { errorFeedback, infoFeedback, okFeedback } from '../feedback.js';
import type { PackOrder, PackOrderItem } from '../order-to-pack.js';
import { loadAtWeighStart, type StationScale } from '../scale-reading.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { parseTypedWeight } from '../typed-weight.js';
import { toMilligrams, type Weight } from '../weight.js';
import { checkWeight, expectedWeight, type CheckOutcome, type ExpectedWeight, type PackingRules, type ParcelItem } from '../weight-check.js';
import { refuse, type ReducerResult } from './reducer-result.js';

export interface PackItemState extends PackOrderItem {
  /** Units in parcels already closed. */
  packed: number;
  /** Units scanned into the parcel being made. */
  verified: number;
  /**
   * Of those, the units scanned from variable-measure weight labels and what the labels say they
   * weigh (g): the expected weight takes it instead of the unit weight. Absent when none.
   */
  weighed?: { units: number; grams: number } | null;
}

/** Where a parcel's weight came from: the station's scale, or typed by the packer. */
export type WeightSource = 'scale' | 'manual';

/**
 * The site's weighing rules besides the tolerances. `emptyScaleGrams`: a settled reading at or
 * under it is an empty scale (never a parcel). `offlineTypedWeight`: who lets a packer type the
 * weight when the station's scale is offline (`supervisor`: a supervisor's approval; `operator`:
 * the packer alone). A station without a scale always takes typed weights.
 */
export interface PackRules extends PackingRules {
  emptyScaleGrams: number;
  offlineTypedWeight: 'supervisor' | 'operator';
}

/** Whether a packer may type a parcel's weight: `yes`, `supervisor` (with a supervisor's approval) or `no` (the scale answers). */
export type TypedWeight = 'yes' | 'supervisor' | 'no';

/** A supervisor's leave to type one parcel's weight while the station's scale is offline. */
export interface TypedWeightApproval {
  supervisor: string;
  reason: (typeof APPROVAL_REASONS)['manual-weight'][number];
  note: string | null;
}

/**
 * A station without a scale takes typed weights; one whose scale is offline, or answers that the
 * parcel is beyond its range (overload, underload), as the site says (a supervisor's approval, once
 * given for the parcel, makes it `yes`); one whose scale weighs, never.
 */
export function typedWeightAllowed(scale: StationScale, rules: Pick<PackRules, 'offlineTypedWeight'>, pack: Pick<PackState, 'typedWeightApproval'> | null = null): TypedWeight {
  if (scale.kind === 'none') return 'yes';
  if (scale.kind === 'online' && !scale.outOfRange) return 'no';
  return rules.offlineTypedWeight === 'operator' || pack?.typedWeightApproval ? 'yes' : 'supervisor';
}

export interface ClosedParcel {
  parcelNo: number;
  box: string;
  items: { productCode: string; quantity: number }[];
  weight: WeightPayload;
  /** Absent in parcels closed before weights could be typed: those came from the scale. */
  weightSource?: WeightSource;
  carrier: string;
  tracking: string;
  sscc: string;
}

/** verify: scan items · box: choose it · weigh: wait for a stable weight · failed · carrier: carrier and tracking · done. */
export type PackPhase = 'verify' | 'box' | 'weigh' | 'failed' | 'carrier' | 'done';

export interface PackState {
  orderId: string;
  orderNumber: string;
  customer: string;
  address: string;
  items: PackItemState[];
  parcels: ClosedParcel[];
  phase: PackPhase;
  box: BoxType | null;
  /** What the parcel should weigh, known once its box is chosen. */
  expected: ExpectedWeight | null;
  measured: Weight | null;
  /** Where `measured` came from; absent in sessions saved before weights could be typed (the scale). */
  weightSource?: WeightSource | null;
  check: (ExpectedWeight & { outcome: CheckOutcome }) | null;
  override: { supervisor: string; reason: OverrideReason } | null;
  /** Leave to type this parcel's weight, the scale being offline; absent in sessions saved before. */
  typedWeightApproval?: TypedWeightApproval | null;
  carrier: string | null;
  /** Products already reported upstream as missing a weight (once per order). */
  reportedMissing: string[];
  /** The tote the order came in from a cart (cluster picking): freed when the order ships. Absent in sessions saved before. */
  tote?: string | null;
}

export type PackIntent =
  | { type: 'scan'; meaning: ScanMeaning }
  | { type: 'close-box' }
  | { type: 'box'; box: BoxType | null; ref: string }
  /** A stable weight from the station's scale, taken by the agent's gate (scale-reading.ts). */
  | { type: 'weight'; weight: Weight }
  /** A weight typed by the packer, as typed (`850 g`, `1,25 kg`): parsed and checked here. */
  | { type: 'manual-weight'; typed: string }
  | { type: 'recheck' }
  | { type: 'reweigh' }
  /** The agent checked the supervisor and the PIN; the reducer records the decision. */
  | ApprovalIntent
  | { type: 'carrier'; carrier: string }
  /** Closing the parcel: the tracking number scanned or typed, and the SSCC the agent allotted. */
  | { type: 'tracking'; tracking: string; sscc: string };

export const TRACKING_PATTERN = /^[A-Za-z0-9-]{8,34}$/;

export function startPack(order: PackOrder): PackState {
  return {
    orderId: order.id,
    orderNumber: order.number,
    customer: order.customer,
    address: order.address,
    items: order.items.map((item) => ({ ...item, packed: 0, verified: 0 })),
    parcels: [],
    phase: 'verify',
    box: null,
    expected: null,
    measured: null,
    check: null,
    override: null,
    carrier: null,
    reportedMissing: [],
    tote: order.tote ?? null,
  };
}

const parcelItems = (state: PackState) => state.items.filter((i) => i.verified > 0);

/** What the parcel's items weigh: weighed units at their labels' weight, the others at the unit weight. */
function weightedParcelItems(state: PackState): ParcelItem[] {
  return parcelItems(state).flatMap((item) => {
    const weighed = item.weighed ?? { units: 0, grams: 0 };
    const rest = item.verified - weighed.units;
    return [...(rest > 0 ? [{ ...item, quantity: rest }] : []), ...(weighed.units > 0 ? [{ ...item, quantity: 1, weightGrams: weighed.grams }] : [])];
  });
}

/** The item with units scanned into the parcel, and their labels' weight when a variable-measure label gave one. */
function withVerified(item: PackItemState, meaning: Extract<ScanMeaning, { kind: 'product' }>): PackItemState {
  if (meaning.weighedGrams === undefined) return { ...item, verified: item.verified + meaning.multiple };
  const weighed = { units: (item.weighed?.units ?? 0) + meaning.multiple, grams: (item.weighed?.grams ?? 0) + meaning.weighedGrams };
  return { ...item, verified: item.verified + meaning.multiple, weighed };
}
const freshParcel = (state: PackState): PackState => ({ ...state, box: null, expected: null, measured: null, weightSource: null, check: null, override: null, typedWeightApproval: null, carrier: null });

function onScan(state: PackState, meaning: ScanMeaning, rules: PackRules, scale: StationScale): ReducerResult<PackState> {
  if (state.phase === 'box' && meaning.kind === 'box') return onBox(state, meaning.box, meaning.box.code, rules, scale);
  if (state.phase !== 'verify') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (meaning.kind) {
    case 'invalid':
      return refuse(state, errorFeedback(meaning.error.code, { data: meaning.data, detail: meaning.error.detail ?? '' }));
    case 'unknown':
      return refuse(state, errorFeedback('BARCODE_UNKNOWN', { data: meaning.data }));
    case 'product': {
      const item = state.items.find((i) => i.productCode === meaning.productCode);
      if (!item) return refuse(state, errorFeedback('PACK_WRONG_ITEM', { product: meaning.productCode, order: state.orderNumber }));
      const remaining = item.quantity - item.packed - item.verified;
      if (meaning.multiple > remaining) return refuse(state, errorFeedback('PACK_EXTRA_ITEM', { product: item.productCode, remaining }));
      const items = state.items.map((i) => (i === item ? withVerified(i, meaning) : i));
      const verified = item.verified + meaning.multiple;
      return { state: { ...state, items }, events: [], feedback: okFeedback('PACK_ITEM_OK', { product: item.productCode, verified, quantity: item.quantity - item.packed }) };
    }
    case 'order':
      return refuse(state, errorFeedback('DOCUMENT_OTHER_OPEN', { scanned: meaning.order.number, current: state.orderNumber }));
    default:
      return refuse(state, errorFeedback('PACK_WRONG_ITEM', { product: meaning.kind === 'location' ? meaning.code : '?', order: state.orderNumber }));
  }
}

/**
 * The weigh step starts (a box chosen, or "reweigh"): a load already settled on the scale is taken
 * or the packer is told to lift and replace it (scale-reading.ts); else the step waits for one, or
 * for a typed weight on a station without a scale.
 */
function startWeighing(state: PackState, start: 'box' | 'reweigh', scale: StationScale, waiting: ReducerResult<PackState>['feedback']): ReducerResult<PackState> {
  const weighing: PackState = { ...state, measured: null, weightSource: null, check: null, phase: 'weigh' };
  const load = loadAtWeighStart(scale, start);
  if (load && 'take' in load) return onWeight(weighing, load.take, 'scale');
  if (load) return { state: weighing, events: [], feedback: infoFeedback('PACK_LIFT_AND_REPLACE', { weight: `${load.lift.value} ${load.lift.unit}` }) };
  const feedback = scale.kind === 'none' ? infoFeedback('PACK_TYPE_WEIGHT') : waiting;
  return { state: weighing, events: [], feedback };
}

function onBox(state: PackState, box: BoxType | null, ref: string, rules: PackRules, scale: StationScale): ReducerResult<PackState> {
  if (state.phase !== 'box') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  if (!box) return refuse(state, errorFeedback('PACK_BOX_UNKNOWN', { box: ref }));
  const expected = expectedWeight(weightedParcelItems(state), box, rules);
  return startWeighing({ ...state, box, expected }, 'box', scale, okFeedback('PACK_BOX_CHOSEN', { box: box.name }));
}

/**
 * A typed weight: on a station without a scale; on one whose scale is offline when the site lets
 * the packer (`offlineTypedWeight`); never while the scale answers (the parcel goes on it).
 * Refused with what was typed when it is not a weight in g or kg within range: nothing recorded.
 */
function onManualWeight(state: PackState, typed: string, rules: PackRules, scale: StationScale): ReducerResult<PackState> {
  if (state.phase !== 'weigh' && state.phase !== 'failed') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const allowed = typedWeightAllowed(scale, rules, state);
  if (allowed === 'no') return refuse(state, errorFeedback('PACK_SCALE_ONLINE'));
  if (allowed === 'supervisor') return refuse(state, errorFeedback('PACK_TYPED_WEIGHT_NEEDS_SUPERVISOR'));
  const parsed = parseTypedWeight(typed);
  if (!parsed.ok) return refuse(state, errorFeedback(parsed.error.code, parsed.error.params));
  return onWeight(state, parsed.weight, 'manual');
}

/**
 * Whether a weight is a new weighing the packer made, so that its failure is counted once
 * (`weight.check.failed`): the weigh step's weight (after a box was chosen or "reweigh") or a
 * weight typed. A load settling on the scale while a failure is shown (a parcel adjusted on it, a
 * drifting scale) checks the same weighing again, and makes no event.
 */
const newWeighing = (state: PackState, source: WeightSource) => state.phase === 'weigh' || source === 'manual';

/** The event of a failed weighing of the parcel being packed (its number: the parcels closed + 1). */
function failedCheck(state: PackState, box: BoxType, measured: WeightPayload, weightSource: WeightSource, expected: ExpectedWeight, outcome: Extract<CheckOutcome, { pass: false }>): DomainEvent {
  const { expectedGrams, toleranceGrams, missingWeights } = expected;
  return {
    type: 'weight.check.failed',
    payload: { orderId: state.orderId, parcelNo: state.parcels.length + 1, box: box.code, measured, weightSource, expectedGrams, toleranceGrams, differenceGrams: outcome.differenceGrams, reason: outcome.reason, missingWeights },
  };
}

function onWeight(state: PackState, weight: Weight, source: WeightSource): ReducerResult<PackState> {
  if ((state.phase !== 'weigh' && state.phase !== 'failed') || !state.box || !state.expected) return refuse(state, infoFeedback('NOT_ON_THIS_SCREEN'));
  const expected = state.expected;
  const measuredGrams = Number(toMilligrams(weight)) / 1000;
  const outcome = checkWeight(measuredGrams, expected, state.box);
  const check = { ...expected, outcome };
  const measured = { value: weight.value, unit: weight.unit };
  if (outcome.pass) {
    return { state: { ...state, measured, weightSource: source, check, phase: 'carrier' }, events: [], feedback: okFeedback('PACK_WEIGHT_PASS', { measured: `${weight.value} ${weight.unit}`, expected: expected.expectedGrams }) };
  }
  const unreported = expected.missingWeights.filter((code) => !state.reportedMissing.includes(code));
  const problems: DomainEvent[] = unreported.map((productCode) => ({ type: 'product.data.problem', payload: { productCode, problem: 'weight-missing', orderId: state.orderId } }));
  const events = newWeighing(state, source) ? [...problems, failedCheck(state, state.box, measured, source, check, outcome)] : problems;
  const feedback =
    outcome.reason === 'missing-weight'
      ? errorFeedback('PACK_WEIGHT_MISSING', { products: expected.missingWeights.join(', ') })
      : errorFeedback('PACK_WEIGHT_FAIL', { measured: `${weight.value} ${weight.unit}`, expected: expected.expectedGrams, difference: `${outcome.differenceGrams > 0 ? '+' : ''}${outcome.differenceGrams}`, tolerance: expected.toleranceGrams, reason: outcome.reason });
  return { state: { ...state, measured, weightSource: source, check, phase: 'failed', reportedMissing: [...state.reportedMissing, ...unreported] }, events, feedback };
}

/**
 * A supervisor lets the packer type this parcel's weight: in the weigh phase, where the scale is
 * offline and the site asks for one (`offlineTypedWeight: supervisor`). Kept until the parcel
 * closes or is verified again; the parcel event carries it.
 */
function onTypedWeightApproval(state: PackState, intent: ApprovalIntent, rules: PackRules, scale: StationScale): ReducerResult<PackState> {
  if (typedWeightAllowed(scale, rules, state) !== 'supervisor') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const verdict = grantApproval('manual-weight', intent);
  if ('refusal' in verdict) return refuse(state, verdict.refusal);
  const { supervisor, reason, note } = verdict.approval;
  const typedWeightApproval: TypedWeightApproval = { supervisor, reason, note: note };
  return { state: { ...state, typedWeightApproval }, events: [], feedback: okFeedback('PACK_TYPED_WEIGHT_APPROVED', { supervisor }) };
}

function onOverride(state: PackState, intent: Extract<PackIntent, { type: 'override' }>): ReducerResult<PackState> {
  if (state.phase !== 'failed' || !state.check || !state.measured) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const verdict = grantApproval('weight', intent);
  if ('refusal' in verdict) return refuse(state, verdict.refusal);
  const { supervisor, reason, note } = verdict.approval;
  const event: DomainEvent = {
    type: 'weight.override',
    payload: {
      orderId: state.orderId,
      parcelNo: state.parcels.length + 1,
      supervisor,
      reason,
      measured: state.measured,
      expectedGrams: state.check.expectedGrams,
      toleranceGrams: state.check.toleranceGrams,
      missingWeights: state.check.missingWeights,
      note,
    },
  };
  const override = { supervisor, reason: reason };
  return { state: { ...state, override, phase: 'carrier' }, events: [event], feedback: okFeedback('PACK_OVERRIDE_DONE', { supervisor }) };
}

/**
 * Why a tracking number cannot close the parcel now, or null when it can: the parcel is not
 * weighed and checked yet, no carrier is chosen, or the number is no tracking number
 * (TRACKING_PATTERN). The agent allots a parcel's SSCC only when this is null.
 */
export function trackingRefusal(state: PackState, tracking: string): 'PACK_WEIGH_FIRST' | 'PACK_CARRIER_FIRST' | 'PACK_TRACKING_INVALID' | null {
  if (state.phase !== 'carrier' || !state.box || !state.measured || !state.check) return 'PACK_WEIGH_FIRST';
  if (!state.carrier) return 'PACK_CARRIER_FIRST';
  return TRACKING_PATTERN.test(tracking) ? null : 'PACK_TRACKING_INVALID';
}

function onTracking(state: PackState, tracking: string, sscc: string): ReducerResult<PackState> {
  const refusal = trackingRefusal(state, tracking);
  if (refusal) return refuse(state, refusal === 'PACK_TRACKING_INVALID' ? errorFeedback(refusal, { tracking }) : errorFeedback(refusal));
  // trackingRefusal has checked each of these
  const { box, measured, check, carrier } = state as PackState & { [K in 'box' | 'measured' | 'check' | 'carrier']: NonNullable<PackState[K]> };
  const parcelNo = state.parcels.length + 1;
  const items = parcelItems(state).map((i) => ({ productCode: i.productCode, quantity: i.verified }));
  const weightSource = state.weightSource ?? 'scale';
  const parcel: ClosedParcel = { parcelNo, box: box.code, items, weight: measured, weightSource, carrier, tracking, sscc };
  const packed: DomainEvent = {
    type: 'parcel.packed',
    payload: { orderId: state.orderId, ...parcel, weightSource, weightApproval: weightSource === 'manual' ? (state.typedWeightApproval ?? null) : null, expectedGrams: check.expectedGrams, toleranceGrams: check.toleranceGrams, overridden: state.override !== null },
  };
  const after: PackState = freshParcel({
    ...state,
    items: state.items.map((i) => ({ ...i, packed: i.packed + i.verified, verified: 0, weighed: null })),
    parcels: [...state.parcels, parcel],
    phase: 'verify',
  });
  if (after.items.some((i) => i.packed < i.quantity)) {
    return { state: after, events: [packed], feedback: okFeedback('PACK_PARCEL_CLOSED', { parcel: parcelNo, tracking }) };
  }
  const shipped: DomainEvent = {
    type: 'shipment.shipped',
    payload: { orderId: state.orderId, parcels: after.parcels.map((p) => ({ parcelNo: p.parcelNo, sscc: p.sscc, carrier: p.carrier, tracking: p.tracking })) },
  };
  // the tote it came in is empty now: free for the next cart
  const toteFreed: DomainEvent[] = state.tote ? [{ type: 'tote.released', payload: { tote: state.tote, orderId: state.orderId, reason: 'packed', supervisor: null } }] : [];
  return { state: { ...after, phase: 'done' }, events: [packed, shipped, ...toteFreed], feedback: okFeedback('PACK_ORDER_SHIPPED', { order: state.orderNumber, parcels: after.parcels.length }) };
}

/**
 * Packing with a weight check: verify the items by scanning, choose the box, weigh (stable
 * weights only, from the agent, or typed where the station has no scale), pass or fail against
 * the expected weight; a failure is re-checked, re-weighed or overridden by a supervisor; then
 * carrier and tracking close the parcel. An order may go in several parcels; it ships when the
 * last one closes. `scale`: the station's scale as it is now. Pure.
 */
export function reducePack(state: PackState, intent: PackIntent, rules: PackRules, scale: StationScale): ReducerResult<PackState> {
  if (state.phase === 'done') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  switch (intent.type) {
    case 'scan':
      return onScan(state, intent.meaning, rules, scale);
    case 'close-box':
      if (state.phase !== 'verify') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      if (parcelItems(state).length === 0) return refuse(state, errorFeedback('PACK_NOTHING_VERIFIED'));
      return { state: { ...state, phase: 'box' }, events: [], feedback: infoFeedback('PACK_STARTED', { order: state.orderNumber }) };
    case 'box':
      return onBox(state, intent.box, intent.ref, rules, scale);
    case 'weight':
      return onWeight(state, intent.weight, 'scale');
    case 'manual-weight':
      return onManualWeight(state, intent.typed, rules, scale);
    case 'recheck':
      if (state.phase !== 'failed') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      return { state: freshParcel({ ...state, items: state.items.map((i) => ({ ...i, verified: 0, weighed: null })), phase: 'verify' }), events: [], feedback: infoFeedback('PACK_RECHECK') };
    case 'reweigh':
      if (state.phase !== 'failed') return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
      return startWeighing(state, 'reweigh', scale, infoFeedback('PACK_REWEIGH'));
    case 'override':
      return state.phase === 'weigh' ? onTypedWeightApproval(state, intent, rules, scale) : onOverride(state, intent);
    case 'carrier':
      if (state.phase !== 'carrier') return refuse(state, errorFeedback('PACK_WEIGH_FIRST'));
      return { state: { ...state, carrier: intent.carrier }, events: [], feedback: okFeedback('PACK_CARRIER_CHOSEN', { carrier: intent.carrier }) };
    case 'tracking':
      return onTracking(state, intent.tracking, intent.sscc);
  }
}
