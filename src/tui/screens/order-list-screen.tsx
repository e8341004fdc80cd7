import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { ChoiceList } from '../components/choice-list.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';

type OrdersView = Extract<StationView, { screen: 'pick-orders' | 'pack-orders' }>;

export function OrderListScreen({ view, selected, height }: { view: OrdersView; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const items = view.orders.map((o) => (compact ? `${o.number} ${t('orders.lines', { lines: o.lines, units: o.units })}` : `${o.number.padEnd(10)} ${o.customer.padEnd(32)} ${t('orders.lines', { lines: o.lines, units: o.units })}`));
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {t(view.screen === 'pack-orders' ? 'packOrders.title' : 'orders.title', { n: view.orders.length })}
      </Text>
      {items.length === 0 ? <Text wrap="wrap">{t(view.screen === 'pack-orders' ? 'packOrders.empty' : 'orders.empty')}</Text> : <ChoiceList items={items} selected={selected} height={height - 1} />}
    </Box>
  );
}
