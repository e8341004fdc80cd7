import { APPROVAL_REASONS } from '../../domain/approval.js';
import { DAMAGE_REASONS, SHORT_REASONS } from '../../domain/events.js';
import type { StationView } from '../../protocol/local-api.js';
import type { UiState } from './ui-state.js';

/** The menu's entries, in the order they are listed. */
export const MENU_ITEMS = ['pick', 'batch', 'pack', 'receive', 'count', 'lookup', 'sign-out'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];

/**
 * Each menu entry's number, its key. Batch picking is listed under picking but came later: it
 * takes the next number free, so that every other entry keeps the key operators know.
 */
export const MENU_NUMBERS: Record<MenuItem, number> = { pick: 1, batch: 7, pack: 2, receive: 3, count: 4, lookup: 5, 'sign-out': 6 };

/** The list the arrows and digits move in now (a modal's reasons, else the screen's rows); empty when none. */
export function choicesOf(ui: UiState, view: StationView | null): readonly unknown[] {
  const modal = ui.modal;
  if (modal?.kind === 'short') return SHORT_REASONS;
  if (modal?.kind === 'override' && modal.step === 'reason') return APPROVAL_REASONS[modal.approval];
  if (modal?.kind === 'damaged' && modal.step === 'reason') return DAMAGE_REASONS;
  if (modal?.kind === 'reading') return modal.readings;
  if (modal) return [];
  switch (view?.screen) {
    case 'menu':
      return MENU_ITEMS;
    case 'pick-orders':
    case 'pack-orders':
      return view.orders;
    case 'receive-list':
      return view.receipts;
    case 'count-list':
      return view.tasks;
    case 'pack':
      if (view.phase === 'box') return view.boxes;
      return view.phase === 'carrier' && !view.carrier ? view.carriers : [];
    default:
      return [];
  }
}

/** The row a digit chooses: the menu entry of that number, elsewhere the digit's row; null when there is none. */
export function choiceOfNumber(ui: UiState, view: StationView | null, number: number): number | null {
  if (!ui.modal && view?.screen === 'menu') {
    const index = MENU_ITEMS.findIndex((item) => MENU_NUMBERS[item] === number);
    return index < 0 ? null : index;
  }
  return number >= 1 && number <= choicesOf(ui, view).length ? number - 1 : null;
}

/** A list's own keys: ↑ and ↓ stop at the ends. */
export function moveSelection(selected: number, delta: -1 | 1, length: number): number {
  return Math.max(0, Math.min(Math.max(0, length - 1), selected + delta));
}
