import type { Location } from './catalog.js';

/** An open order that could go on a cart: what the batch choice weighs. */
export interface BatchCandidate {
  id: string;
  number: string;
  /** Higher first (work order `priority`, default 0). */
  priority: number;
  /** The cut-off the order must ship by, ISO 8601 datetime; null when none. */
  shipBy: string | null;
  carrier: string | null;
  /** The station holding (claiming) the order; null when it is free. */
  heldBy: string | null;
  /** The bins its lines are picked from (repeats allowed). */
  locations: Location[];
}

/** A candidate with what the choice compares, worked out once. */
interface Weighed {
  candidate: BatchCandidate;
  /** Milliseconds since the epoch; +Infinity when there is no cut-off (or none readable): last. */
  cutOff: number;
  bins: Set<string>;
  aisles: Set<string>;
}

const numbers = new Intl.Collator('en', { numeric: true });

const aisleKey = (location: Location) => `${location.zone}\u0000${location.aisle}`;

function weigh(candidate: BatchCandidate): Weighed {
  const cutOff = candidate.shipBy === null ? Number.NaN : Date.parse(candidate.shipBy);
  return {
    candidate,
    cutOff: Number.isNaN(cutOff) ? Number.POSITIVE_INFINITY : cutOff,
    bins: new Set(candidate.locations.map((l) => l.code)),
    aisles: new Set(candidate.locations.map(aisleKey)),
  };
}

const shared = (mine: Set<string>, batch: Set<string>) => [...mine].filter((key) => batch.has(key)).length;

/** Priority (higher first), then cut-off (earliest first, none last): what makes an order urgent. */
function byUrgency(a: Weighed, b: Weighed): number {
  if (a.candidate.priority !== b.candidate.priority) return b.candidate.priority - a.candidate.priority;
  if (a.cutOff !== b.cutOff) return a.cutOff < b.cutOff ? -1 : 1;
  return 0;
}

/** Order number in numeric order (CMD-999 before CMD-1000), then id: the last word, so the choice is stable. */
function byNumber(a: Weighed, b: Weighed): number {
  return numbers.compare(a.candidate.number, b.candidate.number) || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0);
}

/**
 * Which orders go on a cart of `size` positions for `station` (issue 16: "chosen by priority /
 * cut-off / carrier then by how much their bins overlap, and never an order another station
 * holds"). Returns the chosen candidates in the order they were chosen, at most `size` (a size
 * under 1 chooses none), each once (a repeated id counts once, its first occurrence).
 *
 * - An order held by another station (`heldBy` set and not `station`) is never chosen; one held
 *   by `station` itself is (it resumes its own claim).
 * - The seed is the most urgent order: priority descending, then `shipBy` earliest first (none,
 *   or one that does not parse as a date, last), then order number in numeric order.
 * - Each next order is the best of those left by: priority descending; `shipBy` earliest first;
 *   the seed's carrier before the others (only when the seed has one); then overlap with the
 *   orders chosen so far: more bins in common first, then more aisles (zone + aisle) in common;
 *   then order number.
 *
 * Urgency comes before overlap on purpose: a cart never leaves an urgent order behind for a
 * shorter walk. Pure: the same candidates always give the same batch.
 */
export function chooseBatch(candidates: readonly BatchCandidate[], size: number, station: string): BatchCandidate[] {
  const seen = new Set<string>();
  const left: Weighed[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.id) || (candidate.heldBy !== null && candidate.heldBy !== station)) continue;
    seen.add(candidate.id);
    left.push(weigh(candidate));
  }
  const room = Math.max(0, Math.floor(size));
  if (room === 0 || left.length === 0) return [];
  left.sort((a, b) => byUrgency(a, b) || byNumber(a, b));
  const seed = left.shift()!;
  const chosen = [seed.candidate];
  const bins = new Set(seed.bins);
  const aisles = new Set(seed.aisles);
  const carrier = seed.candidate.carrier;
  const sameCarrier = (w: Weighed) => (carrier !== null && w.candidate.carrier === carrier ? 1 : 0);
  while (chosen.length < room && left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) {
      const a = left[i]!;
      const b = left[best]!;
      const order =
        byUrgency(a, b) ||
        sameCarrier(b) - sameCarrier(a) ||
        shared(b.bins, bins) - shared(a.bins, bins) ||
        shared(b.aisles, aisles) - shared(a.aisles, aisles) ||
        byNumber(a, b);
      if (order < 0) best = i;
    }
    const [next] = left.splice(best, 1);
    chosen.push(next!.candidate);
    for (const bin of next!.bins) bins.add(bin);
    for (const aisle of next!.aisles) aisles.add(aisle);
  }
  return chosen;
}
