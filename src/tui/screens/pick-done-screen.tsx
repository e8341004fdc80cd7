import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

type DoneView = Extract<StationView, { screen: 'pick-done' }>;

export function PickDoneScreen({ view, height, t, theme }: { view: DoneView; height: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.ok}>
        {theme.symbols.ok} {t('pick.done', { order: view.order.number })}
      </Text>
      {view.lines.slice(0, Math.max(1, height - 2)).map((l) => (
        <Text key={l.productCode} wrap="truncate" color={l.status === 'short' ? theme.error : undefined}>
          {l.status === 'short' ? theme.symbols.warn : theme.symbols.ok} {l.productCode} {l.picked}/{l.quantity}
          {l.status === 'short' ? ` ${t('pick.doneShort')}` : ''} {l.productName}
        </Text>
      ))}
      <Text>{t('pick.next')}</Text>
    </Box>
  );
}
