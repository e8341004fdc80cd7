import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { FieldRow } from '../components/field-row.js';
import { TitleRow } from '../components/title-row.js';
import { WrappedText } from '../components/wrapped-text.js';
import { keyOf } from '../input/bindings.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';

type PickView = Extract<StationView, { screen: 'pick' }>;

/** EAN-13 is what is printed on the item; GTIN-14 with a leading 0 is only how we store it. */
function printedBarcode(code: string | null): string {
  if (!code) return '-';
  return /^0\d{13}$/.test(code) ? code.slice(1) : code;
}

type PickLots = NonNullable<PickView['lots']>;

/** The lot row of a lot-tracked line: the lot being picked (or that one is needed), and the FEFO lot, the bin's first to expire. */
function lotText(t: ReturnType<typeof useT>, lots: PickLots, compact: boolean): string {
  const fefo = lots.inBin[0];
  if (!fefo) return lots.current ? t('pick.lotNoFefo', { lot: lots.current }) : t('pick.lotNone');
  const params = { fefo: fefo.lot, expiry: fefo.expiry ?? '-' };
  if (lots.current) return t('pick.lotCurrent', { lot: lots.current, ...params });
  return t(compact ? 'pick.lotNeededShort' : 'pick.lotNeeded', params);
}

/** One pick line: the bin, the product, how many are picked of how many (the key figure). */
export function PickLineScreen({ view }: { view: PickView }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const { line, progress, order } = view;
  const atLocation = view.phase === 'location';
  // the empty-bin question is about the line just settled, which progress already counts
  const position = t(compact ? 'pick.lineShort' : 'pick.line', { n: view.emptyCheck ? progress.settled : progress.settled + 1, total: progress.total });
  const postponed = progress.postponed > 0 ? ` · ${t('pick.postponed', { n: progress.postponed })}` : '';
  return (
    <Box flexDirection="column">
      <TitleRow title={order.number} detail={order.customer} aside={`${position}${compact ? '' : postponed}`} />
      {view.emptyCheck ? (
        <WrappedText bold color={theme.accent}>
          {`${theme.symbols.warn} ${t('pick.emptyCheck', { location: view.emptyCheck.location, key: keyOf('pick-empty', 'bin-empty', t) })}`}
        </WrappedText>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {atLocation ? t('pick.goTo') : t('pick.scanProduct')}
        </Text>
      )}
      <FieldRow label={t('pick.location')} value={line.location} active={atLocation} />
      {view.suspectBin ? (
        <WrappedText color={theme.accent}>
          {`${theme.symbols.warn} ${view.suspectBin.moved ? t('pick.suspectMoved', { from: view.suspectBin.location, location: line.location }) : t('pick.suspectNoOther', { location: line.location })}`}
        </WrappedText>
      ) : null}
      <FieldRow label={t('pick.product')} value={`${line.productCode} ${line.productName}`} active={!atLocation} />
      <BigFigure label={compact ? t('input.quantity') : `  ${t('pick.quantity').padEnd(12)}`} text={`${line.picked}/${line.quantity}`} suffix={t('pick.left', { n: line.quantity - line.picked })} />
      <FieldRow label={t('pick.barcode')} value={compact ? `${t('pick.barcode')} ${printedBarcode(line.barcode)}` : printedBarcode(line.barcode)} />
      {view.lots ? <FieldRow label={t('pick.lot')} value={compact ? `${t('pick.lot')} ${lotText(t, view.lots, compact)}` : lotText(t, view.lots, compact)} active={!atLocation && !view.lots.current} /> : null}
      {view.lots?.refused ? (
        <WrappedText bold color={theme.error}>
          {`${theme.symbols.error} ${t(compact ? 'pick.lotRefusedShort' : 'pick.lotRefused', { lot: view.lots.refused, key: keyOf('pick', 'override', t) })}`}
        </WrappedText>
      ) : null}
      {/* a handheld has no row to spare while a lot waits for a supervisor: the replenish key stays in the help */}
      {view.lastShort && !(compact && view.lots?.refused) ? (
        <Text color={theme.accent} wrap="wrap">
          {t('pick.replenishHint', { product: view.lastShort, key: keyOf('pick', 'replenish', t) })}
        </Text>
      ) : null}
    </Box>
  );
}
