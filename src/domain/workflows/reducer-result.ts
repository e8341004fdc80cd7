import type { DomainEvent } from '../events.js';
import type { Feedback } from '../feedback.js';

/** What every workflow reducer returns: the next state, events for the outbox, and what to tell the operator. */
export interface ReducerResult<S> {
  state: S;
  events: DomainEvent[];
  /** Null for plain navigation, which needs no message. */
  feedback: Feedback | null;
}

/** A refusal: the state is left exactly as it was and nothing is recorded upstream. */
export const refuse = <S>(state: S, feedback: Feedback): ReducerResult<S> => ({ state, events: [], feedback });

/** A move between screens: no event, no message. */
export const navigate = <S>(state: S): ReducerResult<S> => ({ state, events: [], feedback: null });
