import { copyFileSync, existsSync, rmSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedAdapter } from '../../src/hub/adapters/embedded/embedded-adapter.js';
import { DEMO_DEFAULTS, generateDemoData, type DemoOrder } from '../../src/hub/adapters/embedded/demo-data.js';
import { seedHub } from '../../src/hub/adapters/embedded/seed.js';
import { releaseLinkLease, startSegment } from '../../src/hub/agent-incarnation.js';
import { hubPaths, startHub, type RunningHub } from '../../src/hub/start-hub.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import WebSocket from 'ws';
import { join } from 'node:path';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { InboxApplier, settledOutcomes } from '../../src/hub/inbox-applier.js';
import { hubMigrations } from '../../migrations/hub/index.js';
import { agentToHub, LEGACY_INCARNATION, SYNC_SUBPROTOCOL, type HubToAgent } from '../../src/protocol/sync.js';
import { knexConfig } from '../../src/storage/open-database.js';
import { moduleMigrationSource } from '../../src/storage/migration-source.js';
import { receiveBatch } from '../../src/hub/receive-batch.js';
import type { UpstreamEvent } from '../../src/protocol/sync-events.js';
import { createLogger } from '../../src/runtime/logger.js';
import { TEST_INCARNATION } from '../helpers/hub-apply.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { drained, expectMovedOnce, pickOrder } from '../helpers/booked-once.js';

const tempDir = useTempDirs();
const now = new Date('2026-11-29T10:00:00.000Z');
const OTHER_STORE = '0193a000-0000-4000-8000-0000000000b2';
const silent = createLogger('test', '/dev/null', 'silent');

