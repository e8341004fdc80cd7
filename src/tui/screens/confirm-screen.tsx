import { Box } from 'ink';
import { useT, useTheme } from '../context/terminal-context.js';
import { readableParams } from '../i18n/translate.js';
import type { Confirmation } from '../input/ui-state.js';
import { WrappedText } from '../components/wrapped-text.js';

/** The question before an irreversible step: what will happen, in words; the hint line says which keys. */
export function ConfirmScreen({ confirmation }: { confirmation: Confirmation }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <WrappedText bold color={theme.accent}>
        {`${theme.symbols.warn} ${t(confirmation.message, readableParams(t, confirmation.params))}`}
      </WrappedText>
      <WrappedText>{t('confirm.question')}</WrappedText>
    </Box>
  );
}
