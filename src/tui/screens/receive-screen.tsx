import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { ChoiceList } from '../components/choice-list.js';
import { TitleRow } from '../components/title-row.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { RowList } from '../components/row-list.js';
import { keyOf } from '../input/bindings.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import { useSiteNow } from '../context/site-clock.js';
import { expiryText } from '../i18n/relative-time.js';

type ReceiveView = Extract<StationView, { screen: 'receive' }>;

export function ReceiveListScreen({ view, selected, height }: { view: Extract<StationView, { screen: 'receive-list' }>; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {t('receipts.title', { n: view.receipts.length })}
      </Text>
      {view.receipts.length === 0 ? (
        <Text wrap="wrap">{t('receipts.empty')}</Text>
      ) : (
        <ChoiceList items={view.receipts.map((r) => `${r.number} ${r.supplier} ${t('orders.lines', { lines: r.lines, units: r.units })}`)} selected={selected} height={height - 1} />
      )}
    </Box>
  );
}

/** Reception: the units waiting to be put away and where (the key figure), then the lines with what came. */
export function ReceiveScreen({ view, height }: { view: ReceiveView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { pending } = view;
  const { compact, columns } = useTerminalSize();
  const { now, timeZone } = useSiteNow();
  const putaway = pending ? `${theme.symbols.pointer} ${t('receive.putawayTo', { location: pending.suggested ?? '?' })}${pending.lot ? ` · ${(pending.expiry ? t('receive.lot', { lot: pending.lot, expiry: expiryText(pending.expiry, now, timeZone, t) }) : t('receive.lotNoExpiry', { lot: pending.lot }))}` : ''}` : '';
  const hold = view.hold ? `${theme.symbols.warn} ${t(`receive.hold.${view.hold.check}`, { location: view.hold.location, suggested: pending?.suggested ?? '?', key: keyOf('receive', 'override', t) })}` : '';
  return (
    <Box flexDirection="column">
      <TitleRow title={view.receipt.number} detail={view.receipt.blind ? t('receive.blind') : view.receipt.supplier} />
      {pending ? (
        <>
          <BigFigure text={String(pending.quantity)} suffix={`× ${pending.productCode}`} color={theme.accent} />
          <WrappedText bold color={theme.accent}>
            {putaway}
          </WrappedText>
          {hold ? (
            <WrappedText bold color={theme.error}>
              {hold}
            </WrappedText>
          ) : null}
        </>
      ) : view.phase === 'done' ? (
        <Text bold color={theme.ok} wrap="wrap">
          {theme.symbols.ok} {t('receive.closed')}
        </Text>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {t('receive.scan')}
        </Text>
      )}
      <RowList
        height={height - 1 - (pending ? (compact ? 1 : 3) + rowsOf(putaway, columns - 1) + (hold ? rowsOf(hold, columns - 1) : 0) : 1)}
        rows={view.lines.map((l) => {
          const missing = Math.max(0, l.expected - l.received - l.damaged);
          const symbol = l.unexpected || l.received > l.expected ? theme.symbols.warn : missing === 0 ? theme.symbols.ok : '○';
          const damaged = l.damaged ? ` ${t('receive.damagedCount', { n: l.damaged })}` : '';
          const short = view.phase === 'done' && missing ? ` ${t('receive.missing', { n: missing })}` : '';
          return { key: l.productCode, color: l.unexpected ? theme.error : undefined, text: `${symbol} ${l.productCode} ${l.received}/${l.expected}${damaged}${short} ${l.productName}` };
        })}
      />
    </Box>
  );
}
