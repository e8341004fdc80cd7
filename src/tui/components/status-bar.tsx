import { Box, Text } from 'ink';
import type { StationStatus } from '../../protocol/local-api.js';
import type { LinkPhase } from '../agent-link.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';

/**
 * Station, operator, the hub link and events waiting: always the first line. The hub link is only
 * shown while the agent answers; when it does not, the agent's absence is what the line says.
 */
export function StatusBar({ status, phase }: { status: StationStatus | null; phase: LinkPhase }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  if (!status) return <Text>Quai</Text>;
  const agentDown = phase !== 'ready';
  const online = !agentDown && status.link === 'online';
  // on a handheld the symbol alone: the line below says the agent is unreachable in words
  const linkText = compact ? '' : ` ${agentDown ? t('status.agentDown') : t(`status.${status.link}`)}`;
  const operator = status.operator ? (compact ? status.operator.code : status.operator.name) : t('status.noOperator');
  return (
    <Box justifyContent="space-between">
      <Text bold wrap="truncate">
        {status.station} · {operator}
      </Text>
      <Text>
        <Text color={online ? theme.ok : theme.error}>
          {online ? theme.symbols.online : theme.symbols.offline}
          {linkText}
        </Text>
        {' · '}
        {status.loading && !agentDown ? (
          <Text color={theme.accent}>
            {theme.symbols.sync} {t(compact ? 'status.loadingShort' : 'status.loading', { stream: t(`stream.${status.loading.stream}`), percent: Math.floor((100 * status.loading.done) / Math.max(1, status.loading.total)) })}
            {' · '}
          </Text>
        ) : null}
        {t(compact ? 'status.pendingShort' : 'status.pending', { n: status.pending })}
        {status.rejected > 0 ? (
          <Text color={theme.error}>
            {' '}
            {theme.symbols.warn}
            {compact ? status.rejected : ` ${t('status.rejected', { n: status.rejected })}`}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