describe.each(BACKENDS)('hub: an agent coming back with another store (%s)', (backend) => {
  const opened: Knex[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
  });

  async function hubWithOrder() {
    const db = await openHubStore(await freshDatabase(backend, tempDir(), 'hub'));
    opened.push(db);
    const data = generateDemoData(DEMO_DEFAULTS);
    await seedHub(db, data);
    return { db, orders: data.orders };
  }

  let ids = 0;
  const picked = (seq: number, order: DemoOrder, line: number, id = `0193a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`): UpstreamEvent => {
    const l = order.lines[line]!;
    return { id, seq, type: 'pick.line.picked', at: now.toISOString(), operator: 'OP01', station: 'PICK-1', payload: { orderId: order.id, lineId: l.lineId, productCode: l.productCode, location: l.locationCode, quantity: l.quantity, lots: [] } };
  };

  async function applyAll(db: Knex): Promise<void> {
    const applier = new InboxApplier({ db, adapter: embeddedAdapter, logger: silent, clock: () => now, onApplied: () => undefined });
    applier.kick();
    await applier.whenIdle();
  }

  it('a wiped store starts again at seq 1: its events follow what the hub holds, none is taken for a duplicate', async () => {
    const { db, orders } = await hubWithOrder();
    const [a, b] = [orders[0]!, orders[1]!];
    const first = await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: TEST_INCARNATION, settledThrough: 0 }, now);
    expect(first).toMatchObject({ started: 'adopted', lastSeq: 0, lastId: null });
    expect(await receiveBatch(db, 'A1', first.segment, a.lines.map((_, i) => picked(i + 1, a, i)), now)).toMatchObject({ lastSeq: a.lines.length, received: a.lines.length });
    await applyAll(db);

    // while the first store's link holds the agent id (its lease), another store is turned away
    await expect(startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: OTHER_STORE, settledThrough: 0 }, now)).rejects.toMatchObject({ code: 'AGENT_IN_USE' });
    // the first store's link ended (its lease released)
    await releaseLinkLease(db, { agentId: 'A1', incarnation: TEST_INCARNATION });
    const wiped = await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: OTHER_STORE, settledThrough: 0 }, now);
    expect(wiped).toMatchObject({ started: 'new', previous: TEST_INCARNATION, lastSeq: 0, lastId: null, segment: { base: a.lines.length, firstSeq: 1 } });
    const again = b.lines.map((_, i) => picked(i + 1, b, i));
    expect(await receiveBatch(db, 'A1', wiped.segment, again, now)).toMatchObject({ lastSeq: b.lines.length, received: b.lines.length, conflicts: [] });
    await applyAll(db);
    const report = await inspectHub(db);
    expect(report.agents).toEqual([expect.objectContaining({ lastSeq: a.lines.length + b.lines.length, accepted: a.lines.length + b.lines.length, duplicates: 0, incarnation: OTHER_STORE, incarnationSeq: b.lines.length })]);
    expect(report.orders.filter((o) => o.status === 'picked').map((o) => o.id)).toEqual([a.id, b.id]);
    // the agent's own numbering comes back in the welcome of its next link
    expect(await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: OTHER_STORE, settledThrough: b.lines.length }, now)).toMatchObject({ started: 'continued', lastSeq: b.lines.length, lastId: again.at(-1)!.id });
  });

  it('a seq the hub holds under another id is refused as diverged history, nothing taken', async () => {
    const { db, orders } = await hubWithOrder();
    const a = orders[0]!;
    const { segment } = await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: TEST_INCARNATION, settledThrough: 0 }, now);
    await receiveBatch(db, 'A1', segment, [picked(1, a, 0), picked(2, a, 1)], now);
    const outcome = await receiveBatch(db, 'A1', segment, [picked(2, a, 1), picked(3, a, 2)], now);
    expect(outcome).toMatchObject({ received: 0, lastSeq: 2, diverged: expect.stringMatching(/^seq 2 is event .* at the hub, not /) });
    expect(await db('events').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('a restored store sends again under a new incarnation: what the hub had is a duplicate, booked once; an id with other content is rejected', async () => {
    const { db, orders } = await hubWithOrder();
    const a = orders[0]!;
    const first = (await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: TEST_INCARNATION, settledThrough: 0 }, now)).segment;
    const sent = a.lines.map((_, i) => picked(i + 1, a, i));
    await receiveBatch(db, 'A1', first, sent, now);
    await applyAll(db);

    // the backup had the outcome of seq 1 only; seq 2 comes again with the same id and content,
    // seq 3 under a used id with another quantity
    // the first store's link ended (its lease released)
    await releaseLinkLease(db, { agentId: 'A1', incarnation: TEST_INCARNATION });
    const restored = (await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: OTHER_STORE, settledThrough: 1 }, now)).segment;
    expect(restored).toEqual({ incarnation: OTHER_STORE, base: sent.length - 1, firstSeq: 2 });
    const tampered = { ...sent[2]!, payload: { ...sent[2]!.payload, quantity: 99 } };
    const outcome = await receiveBatch(db, 'A1', restored, [sent[1]!, tampered], now);
    expect(outcome).toMatchObject({ lastSeq: 3, received: 2, conflicts: [{ id: tampered.id, seq: 3, heldBy: 'A1 #3' }] });
    await applyAll(db);

    const rows = await db('events').where({ agent_id: 'A1' }).andWhere('seq', '>', sent.length).orderBy('seq').select('status', 'reason', 'sent_id', 'agent_seq', 'incarnation');
    expect(rows).toEqual([
      { status: 'duplicate', reason: 'duplicate of A1 #2: booked once, there', sent_id: sent[1]!.id, agent_seq: 2, incarnation: OTHER_STORE },
      { status: 'rejected', reason: `event id ${tampered.id} was already used by A1 #3 with other content`, sent_id: tampered.id, agent_seq: 3, incarnation: OTHER_STORE },
    ]);
    const [moved] = await db('stock_moves').where('ref', 'like', `${a.id}/%`).sum({ total: 'delta' });
    expect(Number(moved?.total)).toBe(-a.lines.reduce((sum, l) => sum + l.quantity, 0));
    expect(await inspectHub(db).then((r) => r.agents[0])).toMatchObject({ accepted: sent.length, rejected: 1, duplicates: 1 });
  });
});

