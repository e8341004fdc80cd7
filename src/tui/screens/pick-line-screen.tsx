import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

type PickView = Extract<StationView, { screen: 'pick' }>;

/** EAN-13 is what is printed on the item; GTIN-14 with a leading 0 is only how we store it. */
function printedBarcode(code: string | null): string {
  if (!code) return '-';
  return /^0\d{13}$/.test(code) ? code.slice(1) : code;
}

function Row({ label, value, active, compact, theme }: { label: string; value: string; active: boolean; compact: boolean; theme: Theme }) {
  return (
    <Text wrap="truncate" bold={active} color={active ? theme.accent : undefined}>
      {active ? theme.symbols.pointer : ' '} {compact ? '' : label.padEnd(12)}
      {value}
    </Text>
  );
}

export function PickLineScreen({ view, compact, t, theme }: { view: PickView; compact: boolean; t: Translate; theme: Theme }) {
  const { line, progress, order } = view;
  const atLocation = view.phase === 'location';
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text bold wrap="truncate">
          {order.number}
          {compact ? '' : ` · ${order.customer}`}
        </Text>
        <Text>
          {t('pick.line', { n: progress.settled + 1, total: progress.total })}
          {progress.postponed > 0 ? ` · ${t('pick.postponed', { n: progress.postponed })}` : ''}
        </Text>
      </Box>
      {view.emptyCheck ? (
        <Text bold color={theme.accent} wrap="wrap">
          {theme.symbols.warn} {t('pick.emptyCheck', { location: view.emptyCheck.location })}
        </Text>
      ) : (
        <Text color={theme.info} wrap="truncate">
          {atLocation ? t('pick.goTo') : t('pick.scanProduct')}
        </Text>
      )}
      <Row label={t('pick.location')} value={line.location} active={atLocation} compact={compact} theme={theme} />
      <Row label={t('pick.product')} value={`${line.productCode} ${line.productName}`} active={!atLocation} compact={compact} theme={theme} />
      <Row label={t('pick.barcode')} value={printedBarcode(line.barcode)} active={false} compact={compact} theme={theme} />
      <Text bold>
        {'  '}
        {compact ? `${t('input.quantity')} ` : t('pick.quantity').padEnd(12)}
        {line.picked} / {line.quantity}
      </Text>
      {view.lastShort ? (
        <Text color={theme.accent} wrap="truncate">
          {t('pick.replenishHint', { product: view.lastShort })}
        </Text>
      ) : null}
    </Box>
  );
}
