import type { StationView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { RowList } from './row-list.js';
import { WrappedText } from './wrapped-text.js';

export type CartSlot = Extract<StationView, { screen: 'batch' }>['slots'][number];

/**
 * A cart position's state in one symbol, so it reads without colour: `○` waiting for its tote,
 * `●` being picked, `✔` done, `⚠` done with a line short.
 */
export function slotSymbol(slot: CartSlot, theme: Theme): string {
  if (slot.status === 'tote') return theme.symbols.offline;
  if (slot.status === 'picking') return theme.symbols.info;
  return slot.short > 0 ? theme.symbols.warn : theme.symbols.ok;
}

/** A slot on its row: position, state, tote, order, and its lines settled (with any short). */
export function slotRow(t: Translate, theme: Theme, slot: CartSlot): string {
  const short = slot.short > 0 ? ` · ${t('batch.slotShort', { n: slot.short })}` : '';
  return `${slot.position} ${slotSymbol(slot, theme)} ${slot.tote ?? '—'} ${slot.order.number} ${t('batch.slotLines', { settled: slot.settled, lines: slot.lines })}${short}`;
}

/** The cart's positions on one wrapped line, `1✔ 2● 3⚠` (with the orders' numbers where there is room): its state at a glance during the walk. */
export function CartStrip({ slots }: { slots: CartSlot[] }) {
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const text = slots.map((slot) => `${slot.position}${slotSymbol(slot, theme)}${compact ? '' : ` ${slot.order.number}`}`).join(compact ? ' ' : '  ');
  return <WrappedText dimColor>{text}</WrappedText>;
}

/** The cart's positions one per row, those that do not fit counted on a `+N` line. */
export function CartRows({ slots, height }: { slots: CartSlot[]; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <RowList
      height={height}
      rows={slots.map((slot) => ({
        key: String(slot.position),
        text: slotRow(t, theme, slot),
        color: slot.short > 0 ? theme.error : undefined,
      }))}
    />
  );
}
