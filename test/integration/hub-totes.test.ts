import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { formatInspection, inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { receiveAndApply } from '../helpers/hub-apply.js';
import { enrolled, hello, rawLink } from '../helpers/raw-sync-link.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-22T10:00:00Z');
const opened: Knex[] = [];
let site: TestSite | undefined;
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
  await site?.stop();
  site = undefined;
});

const data = generateDemoData(DEMO_DEFAULTS);
const [first, second] = data.orders as [(typeof data.orders)[number], (typeof data.orders)[number]];

function event(seq: number, type: 'tote.assigned' | 'tote.released', payload: Record<string, unknown>): UpstreamEvent {
  return { id: `0193a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, seq, type, at: `2026-11-22T10:00:${String(seq).padStart(2, '0')}.000Z`, operator: 'OP01', station: 'PICK-1', payload };
}
const assigned = (seq: number, order: typeof first, tote: string, position: number) => event(seq, 'tote.assigned', { tote, orderId: order.id, orderNumber: order.number, cart: 'CHR-01', position });
const released = (seq: number, order: typeof first, tote: string, reason: string, supervisor: string | null = null) => event(seq, 'tote.released', { tote, orderId: order.id, reason, supervisor });

async function seededHub(backend: Backend): Promise<Knex> {
  const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
  opened.push(db);
  await seedHub(db, data);
  return db;
}

const totesOf = async (db: Knex, order: typeof first) => {
  const found = (await inspectHub(db)).orders.find((o) => o.id === order.id)!;
  return { tote: found.tote, totes: found.totes.map((t) => ({ tote: t.tote, position: t.position, releasedAt: t.releasedAt, releaseReason: t.releaseReason, releasedBy: t.releasedBy })) };
};

describe.each(BACKENDS)('hub: each order\'s tote (hub store on %s)', (backend) => {
  it('binds orders to totes, frees a tote when its order is packed or a supervisor releases it; inspect shows the tote while the order is in it', async () => {
    const db = await seededHub(backend);
    const batch = await receiveAndApply(db, 'A1', [assigned(1, first, 'BAC-001', 1), assigned(2, second, 'BAC-002', 2)], now);
    expect(batch.results).toEqual([
      { seq: 1, status: 'accepted' },
      { seq: 2, status: 'accepted' },
    ]);
    // a floor record: no document changed for the agents, nothing booked
    expect(batch.changed.size).toBe(0);
    expect(await totesOf(db, first)).toEqual({ tote: 'BAC-001', totes: [{ tote: 'BAC-001', position: 1, releasedAt: null, releaseReason: null, releasedBy: null }] });
    expect(formatInspection(await inspectHub(db))).toContain(`${first.number.padEnd(9)} open`);
    expect(formatInspection(await inspectHub(db))).toMatch(new RegExp(`${first.number} .* in tote BAC-001\\n +tote BAC-001 on CHR-01 position 1 from 2026-11-22T10:00:01.000Z \\(PICK-1, OP01\\)\\n`));

    await receiveAndApply(db, 'A1', [released(3, first, 'BAC-001', 'packed'), released(4, second, 'BAC-002', 'supervisor', 'SUP1')], now);
    expect(await totesOf(db, first)).toEqual({ tote: null, totes: [{ tote: 'BAC-001', position: 1, releasedAt: '2026-11-22T10:00:03.000Z', releaseReason: 'packed', releasedBy: null }] });
    expect(await totesOf(db, second)).toEqual({ tote: null, totes: [{ tote: 'BAC-002', position: 2, releasedAt: '2026-11-22T10:00:04.000Z', releaseReason: 'supervisor', releasedBy: 'SUP1' }] });
    expect(formatInspection(await inspectHub(db))).toContain('tote BAC-002 on CHR-01 position 2 from 2026-11-22T10:00:02.000Z (PICK-1, OP01), free 2026-11-22T10:00:04.000Z: supervisor by SUP1');

    // the tote is free: bound again, to another order
    await receiveAndApply(db, 'A1', [assigned(5, second, 'BAC-001', 1)], now);
    expect((await totesOf(db, second)).tote).toBe('BAC-001');
    expect((await totesOf(db, first)).tote).toBeNull();
  });

  it('once in effect: a batch sent again, an event applied again, a binding repeated under a new id, a release of a free tote change nothing', async () => {
    const db = await seededHub(backend);
    const events = [assigned(1, first, 'BAC-001', 1), released(2, first, 'BAC-001', 'packed'), assigned(3, first, 'BAC-003', 3)];
    await receiveAndApply(db, 'A1', events, now);
    const before = await totesOf(db, first);
    expect(before).toEqual({
      tote: 'BAC-003',
      totes: [
        { tote: 'BAC-001', position: 1, releasedAt: '2026-11-22T10:00:02.000Z', releaseReason: 'packed', releasedBy: null },
        { tote: 'BAC-003', position: 3, releasedAt: null, releaseReason: null, releasedBy: null },
      ],
    });
    expect(await receiveAndApply(db, 'A1', events, now)).toMatchObject({ received: 0, lastSeq: 3 });
    // the handlers themselves, given the same events again (as after a hub that died before recording their outcome)
    for (const e of events) await db.transaction((trx) => embeddedAdapter.apply(trx, e, now));
    expect(await totesOf(db, first)).toEqual(before);
    // the agent said it again under a new id (its batch resumed after a crash), and freed a tote already free
    const again = await receiveAndApply(db, 'A1', [{ ...assigned(4, first, 'BAC-003', 3) }, released(5, first, 'BAC-001', 'supervisor', 'SUP1')], now);
    expect(again.results).toEqual([
      { seq: 4, status: 'accepted' },
      { seq: 5, status: 'accepted' },
    ]);
    expect(await totesOf(db, first)).toEqual(before);
    expect(await db('order_totes').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('an order bound to a new tote without a release leaves its old one (reason reassigned); an unknown order is rejected', async () => {
    const db = await seededHub(backend);
    const batch = await receiveAndApply(db, 'A1', [assigned(1, first, 'BAC-001', 1), assigned(2, first, 'BAC-002', 2), event(3, 'tote.assigned', { tote: 'BAC-009', orderId: 'SO9999', orderNumber: 'CMD-9999', cart: 'CHR-01', position: 4 }), event(4, 'tote.released', { tote: 'BAC-009', orderId: 'SO9999', reason: 'packed', supervisor: null })], now);
    expect(batch.results).toEqual([
      { seq: 1, status: 'accepted' },
      { seq: 2, status: 'accepted' },
      { seq: 3, status: 'rejected', reason: 'unknown order SO9999' },
      { seq: 4, status: 'rejected', reason: 'unknown order SO9999' },
    ]);
    expect(await totesOf(db, first)).toEqual({
      tote: 'BAC-002',
      totes: [
        { tote: 'BAC-001', position: 1, releasedAt: '2026-11-22T10:00:02.000Z', releaseReason: 'reassigned', releasedBy: null },
        { tote: 'BAC-002', position: 2, releasedAt: null, releaseReason: null, releasedBy: null },
      ],
    });
  });

  it('through a real websocket: an agent\'s tote events are acked, applied once, and the same batch on a new link changes nothing', async () => {
    site = await startSite(tempDir(), { backend, orders: 2, products: 40 });
    const order = (await site.hub!.db('orders').orderBy('id').first('id', 'number')) as { id: string; number: string };
    const token = await enrolled(site, 'RAW-1');
    const frames = JSON.stringify({
      type: 'events',
      events: [event(1, 'tote.assigned', { tote: 'BAC-017', orderId: order.id, orderNumber: order.number, cart: 'CHR-02', position: 5 }), event(2, 'tote.released', { tote: 'BAC-017', orderId: order.id, reason: 'order-closed', supervisor: null }), event(3, 'tote.assigned', { tote: 'BAC-018', orderId: order.id, orderNumber: order.number, cart: 'CHR-02', position: 6 })],
    });
    for (let round = 0; round < 2; round++) {
      const link = await rawLink(site.hubPort);
      link.ws.send(hello(token, { agentId: 'RAW-1' }));
      await waitFor(() => link.messages.find((m) => m.type === 'welcome'), 'welcome');
      link.ws.send(frames);
      expect(await waitFor(() => link.messages.find((m) => m.type === 'ack'), 'ack')).toEqual({ type: 'ack', lastSeq: 3 });
      if (round === 0) {
        const outcomes = await waitFor(() => link.messages.find((m) => m.type === 'outcomes'), 'outcomes');
        expect(outcomes).toEqual({ type: 'outcomes', results: [1, 2, 3].map((seq) => ({ seq, status: 'accepted' })) });
      }
      link.ws.close();
      await waitFor(() => link.closed, 'link closed');
    }
    const inspected = (await inspectHub(site.hub!.db)).orders.find((o) => o.id === order.id)!;
    expect(inspected.tote).toBe('BAC-018');
    expect(inspected.totes).toEqual([
      { tote: 'BAC-017', cart: 'CHR-02', position: 5, station: 'PICK-1', operator: 'OP01', assignedAt: '2026-11-22T10:00:01.000Z', releasedAt: '2026-11-22T10:00:02.000Z', releaseReason: 'order-closed', releasedBy: null },
      { tote: 'BAC-018', cart: 'CHR-02', position: 6, station: 'PICK-1', operator: 'OP01', assignedAt: '2026-11-22T10:00:03.000Z', releasedAt: null, releaseReason: null, releasedBy: null },
    ]);
    expect(await site.hub!.db('events').where({ agent_id: 'RAW-1' }).count({ n: '*' })).toEqual([{ n: 3 }]);
  });
});
