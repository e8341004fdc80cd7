import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { CartRows, CartStrip, slotRow } from '../components/cart-slots.js';
import { ChoiceList } from '../components/choice-list.js';
import { PickLineRows, ReplenishHint, linePosition } from '../components/pick-line-rows.js';
import { TitleRow } from '../components/title-row.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { keyOf } from '../input/bindings.js';
import { pickingLineOf } from '../input/picking-line.js';

type BatchView = Extract<StationView, { screen: 'batch' }>;

/** Lines settled of all the cart's orders, for a title row. */
const settledOf = (t: ReturnType<typeof useT>, view: BatchView) => t('batch.progress', { settled: view.progress.settled, total: view.progress.total });

/** Phase `cart`: which cart, scanned or typed. */
function CartPhase() {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {t('menu.batch')}
      </Text>
      <WrappedText color={theme.info}>{t('batch.scanCart')}</WrappedText>
    </Box>
  );
}

/** Phase `totes`: the orders proposed by position, the one whose tote to scan now (pointed at, always on screen), a tote refused. */
function TotesPhase({ view, height }: { view: BatchView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { columns, compact } = useTerminalSize();
  const next = view.slots.find((slot) => slot.position === view.toteFor);
  const bound = view.slots.filter((slot) => slot.tote !== null).length;
  const ask = next ? t('batch.scanTote', { position: next.position, order: next.order.number }) : '';
  const refused = view.toteRefused ? `${theme.symbols.error} ${t(compact ? 'batch.toteRefusedShort' : 'batch.toteRefused', { tote: view.toteRefused.tote, order: view.toteRefused.order, key: keyOf('batch-totes', 'override', t) })}` : null;
  return (
    <Box flexDirection="column">
      <TitleRow title={t('batch.cart', { cart: view.cart ?? '' })} aside={t('batch.totes', { n: bound, total: view.slots.length })} />
      {next ? (
        <WrappedText bold color={theme.accent}>
          {ask}
        </WrappedText>
      ) : null}
      {refused ? (
        <WrappedText bold color={theme.error}>
          {refused}
        </WrappedText>
      ) : null}
      <ChoiceList items={view.slots.map((slot) => slotRow(t, theme, slot))} selected={view.slots.findIndex((slot) => slot.position === view.toteFor)} height={height - 1 - (next ? rowsOf(ask, columns - 1) : 0) - (refused ? rowsOf(refused, columns - 1) : 0)} />
    </Box>
  );
}

/** Phase `put`: the tote the units in hand go into, big, and the scan that confirms it. */
function PutPhase({ view, put }: { view: BatchView; put: NonNullable<BatchView['put']> }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  return (
    <Box flexDirection="column">
      <TitleRow title={t('batch.cart', { cart: view.cart ?? '' })} aside={settledOf(t, view)} />
      <WrappedText bold color={theme.accent}>
        {t('batch.put', { position: put.position, order: put.orderNumber, quantity: put.quantity })}
      </WrappedText>
      {compact ? null : <BigFigure label={`  ${t('batch.toteWord').padEnd(12)}`} text={String(put.position)} color={theme.accent} suffix={`(${put.orderNumber})`} />}
      <WrappedText color={theme.info}>{t('batch.putConfirm', { tote: put.tote })}</WrappedText>
      {view.lastShort ? <ReplenishHint product={view.lastShort} /> : null}
      <CartStrip slots={view.slots} />
    </Box>
  );
}

/** Phase `done`: every order of the cart, done or with lines short, to be packed from its tote. */
function DonePhase({ view, height }: { view: BatchView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const title = `${theme.symbols.ok} ${t('batch.done', { cart: view.cart ?? '', n: view.slots.length })}`;
  return (
    <Box flexDirection="column">
      <WrappedText bold color={theme.ok}>
        {title}
      </WrappedText>
      <CartRows slots={view.slots} height={height - rowsOf(title, columns - 1)} />
    </Box>
  );
}

/**
 * Batch picking on a cart of totes, in every phase of the `batch` view: the cart, a tote for each
 * order by position, then one walk where each line reads as a pick line with the tote it is for
 * (`→ bac 3 (CMD-1008)`), the put into that tote, and the cart's orders at the end.
 */
export function BatchScreen({ view, height }: { view: BatchView; height: number }) {
  const t = useT();
  const { compact } = useTerminalSize();
  const picking = pickingLineOf(view);
  if (picking && view.line) {
    return (
      <Box flexDirection="column">
        <TitleRow title={t('batch.lineFor', { position: view.line.position, order: view.line.orderNumber })} detail={t('batch.cart', { cart: view.cart ?? '' })} aside={linePosition(t, picking, compact)} />
        <PickLineRows picking={picking} status={<CartStrip slots={view.slots} />} />
      </Box>
    );
  }
  if (view.phase === 'put' && view.put) return <PutPhase view={view} put={view.put} />;
  if (view.phase === 'totes') return <TotesPhase view={view} height={height} />;
  if (view.phase === 'done') return <DonePhase view={view} height={height} />;
  return <CartPhase />;
}
