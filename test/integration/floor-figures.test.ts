import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { floorReport } from '../../src/hub/floor-report.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { receiveAndApply } from '../helpers/hub-apply.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const opened: Knex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
});

const data = generateDemoData(DEMO_DEFAULTS);
const order = data.orders.find((o) => o.lines.length >= 2)!;

let next = 0;
function event(seq: number, type: UpstreamEvent['type'], at: string, payload: Record<string, unknown>, operator = 'OP01'): UpstreamEvent {
  next++;
  return { id: `0193a000-0000-7000-8000-${String(next).padStart(12, '0')}`, seq, type, at, operator, station: 'PICK-1', payload };
}

async function hub(backend: Backend): Promise<Knex> {
  const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
  opened.push(db);
  await seedHub(db, data);
  return db;
}

describe.each(BACKENDS)('floor figures folded as events are applied (hub store on %s)', (backend) => {
  it("counts picks, shorts and the order the hub closed, on the site's day in Europe/Paris (the 25-hour day of October)", async () => {
    const db = await hub(backend);
    const [first, ...rest] = order.lines;
    // 2026-10-25 is the fall-back day in Paris: 00:30 and 23:30 local are 22:30Z the day before and 22:30Z that day
    const events = [
      event(1, 'pick.line.picked', '2026-10-24T22:30:00.000Z', { orderId: order.id, lineId: first!.lineId, productCode: first!.productCode, location: first!.locationCode, quantity: first!.quantity, lots: [] }),
      ...rest.map((line, i) =>
        event(i + 2, 'pick.short', '2026-10-25T22:30:00.000Z', { orderId: order.id, lineId: line.lineId, productCode: line.productCode, location: line.locationCode, picked: line.quantity - 1, short: 1, reason: 'damaged', lots: [] }, 'OP02'),
      ),
      // refused by the hub: the line is done already
      event(rest.length + 2, 'pick.line.picked', '2026-10-25T23:30:00.000Z', { orderId: order.id, lineId: first!.lineId, productCode: first!.productCode, location: first!.locationCode, quantity: 1, lots: [] }),
    ];
    await db('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 0, time_zone: 'Europe/Paris' });
    await receiveAndApply(db, 'A1', events, new Date('2026-10-26T08:00:00Z'));
    const day = await floorReport(db, { from: '2026-10-25', to: '2026-10-25', hours: true });
    expect(day.sites).toHaveLength(1);
    const paris = day.sites[0]!;
    expect(paris).toMatchObject({ siteId: 'S1', timeZone: 'Europe/Paris', agents: ['A1'] });
    const units = first!.quantity + rest.reduce((sum, l) => sum + l.quantity - 1, 0);
    expect(paris.figures['pick.line']).toEqual({ n: order.lines.length, quantity: units, by: {} });
    expect(paris.figures['pick.short']).toEqual({ n: rest.length, quantity: rest.length, by: { damaged: { n: rest.length, quantity: rest.length } } });
    expect(paris.figures['order.picked'].n).toBe(1);
    // the rejected pick fell on the 26th, Paris time
    expect(paris.figures['event.rejected'].n).toBe(0);
    expect(paris.hours!.map((h) => h.label)).toEqual(['00:00', '23:00']);
    expect(paris.operators.map((o) => [o.operator, o.hoursWorked, o.figures['pick.line'].n])).toEqual([
      ['OP01', 1, 1],
      ['OP02', 1, rest.length],
    ]);
    const next = await floorReport(db, { from: '2026-10-26', to: '2026-10-26' });
    expect(next.sites[0]!.figures['event.rejected']).toEqual({ n: 1, quantity: 0, by: { 'pick.line.picked': { n: 1, quantity: 0 } } });
    expect(next.sites[0]!.figures['pick.line'].n).toBe(1);
  });
});
