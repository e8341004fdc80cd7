import type { DomainEvent } from '../../../src/domain/events.js';
import type { Feedback } from '../../../src/domain/feedback.js';
import { reduceReceive, type ReceiveContext, type ReceiveIntent, type ReceiveState } from '../../../src/domain/workflows/receive.js';

/** A bin scanned at the receiving screen. */
export const bin = (code: string): ReceiveIntent => ({ type: 'scan', meaning: { kind: 'location', code }, lotTracked: false, suggested: null });

/** The receipt after each intent in turn: its state, every event emitted, the last feedback. */
export function runReceive(ctx: ReceiveContext, state: ReceiveState, ...intents: ReceiveIntent[]) {
  let current = state;
  const events: DomainEvent[] = [];
  let feedback: Feedback | null = null;
  for (const intent of intents) {
    const r = reduceReceive(current, intent, ctx);
    current = r.state;
    events.push(...r.events);
    feedback = r.feedback;
  }
  return { state: current, events, feedback };
}
