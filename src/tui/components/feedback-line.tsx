import { Text } from 'ink';
import type { FeedbackView } from '../../protocol/local-api.js';
import { useT, useTheme } from '../context/terminal-context.js';
import { WrappedText } from './wrapped-text.js';
import { feedbackKey, readableParams, type Translate } from '../i18n/translate.js';

/** The words of a feedback, its reason codes translated. */
export const feedbackText = (t: Translate, feedback: FeedbackView) => t(feedbackKey(feedback.code), readableParams(t, feedback.params));

/**
 * The feedback as the operator should read it: once the supervisor's PIN is typed (`pinTaken`, the
 * id of the `SUPERVISOR_OK` the approval went past its PIN under, any approval kind), the agent's
 * "type the PIN" is stale and reads as the TUI's own `OVERRIDE_PIN_TAKEN`, until the agent's next
 * message (same id: no bell, no reorder). Pure.
 */
export function feedbackAfterPin(feedback: FeedbackView | null, pinTaken: number | null): FeedbackView | null {
  if (feedback?.code !== 'SUPERVISOR_OK' || feedback.id !== pinTaken) return feedback;
  return { id: feedback.id, level: 'info', code: 'OVERRIDE_PIN_TAKEN', params: { supervisor: feedback.params?.['supervisor'] ?? '' } };
}

/** The last message, with a symbol for its level so it reads without colour; long ones wrap. */
export function FeedbackLine({ feedback }: { feedback: FeedbackView | null }) {
  const t = useT();
  const theme = useTheme();
  if (!feedback) return <Text> </Text>;
  const symbol = feedback.level === 'error' ? theme.symbols.error : feedback.level === 'ok' ? theme.symbols.ok : theme.symbols.info;
  const color = feedback.level === 'error' ? theme.error : feedback.level === 'ok' ? theme.ok : theme.info;
  return (
    <WrappedText color={color} bold={feedback.level === 'error'} inverse={feedback.level === 'error' && !theme.error}>
      {`${symbol} ${feedbackText(t, feedback)}`}
    </WrappedText>
  );
}
