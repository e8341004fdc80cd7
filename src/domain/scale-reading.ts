import { toMilligrams, type Weight } from './weight.js';

/**
 * A station's scale as the pack reducer sees it at each intent. `none`: the station is configured
 * without a scale (weights are typed); `offline`: it has one that is not answering; `online`: the
 * load settled on it now (null while it moves, is empty or overloaded), whether it was emptied
 * since the last weight taken for a parcel, and whether its last reading was beyond its range
 * (overload or underload: it answers but cannot weigh this parcel).
 */
export type StationScale =
  | { kind: 'none' }
  | { kind: 'offline' }
  | { kind: 'online'; load: Weight | null; emptiedSinceWeighed: boolean; outOfRange?: boolean };

/** What the scale's stable filter reports (src/devices/scale/stable-weight-filter.ts), and its port going offline or online. */
export type ScaleEvent =
  | { kind: 'stable' | 'zero'; weight: Weight }
  | { kind: 'moving' | 'overload' | 'underload' | 'offline' | 'online' };

/** A scale of a station that has one, before it has said anything (nothing is known to be off it). */
export const UNKNOWN_SCALE: StationScale = { kind: 'offline' };

/** Whether a settled reading is an empty scale: at or below the site's threshold (`packing.emptyScaleGrams`, in g). */
export function isEmptyLoad(weight: Weight, emptyScaleGrams: number): boolean {
  return toMilligrams(weight) <= BigInt(Math.round(emptyScaleGrams * 1000));
}

/**
 * The scale after one of its events. A settled reading at or under the threshold empties it (what
 * "lift and replace" asks for); a settled load above it becomes the load; anything else (moving,
 * overload) leaves no load. Offline forgets the emptying: nobody saw what happened meanwhile.
 */
export function noteScaleEvent(scale: StationScale, event: ScaleEvent, emptyScaleGrams: number): StationScale {
  if (scale.kind === 'none') return scale;
  if (event.kind === 'offline') return { kind: 'offline' };
  const emptied = scale.kind === 'online' && scale.emptiedSinceWeighed;
  if (event.kind === 'stable' || event.kind === 'zero') {
    if (isEmptyLoad(event.weight, emptyScaleGrams)) return { kind: 'online', load: null, emptiedSinceWeighed: true };
    return { kind: 'online', load: event.weight, emptiedSinceWeighed: emptied };
  }
  // a load moving on an overloaded scale is still beyond its range until it settles
  const outOfRange = event.kind === 'overload' || event.kind === 'underload' || (event.kind === 'moving' && scale.kind === 'online' && scale.outOfRange === true);
  return { kind: 'online', load: null, emptiedSinceWeighed: emptied, ...(outOfRange && { outOfRange }) };
}

/** A weight was taken for a parcel: the next parcel's weight needs the scale emptied again. */
export function weighed(scale: StationScale): StationScale {
  return scale.kind === 'online' ? { ...scale, emptiedSinceWeighed: false } : scale;
}

/** What an intent left of the parcel being weighed: its weight and where it came from. */
export interface WeighedParcel {
  measured: Weight | null;
  weightSource?: 'scale' | 'manual' | null;
}

/**
 * The scale after an intent: when the intent read a new weight from it for a parcel (the box's
 * load taken, "reweigh", a load that settled), it is no longer emptied since the last parcel.
 */
export function afterIntent(scale: StationScale, before: WeighedParcel | null | undefined, after: WeighedParcel | null | undefined): StationScale {
  const read = after?.measured && after.measured !== before?.measured && after.weightSource === 'scale';
  return read ? weighed(scale) : scale;
}

/** How the pack screen waits for its weight: what it is in the weigh and failed phases. */
export interface WaitingWeigh {
  phase: 'weigh' | 'failed';
  /** The weight of the failed check, in the failed phase. */
  measured: Weight | null;
}

/**
 * Whether a load that has just settled is the weight a parcel waits for. It settled while the
 * parcel was waiting (a load put on then), so it is taken in the weigh phase; after a failure,
 * only a different load is (the same parcel lifted and put back unchanged would fail again).
 * Empty readings never are.
 */
export function takesSettledLoad(waiting: WaitingWeigh, weight: Weight, emptyScaleGrams: number): boolean {
  if (isEmptyLoad(weight, emptyScaleGrams)) return false;
  if (waiting.phase === 'weigh') return true;
  return !waiting.measured || toMilligrams(waiting.measured) !== toMilligrams(weight);
}

/**
 * A load already settled when the weigh step starts: after a box is chosen, it is the parcel if
 * the scale was emptied since the last weight taken (else it may be the last parcel, never lifted
 * off: `lift`); after "reweigh", the operator asked for it, so it is taken. Null: nothing settled
 * on the scale (the next settled load will be taken), or no scale.
 */
export function loadAtWeighStart(scale: StationScale, start: 'box' | 'reweigh'): { take: Weight } | { lift: Weight } | null {
  if (scale.kind !== 'online' || !scale.load) return null;
  return start === 'reweigh' || scale.emptiedSinceWeighed ? { take: scale.load } : { lift: scale.load };
}
