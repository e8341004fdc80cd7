import type { BarcodeError } from './barcode-error.js';
import { AI_TABLE, aiMatches } from './gs1-ai-table.js';

/**
 * Strict mode's pairing rules: an AI may require another (a lot needs a GTIN) or exclude one
 * (a GTIN never goes with a CONTENT GTIN). Evaluated over all the AIs read from one item.
 */
export function checkPairings(ais: string[]): BarcodeError | null {
  for (const ai of ais) {
    const def = AI_TABLE.get(ai)!;
    for (const pattern of def.excludes) {
      const clash = ais.find((other) => other !== ai && aiMatches(other, pattern));
      if (clash) return { code: 'GS1_EXCLUDED_PAIR', detail: `${ai}+${clash}` };
    }
    for (const group of def.requires) {
      if (!ais.some((other) => other !== ai && group.some((pattern) => aiMatches(other, pattern)))) {
        return { code: 'GS1_MISSING_PAIR', detail: `${ai} needs ${group.join('|')}` };
      }
    }
  }
  return null;
}
