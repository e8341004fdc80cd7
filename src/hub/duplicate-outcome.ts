/** The event at the hub that first carried an id, as a duplicate of it finds it. */
export interface OriginalEvent {
  agent_id: string;
  seq: number;
  status: string;
  reason: string | null;
}

export interface DuplicateOutcome {
  status: 'duplicate' | 'rejected';
  reason: string;
}

/**
 * What an event sent again under an id the hub already had (same content) comes to: the outcome of
 * the first one, never a second effect. `duplicate` (told to the agent as accepted) when the first
 * was booked, `rejected` with the first one's reason when the ERP refused it; undefined while the
 * first still waits to be applied, unless `waitingIsBooked` (the first is another agent's, applied
 * in its own turn: it will be booked once, or refused there for a supervisor to see).
 */
export function duplicateOutcome(original: OriginalEvent, waitingIsBooked = false): DuplicateOutcome | undefined {
  const first = `${original.agent_id} #${Number(original.seq)}`;
  if (original.status === 'rejected') return { status: 'rejected', reason: `duplicate of ${first}, refused there: ${original.reason ?? ''}`.slice(0, 500) };
  if (original.status === 'received' && !waitingIsBooked) return undefined;
  return { status: 'duplicate', reason: `duplicate of ${first}: booked once, there` };
}
