import type { Location } from './catalog.js';

/**
 * The walking order of a warehouse: zone by zone, aisles in turn, and a serpentine path
 * through bays (up odd aisles, down even ones) so a picker never walks an aisle twice.
 */
export function compareWalkingOrder(a: Location, b: Location): number {
  if (a.zone !== b.zone) return a.zone < b.zone ? -1 : 1;
  if (a.aisle !== b.aisle) return a.aisle - b.aisle;
  if (a.bay !== b.bay) return a.aisle % 2 === 1 ? a.bay - b.bay : b.bay - a.bay;
  if (a.level !== b.level) return a.level - b.level;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Location code as printed on bin labels: zone-aisle-bay-level, e.g. A-02-07-1. */
export function locationCode(zone: string, aisle: number, bay: number, level: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${zone}-${two(aisle)}-${two(bay)}-${level}`;
}
