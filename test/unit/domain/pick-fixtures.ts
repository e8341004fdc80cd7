import type { Location } from '../../../src/domain/catalog.js';
import { locationCode } from '../../../src/domain/location-walk.js';
import type { PickOrder } from '../../../src/domain/order.js';
import { reducePick, type PickIntent, type PickState } from '../../../src/domain/workflows/pick.js';
import type { ScanMeaning } from '../../../src/domain/scan-meaning.js';

export const bin = (zone: string, aisle: number, bay: number, level = 1): Location => ({ code: locationCode(zone, aisle, bay, level), zone, aisle, bay, level });

/** Lines deliberately out of walking order: the reducer must sort them. */
export const order: PickOrder = {
  id: 'SO1',
  number: 'CMD-1',
  customer: 'Camille Laurent',
  lines: [
    { lineId: '1', productCode: 'P2', productName: 'Tasse', barcode: '03761000000019', location: bin('B', 1, 3), quantity: 1 },
    { lineId: '2', productCode: 'P1', productName: 'Stylo', barcode: '03761000000026', location: bin('A', 1, 2), quantity: 3 },
    { lineId: '3', productCode: 'P3', productName: 'Savon', barcode: null, location: bin('A', 2, 5), quantity: 12 },
  ],
};

export const scanLocation = (code: string): { type: 'scan'; meaning: ScanMeaning } => ({ type: 'scan', meaning: { kind: 'location', code } });
export const scanProduct = (productCode: string, multiple = 1, extra: { lot?: string; expiry?: string } = {}): { type: 'scan'; meaning: ScanMeaning } => ({
  type: 'scan',
  meaning: { kind: 'product', productCode, productName: productCode, multiple, ...extra },
});

/** Runs intents through the pick reducer: the last state, every event, the last feedback. */
export function run(state: PickState, ...intents: PickIntent[]) {
  let current = state;
  const events = [];
  let feedback = null;
  for (const intent of intents) {
    const result = reducePick(current, intent);
    current = result.state;
    events.push(...result.events);
    feedback = result.feedback;
  }
  return { state: current, events, feedback };
}