describe.each(BACKENDS)('hub: what a duplicate comes to (%s)', (backend) => {
  const opened: Knex[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
  });

  async function hub(location?: string) {
    const db = await openHubStore(location ?? (await freshDatabase(backend, tempDir(), 'hub')));
    opened.push(db);
    const data = generateDemoData(DEMO_DEFAULTS);
    await seedHub(db, data);
    return { db, order: data.orders[0]! };
  }
  const applied = async (db: Knex) => {
    const applier = new InboxApplier({ db, adapter: embeddedAdapter, logger: silent, clock: () => now, onApplied: () => undefined });
    applier.kick();
    await applier.whenIdle();
  };
  const event = (seq: number, id: string, payload: Record<string, unknown>): UpstreamEvent => ({ id, seq, type: 'pick.line.picked', at: now.toISOString(), operator: 'OP01', station: 'PICK-1', payload });
  const line = (order: DemoOrder, i: number) => ({ orderId: order.id, lineId: order.lines[i]!.lineId, productCode: order.lines[i]!.productCode, location: order.lines[i]!.locationCode, quantity: order.lines[i]!.quantity, lots: [] });
  const ID = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

  it('takes the outcome of the event it repeats: refused there, refused here; still waiting, given when that one is applied', async () => {
    const { db, order } = await hub();
    const first = (await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: TEST_INCARNATION, settledThrough: 0 }, now)).segment;
    const overPick = event(1, ID(1), { ...line(order, 0), quantity: 999 });
    await receiveBatch(db, 'A1', first, [overPick, event(2, ID(2), line(order, 1))], now);
    await applied(db);
    await receiveBatch(db, 'A1', first, [event(3, ID(3), line(order, 2))], now);
    // a restored store sends all three again: 1 was refused, 2 booked, 3 not applied yet
    // the first store's link ended (its lease released)
    await releaseLinkLease(db, { agentId: 'A1', incarnation: TEST_INCARNATION });
    const restored = (await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: OTHER_STORE, settledThrough: 0 }, now)).segment;
    await receiveBatch(db, 'A1', restored, [overPick, event(2, ID(2), line(order, 1)), event(3, ID(3), line(order, 2))], now);
    await applied(db);
    const rows = await db('events').where({ agent_id: 'A1' }).orderBy('seq').select('seq', 'status', 'reason');
    const refusal = rows[0]!.reason as string;
    expect(rows.map((r) => [Number(r.seq), r.status])).toEqual([[1, 'rejected'], [2, 'accepted'], [3, 'accepted'], [4, 'rejected'], [5, 'duplicate'], [6, 'duplicate']]);
    expect(rows[3]!.reason).toBe(`duplicate of A1 #1, refused there: ${refusal}`);
    expect(rows[5]!.reason).toBe('duplicate of A1 #3: booked once, there');
    const { results } = await settledOutcomes(db, 'A1', 3, 10, 3);
    expect(results).toEqual([
      { seq: 1, status: 'rejected', reason: `duplicate of A1 #1, refused there: ${refusal}` },
      { seq: 2, status: 'accepted', reason: 'duplicate of A1 #2: booked once, there' },
      { seq: 3, status: 'accepted', reason: 'duplicate of A1 #3: booked once, there' },
    ]);
    expect(await db('order_lines').where({ order_id: order.id, status: 'picked' }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('the same seq twice in one batch: a copy is taken once, two ids at one seq are refused', async () => {
    const { db, order } = await hub();
    const { segment } = await startSegment(db, { agentId: 'A1', siteId: 'S1', incarnation: TEST_INCARNATION, settledThrough: 0 }, now);
    expect(await receiveBatch(db, 'A1', segment, [event(1, ID(1), line(order, 0)), event(1, ID(1), line(order, 0)), event(2, ID(2), line(order, 1))], now)).toMatchObject({ lastSeq: 2, received: 2 });
    expect(await receiveBatch(db, 'A1', segment, [event(3, ID(3), line(order, 2)), event(3, ID(4), line(order, 2))], now)).toMatchObject({ received: 0, lastSeq: 2, diverged: 'seq 3 twice in one batch, under two ids' });
  });

  it.runIf(backend === 'sqlite')('a hub store from before incarnations: the agent it knew goes on from its last seq, an id once kept aside is known by what the agent sent', async () => {
    const location = `${tempDir()}/hub.sqlite`;
    const old = knexFactory(knexConfig(location));
    const before = Object.fromEntries(Object.entries(hubMigrations).filter(([name]) => name < '0009'));
    await old.migrate.latest({ migrationSource: moduleMigrationSource(before), tableName: 'knex_migrations_hub' });
    const row = { agent_id: 'A1', type: 'pick.line.picked', at: now.toISOString(), station: 'PICK-1', operator: 'OP01', payload: '{}', status: 'accepted', received_at: now.toISOString(), applied_at: now.toISOString() };
    await old('events').insert([{ ...row, seq: 1, id: ID(1) }, { ...row, seq: 2, id: `${ID(9)}#A1#2`, status: 'rejected' }]);
    await old('agents').insert({ agent_id: 'A1', site_id: 'S1', last_seq: 2, settled_seq: 2, last_seen_at: now.toISOString() });
    await old.destroy();

    const { db } = await hub(location);
    expect(await db('events').where({ seq: 2 }).first('sent_id')).toEqual({ sent_id: ID(9) });
    const legacy = agentToHub.parse({ type: 'hello', protocol: 1, agentId: 'A1', siteId: 'S1', token: 't', cursors: { catalog: null, work: null }, settledThrough: 2 });
    expect(legacy).toMatchObject({ incarnation: LEGACY_INCARNATION });
    if (legacy.type !== 'hello') throw new Error('hello expected');
    expect(await startSegment(db, legacy, now)).toMatchObject({ started: 'adopted', lastSeq: 2, lastId: ID(9), segment: { base: 0, firstSeq: 1 } });
  });
});

