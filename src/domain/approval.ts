import { errorFeedback, type Feedback } from './feedback.js';

/**
 * A supervisor's approval on the floor: what may be approved, and the reasons each kind of approval
 * may be given for. One flow for all (supervisor code, PIN, reason, a note when the reason is
 * "other"); the screen that needs it says which kind.
 */
export const APPROVAL_REASONS = {
  /** A parcel outside its weight tolerance ships anyway. */
  weight: ['product-weight-wrong', 'packaging-variance', 'weight-missing', 'other'],
  /** A weight typed by hand where the station's scale cannot read it. */
  'manual-weight': ['scale-offline', 'scale-out-of-range', 'other'],
  /** A lot that is not among those known in the bin is picked. */
  lot: ['lot-not-recorded', 'lot-label-wrong', 'other'],
  /** More received than ordered, beyond the site's tolerance. */
  'over-receipt': ['supplier-agreed', 'order-too-small', 'other'],
  /** Put away into a bin other than the one suggested. */
  putaway: ['suggested-bin-full', 'suggested-bin-blocked', 'other'],
  /** A tote still bound to an order is freed and bound again (cluster picking): its label or its order was dealt with off the system. */
  tote: ['tote-empty', 'order-handled', 'other'],
} as const;

export type ApprovalKind = keyof typeof APPROVAL_REASONS;
export type ApprovalReason = (typeof APPROVAL_REASONS)[ApprovalKind][number];

export const APPROVAL_KINDS = Object.keys(APPROVAL_REASONS) as ApprovalKind[];

/** Every reason of every kind, once: what the wire accepts before the screen checks its own kind. */
export const ALL_APPROVAL_REASONS = [...new Set(Object.values(APPROVAL_REASONS).flat())] as [ApprovalReason, ...ApprovalReason[]];

/**
 * A supervisor's approval as the agent resolved it: `supervisor` is null when the code is not a
 * supervisor's, `pinOk` whether the PIN matched (the PIN itself never reaches the domain).
 */
export interface ApprovalIntent {
  type: 'override';
  supervisor: string | null;
  pinOk: boolean;
  reason: ApprovalReason;
  /** Free text, required with reason "other"; null when none was typed. */
  note: string | null;
}

/** Whether `reason` is one a `kind` approval may be given for. */
export function isReasonFor<K extends ApprovalKind>(kind: K, reason: ApprovalReason): reason is (typeof APPROVAL_REASONS)[K][number] {
  return (APPROVAL_REASONS[kind] as readonly ApprovalReason[]).includes(reason);
}

/** An approval granted: who gave it, and why. */
export interface GrantedApproval<K extends ApprovalKind> {
  supervisor: string;
  reason: (typeof APPROVAL_REASONS)[K][number];
  note: string | null;
}

/**
 * The one check every step waiting for a supervisor makes: a reason of this `kind`
 * (`APPROVAL_REASON_INVALID {reason}`), then a supervisor's code with its PIN (`APPROVAL_REFUSED`:
 * the PIN was wrong; the agent answers an unknown code or a lockout before this). Pure.
 */
export function grantApproval<K extends ApprovalKind>(kind: K, intent: ApprovalIntent): { approval: GrantedApproval<K> } | { refusal: Feedback } {
  if (!isReasonFor(kind, intent.reason)) return { refusal: errorFeedback('APPROVAL_REASON_INVALID', { reason: intent.reason }) };
  if (!intent.supervisor || !intent.pinOk) return { refusal: errorFeedback('APPROVAL_REFUSED') };
  return { approval: { supervisor: intent.supervisor, reason: intent.reason, note: intent.note } };
}
