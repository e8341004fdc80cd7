import { BARCODE_ERROR_CODES } from './barcode/barcode-error.js';

/** Every code here has a French and an English text in the TUI (a test checks it). */
export const FEEDBACK_CODES = [
  ...BARCODE_ERROR_CODES,
  'BARCODE_UNKNOWN',
  'SIGNED_IN',
  'SIGNED_OUT',
  'OPERATOR_UNKNOWN',
  'SIGN_IN_FIRST',
  'ORDER_NOT_FOUND',
  'ORDER_NOT_AVAILABLE',
  'ORDER_PAUSED',
  'NOT_ON_THIS_SCREEN',
  'PICK_STARTED',
  'PICK_LOCATION_OK',
  'PICK_WRONG_LOCATION',
  'PICK_SCAN_LOCATION_FIRST',
  'PICK_WRONG_PRODUCT',
  'PICK_SCAN_PRODUCT_FIRST',
  'PICK_OVER_PICK',
  'PICK_QTY_INVALID',
  'PICK_QTY_BELOW_PICKED',
  'PICK_QTY_ADDED',
  'PICK_LINE_DONE',
  'PICK_LINE_POSTPONED',
  'PICK_NOTHING_TO_POSTPONE',
  'PICK_SHORT_RECORDED',
  'PICK_ORDER_DONE',
  'PICK_ORDER_COMPLETE',
  'PICK_EMPTY_CHECK',
  'PICK_BIN_EMPTY',
  'PICK_BIN_NOT_EMPTY',
  'PICK_LOT_REQUIRED',
  'PICK_LOT_NOT_IN_BIN',
  'PICK_LOT_CONTROL_CHARS',
  'PICK_LOT_TOO_LONG',
  'PICK_LOT_NOT_TRACKED',
  'PICK_LOT_OK',
  'PICK_LOT_APPROVED',
  'PACK_STARTED',
  'PACK_ITEM_OK',
  'PACK_WRONG_ITEM',
  'PACK_EXTRA_ITEM',
  'PACK_NOTHING_VERIFIED',
  'PACK_BOX_CHOSEN',
  'PACK_BOX_UNKNOWN',
  'PACK_WEIGHT_PASS',
  'PACK_WEIGHT_FAIL',
  'PACK_WEIGHT_MISSING',
  'PACK_WEIGH_FIRST',
  'PACK_RECHECK',
  'PACK_REWEIGH',
  'PACK_OVERRIDE_REFUSED',
  'APPROVAL_REASON_INVALID',
  'PACK_OVERRIDE_DONE',
  'PACK_CARRIER_CHOSEN',
  'PACK_CARRIER_FIRST',
  'PACK_TRACKING_INVALID',
  'PACK_PARCEL_CLOSED',
  'PACK_ORDER_SHIPPED',
  'LABEL_PRINTED',
  'LABEL_NOT_PRINTED',
  'RECEIVE_STARTED',
  'RECEIVE_LOT_REQUIRED',
  'RECEIVE_EXPIRY_REQUIRED',
  'RECEIVE_EXPIRED',
  'RECEIVE_UNEXPECTED',
  'RECEIVE_PUTAWAY',
  'RECEIVE_PUTAWAY_FIRST',
  'RECEIVE_PUT_AWAY',
  'RECEIVE_OVER',
  'RECEIVE_DAMAGED',
  'RECEIVE_DAMAGED_TOO_MANY',
  'RECEIVE_CLOSED',
  'COUNT_STARTED',
  'COUNT_LOCATION',
  'COUNT_SCAN_LOCATION_FIRST',
  'COUNT_UNIT',
  'COUNT_CONFIRM_FIRST',
  'COUNT_NOTHING_TO_CONFIRM',
  'COUNT_LINE_DONE',
  'COUNT_ALREADY_COUNTED',
  'COUNT_RECOUNT',
  'COUNT_RECOUNT_OTHER_OPERATOR',
  'COUNT_RECOUNT_PENDING',
  'COUNT_CLOSED',
  'SCAN_UNDONE',
  'NOTHING_TO_UNDO',
  'LOOKUP_NOT_FOUND',
  'REPLENISH_REQUESTED',
  'SCALE_ZEROED',
  'SCALE_TARED',
  'SCALE_TARED_NO_VALUE',
  'SCALE_TARE_CLEARED',
  'SCALE_REFUSED',
  'SCALE_NO_COMMANDS',
  'SCALE_UNAVAILABLE',
  // the agent's store refused to record the action (nothing was done): a person must act on the disk
  'STORE_FULL',
  'STORE_READ_ONLY',
  'STORE_UNAVAILABLE',
] as const;

/** Every message an operator can see after an action. */
export type FeedbackCode = (typeof FEEDBACK_CODES)[number];

export type FeedbackLevel = 'ok' | 'info' | 'error';

export interface Feedback {
  level: FeedbackLevel;
  code: FeedbackCode;
  params?: Record<string, string | number>;
}

export const okFeedback = (code: FeedbackCode, params?: Feedback['params']): Feedback =>
  params ? { level: 'ok', code, params } : { level: 'ok', code };
export const infoFeedback = (code: FeedbackCode, params?: Feedback['params']): Feedback =>
  params ? { level: 'info', code, params } : { level: 'info', code };
export const errorFeedback = (code: FeedbackCode, params?: Feedback['params']): Feedback =>
  params ? { level: 'error', code, params } : { level: 'error', code };
