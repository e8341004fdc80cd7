import { Box, Text } from 'ink';
import type { StationStatus } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

/** Station, operator, hub link and events waiting: always on the first line. */
export function StatusBar({ status, t, theme, compact }: { status: StationStatus | null; t: Translate; theme: Theme; compact: boolean }) {
  if (!status) return <Text>Quai</Text>;
  const online = status.link === 'online';
  const linkColor = online ? theme.ok : theme.error;
  const operator = status.operator ? (compact ? status.operator.code : status.operator.name) : t('status.noOperator');
  return (
    <Box justifyContent="space-between">
      <Text bold wrap="truncate">
        {status.station} · {operator}
      </Text>
      <Text wrap="truncate">
        <Text color={linkColor}>
          {online ? theme.symbols.online : theme.symbols.offline} {t(`status.${status.link}`)}
        </Text>
        {' · '}
        {status.loading ? (
          <Text color={theme.accent}>
            {theme.symbols.sync} {t('status.loading', { stream: t(`stream.${status.loading.stream}`), percent: Math.floor((100 * status.loading.done) / Math.max(1, status.loading.total)) })}
            {' · '}
          </Text>
        ) : null}
        {t('status.pending', { n: status.pending })}
        {status.rejected > 0 ? <Text color={theme.error}> {theme.symbols.warn} {t('status.rejected', { n: status.rejected })}</Text> : null}
      </Text>
    </Box>
  );
}
