import { Box, Text } from 'ink';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

export function SignInScreen({ t, theme, hint }: { t: Translate; theme: Theme; hint?: string }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('signin.title')}
      </Text>
      <Text wrap="wrap">{t('signin.prompt')}</Text>
      {hint ? <Text color={theme.info}>{t('signin.hint', { code: hint })}</Text> : null}
    </Box>
  );
}
