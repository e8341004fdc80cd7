import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { RowList } from '../components/row-list.js';
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
      <RowList
        height={height - 1}
        rows={view.lines.map((l) => ({
          key: l.productCode,
          color: l.status === 'short' ? theme.error : undefined,
          text: `${l.status === 'short' ? theme.symbols.warn : theme.symbols.ok} ${l.productCode} ${l.picked}/${l.quantity}${l.status === 'short' ? ` ${t('pick.doneShort')}` : ''} ${l.productName}`,
        }))}
      />
    </Box>
  );
}
