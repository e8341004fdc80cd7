import { Text } from 'ink';
import type { FeedbackView } from '../../protocol/local-api.js';
import { feedbackKey, type Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

/** The last message, with a symbol for its level so it reads without colour. */
export function FeedbackLine({ feedback, t, theme }: { feedback: FeedbackView | null; t: Translate; theme: Theme }) {
  if (!feedback) return <Text> </Text>;
  const symbol = feedback.level === 'error' ? theme.symbols.error : feedback.level === 'ok' ? theme.symbols.ok : theme.symbols.info;
  const color = feedback.level === 'error' ? theme.error : feedback.level === 'ok' ? theme.ok : theme.info;
  return (
    <Text color={color} bold={feedback.level === 'error'} inverse={feedback.level === 'error' && !theme.error} wrap="wrap">
      {symbol} {t(feedbackKey(feedback.code), feedback.params)}
    </Text>
  );
}
