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
function slotSymbol(slot: CartSlot, theme: Theme): string {
  if (slot.status === 'tote') return theme.symbols.offline;
  if (slot.status === 'picking') return theme.symbols.info;
  return slot.short > 0 ? theme.symbols.warn : theme.symbols.ok;
}

/**
 * A slot on its row: position, state, tote, order, and its lines settled (with any short).
 * `brief` (a handheld): the position glued to its symbol and the short in brief words, so a cart of
 * 8 holds one row each at 40 columns (`7⚠ BAC-027 CMD-1012 2/2 l. · 1 manq.`).
 */
export function slotRow(t: Translate, theme: Theme, slot: CartSlot, brief = false): string {
  const short = slot.short > 0 ? ` · ${t(brief ? 'batch.slotShortBrief' : 'batch.slotShort', { n: slot.short })}` : '';
  return `${slot.position}${brief ? '' : ' '}${slotSymbol(slot, theme)} ${slot.tote ?? '—'} ${slot.order.number} ${t('batch.slotLines', { settled: slot.settled, lines: slot.lines })}${short}`;
}

/** The cart's positions on one wrapped line, `1✔ 2● 3⚠` (with the orders' numbers where there is room): its state at a glance during the walk. */
export function CartStrip({ slots }: { slots: CartSlot[] }) {
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const text = slots.map((slot) => `${slot.position}${slotSymbol(slot, theme)}${compact ? '' : ` ${slot.order.number}`}`).join(compact ? ' ' : '  ');
  return <WrappedText dimColor>{text}</WrappedText>;
}

/**
 * The cart's positions one per row, those with a line short first (then by position), so that
 * when not all fit the ones counted on the `+N` line are never the orders short.
 */
export function CartRows({ slots, height }: { slots: CartSlot[]; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const ordered = [...slots.filter((slot) => slot.short > 0), ...slots.filter((slot) => slot.short === 0)];
  return (
    <RowList
      height={height}
      rows={ordered.map((slot) => ({
        key: String(slot.position),
        text: slotRow(t, theme, slot, compact),
        color: slot.short > 0 ? theme.error : undefined,
      }))}
    />
  );
}
