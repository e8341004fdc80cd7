import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { useT, useTheme } from '../context/terminal-context.js';

type DoneView = Extract<StationView, { screen: 'pick-done' }>;

export function PickDoneScreen({ view, height }: { view: DoneView; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.ok} wrap="wrap">
        {theme.symbols.ok} {t('pick.done', { order: view.order.number })}
      </Text>
      {view.lines.slice(0, Math.max(1, height - 2)).map((l) => (
        <Text key={l.productCode} wrap="wrap" color={l.status === 'short' ? theme.error : undefined}>
          {l.status === 'short' ? theme.symbols.warn : theme.symbols.ok} {l.productCode} {l.picked}/{l.quantity}
          {l.status === 'short' ? ` ${t('pick.doneShort')}` : ''} {l.productName}
        </Text>
      ))}
    </Box>
  );
}
