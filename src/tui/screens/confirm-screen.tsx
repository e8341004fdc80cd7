import { Box, Text } from 'ink';
import { useT, useTheme } from '../context/terminal-context.js';
import { readableParams } from '../i18n/translate.js';
import type { Confirmation } from '../input/ui-state.js';

/** The question before an irreversible step: what will happen, in words; the hint line says which keys. */
export function ConfirmScreen({ confirmation }: { confirmation: Confirmation }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {theme.symbols.warn} {t(confirmation.message, readableParams(t, confirmation.params))}
      </Text>
      <Text wrap="wrap">{t('confirm.question')}</Text>
    </Box>
  );
}
