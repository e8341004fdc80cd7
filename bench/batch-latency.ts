import type { StationView } from '../src/protocol/local-api.js';
import type { TerminalClient } from '../test/helpers/terminal-client.js';

type BatchView = Extract<StationView, { screen: 'batch' }>;

/**
 * Batch picking on the station and TUI the pick benchmark just used: `carts` carts (`CHR-01`, …,
 * 8 positions by the agent's default cart type) of the open orders the agent chooses, each bound to
 * totes `BAC-001`, … in position order, then walked. Every bin, product and put-to-tote scan is
 * timed to its frame by `timedScan`, as discrete picking's bin and product scans are; the cart and
 * the tote bindings (opening the batch, as scanning an order number opens a discrete pick) and
 * typed lots are not. A lot-tracked line with no lot in its bin, or a scan refused, is picked short.
 */
export async function benchBatchPicking(scanner: TerminalClient, carts: number, timedScan: (data: string, into: number[]) => Promise<void>): Promise<number[]> {
  const scans: number[] = [];
  let tote = 0;
  await scanner.act({ type: 'menu', choice: 'batch' });
  for (let cart = 1; cart <= carts; cart++) {
    const started = await scanner.input(`CHR-${String(cart).padStart(2, '0')}`);
    if (started.feedback?.code !== 'BATCH_STARTED') throw new Error(`cart CHR-${cart} not started: ${started.feedback?.code}`);
    for (let guard = 0; guard < 1000; guard++) {
      const view = scanner.view as BatchView;
      if (view.phase === 'done') break;
      if (view.phase === 'totes') {
        await scanner.input(`BAC-${String(++tote).padStart(3, '0')}`);
        continue;
      }
      if (view.phase === 'empty-check') {
        await scanner.act({ type: 'empty-check', remaining: 1 });
        continue;
      }
      if (view.phase === 'put') {
        await timedScan(view.put!.tote, scans);
        continue;
      }
      const line = view.line!;
      if (view.phase === 'location') {
        await timedScan(line.location, scans);
        continue;
      }
      // a lot-tracked line takes its FEFO lot, typed, before its items (not timed: not a scan)
      if (view.lots && !view.lots.current) {
        await scanner.act(view.lots.inBin[0] ? { type: 'lot', lot: view.lots.inBin[0].lot } : { type: 'short', reason: 'not-found' });
        continue;
      }
      await timedScan(line.barcode ?? '', scans);
      const after = scanner.view as BatchView;
      if (after.phase === 'product' && after.line?.lineId === line.lineId && after.line.position === line.position && after.line.picked === line.picked) {
        await scanner.act({ type: 'short', reason: 'not-found' });
      }
    }
    if ((scanner.view as BatchView).phase !== 'done') throw new Error(`cart CHR-${cart} not done`);
    await scanner.act({ type: 'finish' });
  }
  return scans;
}
