import type { ApprovalKind, ApprovalReason } from '../../domain/approval.js';
import type { ClientIntent, FeedbackView, InputSource } from '../../protocol/local-api.js';
import type { MessageKey } from '../i18n/messages-fr.js';

/** A question asked before something that cannot be undone; `intent` goes out only on yes. */
export interface Confirmation {
  message: MessageKey;
  params: Record<string, string | number>;
  intent: ClientIntent;
}

export type OverrideStep = 'supervisor' | 'checking' | 'pin' | 'reason' | 'note';

/** What sits over the screen and takes its keys first. */
export type Modal =
  /** The keys of what is under it (a modal, else the screen). */
  | { kind: 'help'; under: Modal | null }
  | { kind: 'confirm'; confirmation: Confirmation }
  /** A typed quantity: by default added to what is scanned; `=N` sets the total. */
  | { kind: 'quantity' }
  | { kind: 'short' }
  /**
   * A supervisor's approval of `approval` kind: the code (checked by the agent while `checking`:
   * only a supervisor's, not locked, goes on), the PIN (held only until it is sent), the reason,
   * and a note when the reason is "other".
   */
  /** `supervisorSource`: how the code being checked came (a wedge badge is sent so again when Enter asks anew). */
  | { kind: 'override'; approval: ApprovalKind; step: OverrideStep; supervisor: string; supervisorSource?: InputSource; pin: string; reason: ApprovalReason | null }
  | { kind: 'damaged'; step: 'quantity' | 'reason'; quantity: number }
  | { kind: 'replenish' }
  /** A parcel's weight typed with its unit, at a station that weighs without its scale. */
  | { kind: 'typed-weight' }
  /** The lot of the current pick line, typed. */
  | { kind: 'lot' }
  /** A code the catalog knows under two readings (EAN-8, UPC-E): which item it is; the chosen GTIN-14 goes as an input. */
  | { kind: 'reading'; data: string; readings: NonNullable<FeedbackView['readings']> };

/** The terminal's own state: what is typed, the list row selected, the modal open. */
export interface UiState {
  field: string;
  selected: number;
  modal: Modal | null;
}

export const INITIAL_UI: UiState = { field: '', selected: 0, modal: null };
