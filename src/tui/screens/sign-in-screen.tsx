import { Box, Text } from 'ink';
import { useT, useTheme } from '../context/terminal-context.js';

export function SignInScreen({ hint }: { hint?: string | undefined }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('signin.title')}
      </Text>
      <Text wrap="wrap">{t('signin.prompt')}</Text>
      {hint ? (
        <Text color={theme.info} wrap="wrap">
          {t('signin.hint', { code: hint })}
        </Text>
      ) : null}
    </Box>
  );
}