/** Makes a copy of a closed agent store and puts it back later: a SQLite file, or a PostgreSQL database cloned as a template. */
async function storeBackup(location: string): Promise<{ restore(): Promise<void> }> {
  if (!location.startsWith('postgres')) {
    // the agent closed the store, so its WAL is checkpointed into the file
    expect(existsSync(`${location}-wal`)).toBe(false);
    copyFileSync(location, `${location}.bak`);
    return {
      restore: async () => {
        expect(existsSync(`${location}-wal`), 'the stopped agent left no WAL beside the file restored').toBe(false);
        copyFileSync(`${location}.bak`, location);
      },
    };
  }
  const url = new URL(location);
  const name = url.pathname.slice(1);
  const admin = new URL(location);
  admin.pathname = '/postgres';
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE DATABASE ${name}_bak TEMPLATE ${name}`);
  return {
    restore: async () => {
      await sql(`DROP DATABASE ${name}`);
      await sql(`CREATE DATABASE ${name} TEMPLATE ${name}_bak`);
    },
  };
}

async function wipeStore(location: string): Promise<void> {
  if (!location.startsWith('postgres')) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
    return;
  }
  const admin = new URL(location);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

describe.each(BACKENDS)('agent store wiped or restored from an older backup (%s): every line the operators were told was done is booked once', (backend) => {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.stop();
    site = undefined;
  });

  async function expectBookedOnce(s: TestSite, numbers: string[], events: number): Promise<void> {
    await expectMovedOnce(s, numbers);
    const report = await inspectHub(s.hub!.db);
    expect(report.rejectedEvents).toEqual([]);
    expect(report.agents[0]).toMatchObject({ accepted: events, rejected: 0 });
  }

  it('wiped: the new store is a new incarnation and its events are booked after the old ones', async () => {
    site = await startSite(tempDir(), { backend });
    const before = await pickOrder(site, 'CMD-1001');
    await drained(site);
    const firstStore = (await site.agent.status()).incarnation.id;
    await site.restartAgent(() => wipeStore(site!.agentDb));
    await waitFor(async () => (await site!.agent.status()).catalog.openOrders > 0, 'catalog synced into the new store');
    const status = await site.agent.status();
    expect(status.incarnation).toMatchObject({ reason: 'new-store' });
    expect(status.incarnation.id).not.toBe(firstStore);
    const after = await pickOrder(site, 'CMD-1002');
    await drained(site);
    await expectBookedOnce(site, ['CMD-1001', 'CMD-1002'], before + after);
    expect((await inspectHub(site.hub!.db)).agents[0]).toMatchObject({ lastSeq: before + after, incarnationSeq: after, duplicates: 0 });
  });

  it('restored from an older backup, which had events the hub since stored: they are matched by id, the new ones booked', async () => {
    site = await startSite(tempDir(), { backend });
    const first = await pickOrder(site, 'CMD-1001');
    await drained(site);
    // lines picked while the hub is down wait in the backup, unsent
    await site.stopHub();
    const waiting = await pickOrder(site, 'CMD-1002');
    let backup: { restore(): Promise<void> } | undefined;
    await site.restartAgent(async () => {
      backup = await storeBackup(site!.agentDb);
    });
    await site.startHub();
    await drained(site);
    const lost = await pickOrder(site, 'CMD-1003');
    await drained(site);

    // picked before the restored store meets the hub: its welcome, and the outcomes of the history
    // the store lost that follow it, must not settle these
    await site.stopHub();
    await site.restartAgent(() => backup!.restore());
    const restoredStore = (await site.agent.status()).incarnation.id;
    const after = await pickOrder(site, 'CMD-1004');
    await site.startHub();
    await drained(site);
    const status = await site.agent.status();
    expect(status.incarnation).toMatchObject({ reason: 'history-diverged' });
    expect(status.incarnation.id).not.toBe(restoredStore);
    expect(status).toMatchObject({ pending: 0, awaitingOutcome: 0, rejected: 0 });
    await expectBookedOnce(site, ['CMD-1001', 'CMD-1002', 'CMD-1003', 'CMD-1004'], first + waiting + lost + after);
    expect((await inspectHub(site.hub!.db)).agents[0]).toMatchObject({ duplicates: waiting });
  });
});

describe('hubs sharing one PostgreSQL database: one live link per agent id across them', () => {
  let site: TestSite | undefined;
  const hubs: RunningHub[] = [];
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.stop();
    await site?.stop();
    site = undefined;
  });

  /** Says hello to a hub as another store of AGENT-1 would; resolves with the hub's answer. */
  async function helloAs(port: number, token: string, incarnation: string): Promise<{ answer: HubToAgent; ws: WebSocket }> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, SYNC_SUBPROTOCOL);
    const answer = new Promise<HubToAgent>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as HubToAgent)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, agentId: 'AGENT-1', siteId: 'SITE-1', token, incarnation, cursors: { catalog: null, work: null, stock: null } }));
    return { answer: await answer, ws };
  }

  it('another store of the agent is refused at the second hub while the first hub holds its link, and gets in once that link ends', async () => {
    site = await startSite(tempDir(), { backend: 'postgres' });
    const second = await startHub({ dataDir: join(site.dir, 'hub2'), db: site.hubDb, host: '127.0.0.1', port: 0, seed: false, logFile: join(site.dir, 'hub2.log') });
    hubs.push(second);
    const token = readSecretFile(hubPaths(join(site.dir, 'hub')).agentTokenFile('AGENT-1'));
    const refused = await helloAs(second.port, token, OTHER_STORE);
    expect(refused.answer).toMatchObject({ type: 'error', kind: 'agent-in-use', retryAfterMs: 10_000 });
    refused.ws.close();
    await site.restartAgent(async () => {
      const welcomed = await helloAs(second.port, token, OTHER_STORE);
      expect(welcomed.answer).toMatchObject({ type: 'welcome' });
      welcomed.ws.close();
    });
  });
});
