import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';
import { ChoiceList } from '../components/choice-list.js';

type OrdersView = Extract<StationView, { screen: 'pick-orders' | 'pack-orders' }>;

export function OrderListScreen({ view, selected, height, compact, t, theme }: { view: OrdersView; selected: number; height: number; compact: boolean; t: Translate; theme: Theme }) {
  const items = view.orders.map((o) =>
    compact ? `${o.number} ${t('orders.lines', { lines: o.lines, units: o.units })}` : `${o.number.padEnd(10)} ${o.customer.slice(0, 32).padEnd(32)} ${t('orders.lines', { lines: o.lines, units: o.units })}`,
  );
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t(view.screen === 'pack-orders' ? 'packOrders.title' : 'orders.title', { n: view.orders.length })}
      </Text>
      {items.length === 0 ? <Text>{t(view.screen === 'pack-orders' ? 'packOrders.empty' : 'orders.empty')}</Text> : <ChoiceList items={items} selected={selected} height={height - 1} theme={theme} />}
    </Box>
  );
}
