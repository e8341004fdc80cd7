import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { BigFigure } from './big-figure.js';
import { FieldRow } from './field-row.js';
import { WrappedText } from './wrapped-text.js';
import { keyOf } from '../input/bindings.js';
import type { PickingLine } from '../input/picking-line.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { localDay } from '../i18n/relative-time.js';
import { isSiteDay } from '../../domain/site-time.js';

/** EAN-13 is what is printed on the item; GTIN-14 with a leading 0 is only how we store it. */
function printedBarcode(code: string | null): string {
  if (!code) return '-';
  return /^0\d{13}$/.test(code) ? code.slice(1) : code;
}

type PickLots = NonNullable<PickingLine['lots']>;

/** The lot row of a lot-tracked line: the lot being picked (or that one is needed), and the FEFO lot, the bin's first to expire. */
function lotText(t: ReturnType<typeof useT>, lots: PickLots, compact: boolean): string {
  const fefo = lots.inBin[0];
  if (!fefo) return lots.current ? t('pick.lotNoFefo', { lot: lots.current }) : t('pick.lotNone');
  // the day as the operator writes it (15/06/2027, 15 Jun 2027); another form as the agent sent it
  const expiry = fefo.expiry === null ? '-' : isSiteDay(fefo.expiry) ? localDay(fefo.expiry, t.lang) : fefo.expiry;
  const params = { fefo: fefo.lot, expiry };
  if (lots.current) return t('pick.lotCurrent', { lot: lots.current, ...params });
  return t(compact ? 'pick.lotNeededShort' : 'pick.lotNeeded', params);
}

/** Where the operator is in the lines, for a title row: `ligne 3/12` (the empty-bin question is about the line just settled, which progress already counts). */
export function linePosition(t: ReturnType<typeof useT>, picking: Pick<PickingLine, 'progress' | 'emptyCheck'>, compact: boolean): string {
  const { progress } = picking;
  const position = t(compact ? 'pick.lineShort' : 'pick.line', { n: picking.emptyCheck ? progress.settled : progress.settled + 1, total: progress.total });
  return progress.postponed > 0 && !compact ? `${position} · ${t('pick.postponed', { n: progress.postponed })}` : position;
}

/**
 * The rows of one pick line, for one order or a cart's: what to scan now (or the empty-bin
 * question), the bin, the product, how many are picked of how many (the key figure), the barcode,
 * the lot, a refused lot, then `status` (a cart's positions), then the replenish key after a short,
 * the first row a full handheld leaves below its edge (the key is in the help too).
 */
export function PickLineRows({ picking, status }: { picking: PickingLine; status?: ReactNode }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const { line } = picking;
  const atLocation = picking.phase === 'location';
  return (
    <Box flexDirection="column">
      {picking.emptyCheck ? (
        <WrappedText bold color={theme.accent}>
          {`${theme.symbols.warn} ${t('pick.emptyCheck', { location: picking.emptyCheck.location, key: keyOf('pick-empty', 'bin-empty', t) })}`}
        </WrappedText>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {atLocation ? t('pick.goTo') : t('pick.scanProduct')}
        </Text>
      )}
      <FieldRow label={t('pick.location')} value={line.location} active={atLocation} />
      {picking.suspectBin ? (
        <WrappedText color={theme.accent}>
          {`${theme.symbols.warn} ${picking.suspectBin.moved ? t('pick.suspectMoved', { from: picking.suspectBin.location, location: line.location }) : t('pick.suspectNoOther', { location: line.location })}`}
        </WrappedText>
      ) : null}
      <FieldRow label={t('pick.product')} value={`${line.productCode} ${line.productName}`} active={!atLocation} />
      <BigFigure label={compact ? t('input.quantity') : `  ${t('pick.quantity').padEnd(12)}`} text={`${line.picked}/${line.quantity}`} suffix={t('pick.left', { n: line.quantity - line.picked })} />
      <FieldRow label={t('pick.barcode')} value={compact ? `${t('pick.barcode')} ${printedBarcode(line.barcode)}` : printedBarcode(line.barcode)} />
      {picking.lots ? <FieldRow label={t('pick.lot')} value={compact ? `${t('pick.lot')} ${lotText(t, picking.lots, compact)}` : lotText(t, picking.lots, compact)} active={!atLocation && !picking.lots.current} /> : null}
      {picking.lots?.refused ? (
        <WrappedText bold color={theme.error}>
          {`${theme.symbols.error} ${t(compact ? 'pick.lotRefusedShort' : 'pick.lotRefused', { lot: picking.lots.refused, key: keyOf('pick', 'override', t) })}`}
        </WrappedText>
      ) : null}
      {status}
      {/* a handheld has no row to spare while a lot waits for a supervisor: the replenish key stays in the help */}
      {picking.lastShort && !(compact && picking.lots?.refused) ? <ReplenishHint product={picking.lastShort} /> : null}
    </Box>
  );
}

/** After a short pick: the key that asks to replenish its product. */
export function ReplenishHint({ product }: { product: string }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Text color={theme.accent} wrap="wrap">
      {t('pick.replenishHint', { product, key: keyOf('pick', 'replenish', t) })}
    </Text>
  );
}
