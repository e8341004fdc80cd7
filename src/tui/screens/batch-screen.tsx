import { Box, Text } from 'ink';
import type { FeedbackView, StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { CartRows, CartStrip, slotRow } from '../components/cart-slots.js';
import { ChoiceList } from '../components/choice-list.js';
import { PickLineRows, ReplenishHint, linePosition } from '../components/pick-line-rows.js';
import { TitleRow } from '../components/title-row.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import type { MessageKey } from '../i18n/messages-fr.js';
import { keyOf } from '../input/bindings.js';
import { pickingLineOf } from '../input/picking-line.js';

type BatchView = Extract<StationView, { screen: 'batch' }>;

/** What the help (`?`) says of the phase under it, before its keys: the cart's, the totes' and the put's steps; null in the other phases (a line's keys say it). */
export function batchHelpKey(view: StationView): MessageKey | null {
  if (view.screen !== 'batch') return null;
  if (view.phase === 'cart' || view.phase === 'totes' || view.phase === 'put') return `help.batch.${view.phase}`;
  return null;
}

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

/**
 * Phase `totes`: the orders proposed by position, the one whose tote to scan now (pointed at, always
 * on screen, the positions hidden counted), a tote refused, unless the feedback line says it already
 * (the `#` key is on the key line).
 */
function TotesPhase({ view, height, feedback }: { view: BatchView; height: number; feedback: FeedbackView | null }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const next = view.slots.find((slot) => slot.position === view.toteFor);
  const bound = view.slots.filter((slot) => slot.tote !== null).length;
  const ask = next ? t('batch.scanTote', { position: next.position, order: next.order.number }) : '';
  const said = feedback?.code === 'TOTE_IN_USE' && feedback.params?.['tote'] === view.toteRefused?.tote;
  const refused = view.toteRefused && !said ? `${theme.symbols.error} ${t('batch.toteRefused', { tote: view.toteRefused.tote, order: view.toteRefused.order, key: keyOf('batch-totes', 'override', t) })}` : null;
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
      <ChoiceList items={view.slots.map((slot) => slotRow(t, theme, slot))} selected={view.slots.findIndex((slot) => slot.position === view.toteFor)} counted height={height - 1 - (next ? rowsOf(ask, columns - 1) : 0) - (refused ? rowsOf(refused, columns - 1) : 0)} />
    </Box>
  );
}

/** Phase `put`: the tote the units in hand go into, big, and the scan that confirms it; the line counter as on a line. */
function PutPhase({ view, put }: { view: BatchView; put: NonNullable<BatchView['put']> }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  return (
    <Box flexDirection="column">
      <TitleRow title={t('batch.cart', { cart: view.cart ?? '' })} aside={linePosition(t, view, compact)} />
      <WrappedText bold color={theme.accent}>
        {t('batch.put', { position: put.position, order: put.orderNumber, quantity: put.quantity })}
      </WrappedText>
      {compact ? null : <BigFigure label={`  ${t('batch.toteWord').padEnd(12)}`} text={String(put.position)} color={theme.accent} suffix={`(${put.orderNumber})`} />}
      <WrappedText color={theme.info}>{t(put.quantity === 1 ? 'batch.putConfirmOne' : 'batch.putConfirm', { tote: put.tote })}</WrappedText>
      {view.lastShort ? <ReplenishHint product={view.lastShort} /> : null}
      <CartStrip slots={view.slots} />
    </Box>
  );
}

/** Phase `done`: every order of the cart, done or with lines short (those first), to be packed from its tote; the sentence is the feedback's (BATCH_DONE). */
function DonePhase({ view, height }: { view: BatchView; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <TitleRow title={`${theme.symbols.ok} ${t('batch.cart', { cart: view.cart ?? '' })}`} aside={t('batch.doneOrders', { n: view.slots.length })} />
      <CartRows slots={view.slots} height={height - 1} />
    </Box>
  );
}

/**
 * Batch picking on a cart of totes, in every phase of the `batch` view: the cart, a tote for each
 * order by position, then one walk where each line reads as a pick line with the tote it is for
 * (`→ bac 3 (CMD-1008)`), the put into that tote, and the cart's orders at the end.
 */
export function BatchScreen({ view, height, feedback }: { view: BatchView; height: number; feedback: FeedbackView | null }) {
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
  if (view.phase === 'totes') return <TotesPhase view={view} height={height} feedback={feedback} />;
  if (view.phase === 'done') return <DonePhase view={view} height={height} />;
  return <CartPhase />;
}
