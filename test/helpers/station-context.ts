import type { AgentStore } from '../../src/agent/store/agent-store.js';
import { binLotsOf } from '../../src/agent/pick-lots.js';
import { StationSessions, type SessionsOptions } from '../../src/agent/station-sessions.js';
import type { StationContext } from '../../src/domain/workflows/station.js';

/** The site rules the domain tests run under: a blind count, 10 % over-receipt, an online scale emptied since the last parcel. */
export function stationContext(overrides: Partial<StationContext> = {}): StationContext {
  return {
    packing: { tolerance: { absoluteGrams: 20, percent: 2 }, fillerGrams: 0, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' },
    scale: { kind: 'online', load: null, emptiedSinceWeighed: true },
    receiving: { today: '2026-11-22', overTolerancePercent: 10, otherBin: 'confirm' },
    counting: { blind: true, recount: { quantity: 1, percent: 5 }, recountByAnother: true },
    picking: { weightOverPercent: 10 },
    ...overrides,
  };
}

/** Station sessions over `store` as an agent without devices runs them (stations weigh by typed weights); a background fault fails the test. */
export function testStationSessions(store: AgentStore, overrides: Partial<SessionsOptions> = {}): StationSessions {
  const { scale: _scale, receiving, ...context } = stationContext({ packing: { tolerance: { absoluteGrams: 25, percent: 3 }, fillerGrams: 0, families: {}, emptyScaleGrams: 5, offlineTypedWeight: 'supervisor' } });
  const { today: _today, ...site } = receiving;
  return new StationSessions({
    store,
    clock: () => new Date('2026-11-22T10:00:00Z'),
    context: { ...context, receiving: site },
    stationsWithScale: [],
    batches: { carts: [{ prefix: 'CHR-', positions: 8 }], totePrefix: 'BAC-' },
    nextSscc: async () => '037610000000000019',
    onCommitted: () => undefined,
    onChanged: () => undefined,
    onBackgroundFault: (station, what, error) => {
      throw new Error(`${station}: ${what}: ${error.message}`);
    },
    ...overrides,
  });
}

/**
 * Picks the order open at `station` to its end as a picker would: bin, then items, a lot-tracked
 * line's FEFO lot first (short, not found, when no lot is known there), an empty-bin check answered "empty".
 */
export async function pickOpenOrder(sessions: StationSessions, store: AgentStore, station: string): Promise<void> {
  const input = (data: string) => sessions.handle(station, { type: 'input', data, source: 'wedge' });
  for (let guard = 0; guard < 200; guard++) {
    const { state } = await sessions.get(station);
    const pick = state.pick;
    const line = pick?.lines.find((l) => l.status === 'open');
    if (!pick || !line || pick.phase === 'done') return;
    if (pick.phase === 'empty-check') await sessions.handle(station, { type: 'empty-check', remaining: 0 });
    else if (pick.phase === 'location') await input(line.location.code);
    else {
      const lots = await binLotsOf(store, line.productCode, line.location.code);
      if (lots?.length === 0) await sessions.handle(station, { type: 'short', reason: 'not-found' });
      else if (lots && pick.lot?.lineId !== line.lineId) await sessions.handle(station, { type: 'lot', lot: lots[0]!.lot });
      else await input((await store.catalog.unitBarcodes([line.productCode])).get(line.productCode)!);
    }
  }
  throw new Error(`the order at ${station} did not finish`);
}
