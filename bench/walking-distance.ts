import type { Location } from '../src/domain/catalog.js';
import { compareWalkingOrder } from '../src/domain/location-walk.js';

/**
 * The floor plan the travel benchmark walks (docs/operations.md, "Batch picking: the travel
 * model"): parallel aisles side by side, zone after zone in `zones` order (A-01 … A-04, then
 * B-01 …), `aislePitchM` metres apart centre to centre, each `bays` bays of `bayWidthM` metres
 * long and open at both ends onto a front cross-aisle (bay 1's end) and a back one (the last
 * bay's end). The picker stops in the middle of a bay, whatever the level (a reach, not a walk).
 * The depot, where a route starts and ends, is on the front cross-aisle at the mouth of the first
 * zone's aisle 1.
 */
export interface FloorLayout {
  zones: string[];
  aislesPerZone: number;
  bays: number;
  aislePitchM: number;
  bayWidthM: number;
}

/** A point of the floor: which aisle (0 = the first zone's aisle 1) and how far into it, in metres from the front. */
interface Spot {
  aisle: number;
  depthM: number;
}

const DEPOT: Spot = { aisle: 0, depthM: 0 };

function spotOf(layout: FloorLayout, location: Location): Spot {
  const zone = layout.zones.indexOf(location.zone);
  if (zone < 0 || location.aisle < 1 || location.aisle > layout.aislesPerZone || location.bay < 1 || location.bay > layout.bays) {
    throw new RangeError(`bin ${location.code} is not on the floor plan`);
  }
  return { aisle: zone * layout.aislesPerZone + location.aisle - 1, depthM: (location.bay - 0.5) * layout.bayWidthM };
}

/** Metres from `a` to `b`: along the aisle when both are in it, else out by whichever end is shorter, across, and in. */
function stepM(layout: FloorLayout, a: Spot, b: Spot): number {
  if (a.aisle === b.aisle) return Math.abs(a.depthM - b.depthM);
  const lengthM = layout.bays * layout.bayWidthM;
  const byFront = a.depthM + b.depthM;
  const byBack = 2 * lengthM - a.depthM - b.depthM;
  return Math.abs(a.aisle - b.aisle) * layout.aislePitchM + Math.min(byFront, byBack);
}

/**
 * Metres walked by one route: from the depot to each distinct bin of `bins` (one stop per bin
 * code) in the domain's walking order (`compareWalkingOrder`: the serpentine), and back to the
 * depot. No bins, no walk. Throws a RangeError for a bin outside the layout.
 */
export function routeLengthM(layout: FloorLayout, bins: readonly Location[]): number {
  const stops = [...new Map(bins.map((bin) => [bin.code, bin])).values()].sort(compareWalkingOrder).map((bin) => spotOf(layout, bin));
  if (stops.length === 0) return 0;
  let metres = 0;
  let here = DEPOT;
  for (const stop of [...stops, DEPOT]) {
    metres += stepM(layout, here, stop);
    here = stop;
  }
  return metres;
}
