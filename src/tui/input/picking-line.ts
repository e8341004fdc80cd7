import type { StationView } from '../../protocol/local-api.js';

type PickView = Extract<StationView, { screen: 'pick' }>;

/**
 * A pick line under way, the same whether one order is picked (`pick`) or several on a cart
 * (`batch`, phases `location`, `product`, `empty-check`): what the pick keys and the pick line's
 * rows act on.
 */
export type PickingLine = Pick<PickView, 'phase' | 'line' | 'emptyCheck' | 'suspectBin' | 'progress' | 'lastShort' | 'undo' | 'lots'>;

/** The pick line of a view, discrete or batch; null on any other screen or batch phase. */
export function pickingLineOf(view: StationView | null): PickingLine | null {
  if (view?.screen === 'pick') return view;
  if (view?.screen !== 'batch' || !view.line) return null;
  const { phase, line } = view;
  if (phase !== 'location' && phase !== 'product' && phase !== 'empty-check') return null;
  return { phase, line, emptyCheck: view.emptyCheck, suspectBin: view.suspectBin, progress: view.progress, lastShort: view.lastShort, undo: view.undo, lots: view.lots };
}
