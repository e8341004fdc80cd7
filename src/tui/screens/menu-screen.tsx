import { Box, Text } from 'ink';
import { ChoiceList } from '../components/choice-list.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import { MENU_ITEMS, MENU_NUMBERS, type MenuItem } from '../input/choice.js';
import type { StationView } from '../../protocol/local-api.js';

const LABELS = { pick: 'menu.pick', batch: 'menu.batch', pack: 'menu.pack', receive: 'menu.receive', count: 'menu.count', lookup: 'menu.lookup', 'sign-out': 'menu.signOut' } as const;

/** The menu; when the ERP has rejected events, a banner says so, for a supervisor to look at. */
export function MenuScreen({ view, rejected, selected, height }: { view: Extract<StationView, { screen: 'menu' }>; rejected: number; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  const underWay = (document: string | null) => (document ? t('menu.underWay', { document }) : '');
  const paused: Partial<Record<MenuItem, string>> = {
    pick: view.pausedOrder ? t('menu.paused', { order: view.pausedOrder }) : '',
    batch: view.pausedBatch ? t('menu.pausedBatch', { cart: view.pausedBatch }) : '',
    pack: view.pausedPack ? t('menu.pausedPack', { order: view.pausedPack }) : '',
    receive: underWay(view.pausedReceipt),
    count: underWay(view.pausedCount),
  };
  const { columns } = useTerminalSize();
  const banner = rejected > 0 ? `${theme.symbols.warn} ${t('menu.rejected', { n: rejected })}` : null;
  const labels = MENU_ITEMS.map((item) => `${MENU_NUMBERS[item]} ${t(LABELS[item])}${paused[item] ? ` (${paused[item]})` : ''}`);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('menu.title')}
      </Text>
      {banner ? <WrappedText color={theme.error}>{banner}</WrappedText> : null}
      <ChoiceList items={labels} selected={selected} height={height - 1 - (banner ? rowsOf(banner, columns - 1) : 0)} />
    </Box>
  );
}
