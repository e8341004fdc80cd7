import type { PickLineState, PickState } from '../domain/workflows/pick.js';
import { binLotsOf } from './pick-lots.js';
import type { AgentStore } from './store/agent-store.js';

/** A pick line as the `pick` and `batch` views show it. */
export const pickLineView = (line: PickLineState) => ({
  lineId: line.lineId,
  location: line.location.code,
  productCode: line.productCode,
  productName: line.productName,
  barcode: line.barcode,
  quantity: line.quantity,
  picked: line.picked,
});

/** A lot-tracked pick line's lots as its terminal shows them: the bin's (FEFO first), the lot being picked, a lot refused; null when the product has no lots. */
export async function pickLotsView(store: AgentStore, pick: PickState, line: PickLineState) {
  const inBin = await binLotsOf(store, line.productCode, line.location.code);
  if (!inBin) return null;
  const current = pick.lot?.lineId === line.lineId ? pick.lot.lot : null;
  const refused = pick.lotRefused?.lineId === line.lineId ? pick.lotRefused.lot : null;
  return { inBin, current, refused };
}
