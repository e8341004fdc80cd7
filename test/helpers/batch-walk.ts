import { pickLineAction, type ScriptedTerminal, type ViewMessage } from '../../src/commands/scripted-terminal.js';
import type { StationView } from '../../src/protocol/local-api.js';

type BatchView = Extract<StationView, { screen: 'batch' }>;

/** Tote labels a scripted picker binds, by cart position: BAC-001, BAC-002… */
export const toteLabel = (position: number) => `BAC-${String(position).padStart(3, '0')}`;

/**
 * Picks the cart on screen (a `batch` view past its cart scan) as pickWholeOrder picks an order:
 * binds `tote(position)` to each position, walks every stop, scans the right tote after each line.
 * `short`: lines found short at once (none found); `until`: stops before the action when it holds.
 * Returns the actions sent.
 */
export async function pickWholeBatch(
  terminal: ScriptedTerminal,
  options: { tote?: (position: number) => string; short?: (line: NonNullable<BatchView['line']>) => boolean; until?: (view: BatchView) => boolean; step?: (send: () => Promise<ViewMessage>) => Promise<unknown> } = {},
): Promise<number> {
  const { tote = toteLabel, short = () => false, until = () => false, step = (send) => send() } = options;
  let actions = 0;
  for (let guard = 0; guard < 2000; guard++) {
    const view = terminal.view;
    if (view.screen !== 'batch' || view.phase === 'done' || view.phase === 'cart' || until(view)) break;
    if (view.phase === 'totes') await step(() => terminal.input(tote(view.toteFor!)));
    else if (view.phase === 'put') await step(() => terminal.input(view.put!.tote));
    else if (view.phase !== 'empty-check' && short(view.line!)) await step(() => terminal.act({ type: 'short', reason: 'not-found' }));
    else await step(pickLineAction(terminal, { phase: view.phase, lots: view.lots, line: view.line! }));
    actions++;
  }
  return actions;
}
