import type { ApprovalKind } from '../../domain/approval.js';
import type { StationView } from '../../protocol/local-api.js';
import { pickingLineOf } from './picking-line.js';

/**
 * Which supervisor approval the screen waits for, if any: the override key opens the approval
 * flow of that kind (its reasons, its title). Null where nothing on screen can be approved.
 */
export function approvalKindOf(view: StationView | null): ApprovalKind | null {
  if (view?.screen === 'pack' && view.phase === 'failed') return 'weight';
  // a bin held for a supervisor: units beyond the over-receipt tolerance, or a bin other than suggested
  if (view?.screen === 'receive' && (view.hold?.check === 'over-receipt' || view.hold?.check === 'putaway')) return view.hold.check;
  if (view?.screen === 'pack' && view.phase === 'weigh' && view.typedWeight === 'supervisor') return 'manual-weight';
  if (pickingLineOf(view)?.lots?.refused) return 'lot';
  // a tote an open order still holds, scanned for a cart position: freed and bound here
  if (view?.screen === 'batch' && view.toteRefused) return 'tote';
  return null;
}
