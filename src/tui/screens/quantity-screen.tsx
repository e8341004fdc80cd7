import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { useT, useTheme } from '../context/terminal-context.js';
import { pickingLineOf } from '../input/picking-line.js';
import { parseQuantity } from '../input/reduce-ui.js';

/** What the quantity prompt adds to: the line being picked (of its total), or the units being received or counted. */
function quantityBase(view: StationView): { product: string; base: number; total: number | null } | null {
  const line = pickingLineOf(view)?.line;
  if (line) return { product: `${line.productCode} ${line.productName}`, base: line.picked, total: line.quantity };
  if ((view.screen === 'receive' || view.screen === 'count') && view.pending) return { product: `${view.pending.productCode} ${view.pending.productName}`, base: view.pending.quantity, total: null };
  return null;
}

/** The quantity prompt's sum before it is sent: `2 + 3 = 5 / 6`; `=N` sets the total instead. */
function quantitySum(view: StationView, typed: string): string {
  const of = quantityBase(view);
  const base = of?.base ?? 0;
  const total = of?.total === null || of?.total === undefined ? '' : ` / ${of.total}`;
  const parsed = parseQuantity(typed.trim());
  if (!parsed) return `${base}${total}`;
  return parsed.mode === 'set' ? `= ${parsed.quantity}${total}` : `${base} + ${parsed.quantity} = ${base + parsed.quantity}${total}`;
}

export function QuantityScreen({ view, typed }: { view: StationView; typed: string }) {
  const t = useT();
  const theme = useTheme();
  const of = quantityBase(view);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {of ? t('quantity.titleOf', { product: of.product }) : t('quantity.title')}
      </Text>
      <BigFigure text={quantitySum(view, typed)} suffix={t('unit.each')} color={theme.accent} />
      <Text wrap="wrap">{t('quantity.explain')}</Text>
    </Box>
  );
}
