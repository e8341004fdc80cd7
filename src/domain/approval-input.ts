import type { ApprovalReason } from './approval.js';
import type { FeedbackCode } from './feedback.js';

/**
 * What a supervisor types into an approval, checked before anything else is looked at: a PIN is 4
 * to 12 digits (what `quai hub operator set --pin-file` accepts), a note 1 to 200 characters of
 * text without control characters, and reason "other" needs one.
 */
/** Override PINs are short numbers typed on a terminal: long enough not to be guessed at a glance. */
export const PIN_PATTERN = /^\d{4,12}$/;
export const NOTE_MAX = 200;
// C0, DEL and C1 control characters: a note is one line of text, shown and exported as such
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export interface ApprovalProblem {
  code: FeedbackCode;
  params?: Record<string, string | number>;
}

/** Whether a typed PIN can be a PIN at all; the refusal never repeats the PIN nor its length. */
export function pinProblem(pin: string): ApprovalProblem | null {
  return PIN_PATTERN.test(pin) ? null : { code: 'APPROVAL_PIN_INVALID' };
}

/** A typed note: trimmed, 1..NOTE_MAX characters, no control characters. */
export function noteProblem(note: string): ApprovalProblem | null {
  const text = note.trim();
  if (!text) return { code: 'APPROVAL_NOTE_REQUIRED' };
  if (text.length > NOTE_MAX) return { code: 'APPROVAL_NOTE_TOO_LONG', params: { max: NOTE_MAX } };
  if (CONTROL.test(text)) return { code: 'APPROVAL_NOTE_INVALID' };
  return null;
}

/** The note an approval records: required with reason "other", checked when given with another. */
export function approvalNoteProblem(reason: ApprovalReason, note: string | null | undefined): ApprovalProblem | null {
  if (note === null || note === undefined || !note.trim()) return reason === 'other' ? { code: 'APPROVAL_NOTE_REQUIRED' } : null;
  return noteProblem(note);
}
