import { grantApproval, type ApprovalIntent } from '../approval.js';
import type { DomainEvent } from '../events.js';
import { errorFeedback, okFeedback } from '../feedback.js';
import { LOT_MAX_LENGTH, lotTextProblem, printableLot, type BinLot } from '../lot.js';
import type { ScanMeaning } from '../scan-meaning.js';
import { addUnits, type PickLineState, type PickState } from './pick.js';
import { refuse, type ReducerResult } from './reducer-result.js';

/**
 * Lots at picking: a lot-tracked line takes units of a lot only, the lot read from the GS1 scan
 * (AI 10) or typed, and known by the agent to be in the line's bin; a lot that is not is refused
 * with those that are, unless a supervisor approves it (a `lot` approval). Pure.
 */

/** The lot being picked on this line, if one was set for it. */
function activeLot(state: PickState, line: PickLineState): NonNullable<PickState['lot']> | null {
  return state.lot?.lineId === line.lineId ? state.lot : null;
}

/** A lot not in the bin: refused, naming it and the bin's lots, and kept for a supervisor to approve. */
function refuseLot(state: PickState, line: PickLineState, lot: string, expiry: string | null, units: number, lots: BinLot[], overAllowed = 0): ReducerResult<PickState> {
  const known = lots.map((l) => l.lot);
  return {
    state: { ...state, lotRefused: { lineId: line.lineId, lot, expiry, units, known, ...(overAllowed > 0 && { overAllowed }) } },
    events: [],
    feedback: errorFeedback('PICK_LOT_NOT_IN_BIN', { lot, location: line.location.code, lots: known.length ? known.join(', ') : '-' }),
  };
}

/** A product scan on a lot-tracked line: the scan's lot, else the line's current lot; checked against the bin's lots. `overAllowed` as for addUnits. */
export function onLotScan(state: PickState, line: PickLineState, meaning: Extract<ScanMeaning, { kind: 'product' }>, lots: BinLot[], overAllowed: number): ReducerResult<PickState> {
  const active = activeLot(state, line);
  const lot = meaning.lot ?? active?.lot;
  if (!lot) return refuse(state, errorFeedback('PICK_LOT_REQUIRED', { product: line.productCode, fefo: lots[0]?.lot ?? '-' }));
  const known = lots.find((l) => l.lot === lot);
  const approved = !known && active?.approved === true && active.lot === lot;
  if (!known && !approved) return refuseLot(state, line, lot, meaning.expiry ?? null, meaning.multiple, lots, overAllowed);
  const expiry = meaning.expiry ?? known?.expiry ?? active?.expiry ?? null;
  const result = addUnits(state, line, meaning.multiple, lot, expiry, overAllowed);
  if (result.state === state) return result;
  return { ...result, state: { ...result.state, lot: { lineId: line.lineId, lot, expiry, approved }, lotRefused: null } };
}

/** A lot typed for the current line: it becomes the line's lot when the bin holds it; bad text is refused and changes nothing. */
export function onLotTyped(state: PickState, line: PickLineState, typed: string, lots: BinLot[] | null): ReducerResult<PickState> {
  if (state.phase === 'location') return refuse(state, errorFeedback('PICK_SCAN_LOCATION_FIRST', { location: line.location.code }));
  const lot = typed.trim();
  const problem = lotTextProblem(lot);
  if (problem === 'control') return refuse(state, errorFeedback('PICK_LOT_CONTROL_CHARS', { lot: printableLot(lot) }));
  if (problem === 'charset') return refuse(state, errorFeedback('PICK_LOT_BAD_CHARACTER', { lot }));
  if (problem === 'too-long') return refuse(state, errorFeedback('PICK_LOT_TOO_LONG', { lot: printableLot(lot), max: LOT_MAX_LENGTH }));
  if (!lots) return refuse(state, errorFeedback('PICK_LOT_NOT_TRACKED', { product: line.productCode }));
  if (!lot) return refuse(state, errorFeedback('PICK_LOT_REQUIRED', { product: line.productCode, fefo: lots[0]?.lot ?? '-' }));
  const known = lots.find((l) => l.lot === lot);
  if (!known) return refuseLot(state, line, lot, null, 0, lots);
  return {
    state: { ...state, lot: { lineId: line.lineId, lot, expiry: known.expiry, approved: false }, lotRefused: null },
    events: [],
    feedback: okFeedback('PICK_LOT_OK', { lot, product: line.productCode }),
  };
}

/**
 * A supervisor approves the lot just refused on this line: the approval is an event of its own
 * (who, why, the lot and the bin's lots), the lot becomes the line's, and the units its scan stood
 * for are picked.
 */
export function onLotOverride(state: PickState, line: PickLineState, intent: ApprovalIntent): ReducerResult<PickState> {
  const refused = state.lotRefused;
  if (!refused || refused.lineId !== line.lineId) return refuse(state, errorFeedback('NOT_ON_THIS_SCREEN'));
  const verdict = grantApproval('lot', intent);
  if ('refusal' in verdict) return refuse(state, verdict.refusal);
  const { supervisor, reason, note } = verdict.approval;
  const event: DomainEvent = {
    type: 'lot.override',
    payload: {
      orderId: state.orderId,
      lineId: line.lineId,
      productCode: line.productCode,
      location: line.location.code,
      lot: refused.lot,
      expiry: refused.expiry,
      known: refused.known,
      supervisor,
      reason,
      note,
    },
  };
  const approved: PickState = { ...state, lotRefused: null, lot: { lineId: line.lineId, lot: refused.lot, expiry: refused.expiry, approved: true } };
  if (refused.units === 0) return { state: approved, events: [event], feedback: okFeedback('PICK_LOT_APPROVED', { lot: refused.lot, supervisor: supervisor }) };
  // the units of the refused scan go on the line now (an over-pick meanwhile is refused, the approval stands)
  const result = addUnits(approved, line, refused.units, refused.lot, refused.expiry, refused.overAllowed ?? 0);
  return { state: result.state, events: [event, ...result.events], feedback: result.feedback };
}
