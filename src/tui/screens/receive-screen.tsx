import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { ChoiceList } from '../components/choice-list.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

type ReceiveView = Extract<StationView, { screen: 'receive' }>;

export function ReceiveListScreen({ view, selected, height, t, theme }: { view: Extract<StationView, { screen: 'receive-list' }>; selected: number; height: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('receipts.title', { n: view.receipts.length })}
      </Text>
      {view.receipts.length === 0 ? (
        <Text>{t('receipts.empty')}</Text>
      ) : (
        <ChoiceList items={view.receipts.map((r) => `${r.number} ${r.supplier} ${t('orders.lines', { lines: r.lines, units: r.units })}`)} selected={selected} height={height - 1} theme={theme} />
      )}
    </Box>
  );
}

/** Reception: the lines with what came, then the units waiting to be put away and where. */
export function ReceiveScreen({ view, height, t, theme }: { view: ReceiveView; height: number; t: Translate; theme: Theme }) {
  const { pending } = view;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {view.receipt.number}
        {view.receipt.blind ? ` · ${t('receive.blind')}` : ` · ${view.receipt.supplier}`}
      </Text>
      {pending ? (
        <Text bold color={theme.accent} wrap="wrap">
          {theme.symbols.pointer} {t('receive.putaway', { quantity: pending.quantity, product: pending.productCode, location: pending.suggested ?? '?' })}
          {pending.lot ? ` · ${t('receive.lot', { lot: pending.lot, expiry: pending.expiry ?? '-' })}` : ''}
        </Text>
      ) : view.phase === 'done' ? (
        <Text bold color={theme.ok}>
          {theme.symbols.ok} {t('receive.closed')}
        </Text>
      ) : (
        <Text color={theme.info}>{t('receive.scan')}</Text>
      )}
      {view.lines.slice(0, Math.max(1, height - 2)).map((l) => {
        const missing = Math.max(0, l.expected - l.received - l.damaged);
        const symbol = l.unexpected || l.received > l.expected ? theme.symbols.warn : missing === 0 ? theme.symbols.ok : '○';
        return (
          <Text key={l.productCode} wrap="truncate" color={l.unexpected ? theme.error : undefined}>
            {symbol} {l.productCode} {l.received}/{l.expected}
            {l.damaged ? ` ${t('receive.damagedCount', { n: l.damaged })}` : ''}
            {view.phase === 'done' && missing ? ` ${t('receive.missing', { n: missing })}` : ''} {l.productName}
          </Text>
        );
      })}
    </Box>
  );
}
