import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { readConfigFile } from '../../src/runtime/config-file.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { demoAgentStore } from '../helpers/demo-agent-store.js';
import { pickOpenOrder, testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** An agent store with the demo catalog and orders, as if synced from the hub. */
const seededStore = async (backend: Backend): Promise<AgentStore> => demoAgentStore(await freshDatabase(backend, tempDir(), 'agent'));

const testSessions = (s: AgentStore) => testStationSessions(s);

describe.each(BACKENDS)('agent store (%s)', (backend) => {
  it('commits session, outbox event and audit row together, with gap-free seqs', async () => {
    store = await seededStore(backend);
    const sessions = testSessions(store);
    await sessions.handle('S1', { type: 'input', data: 'OP01', source: 'keyboard' });
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    const order = (await store.orders.listOpen(1))[0]!;
    await sessions.handle('S1', { type: 'open-order', orderId: order.id });
    await pickOpenOrder(sessions, store, 'S1');
    const outbox = await store.db('outbox').orderBy('seq');
    expect(outbox.map((e) => e.seq)).toEqual(order.lines.map((_, i) => i + 1));
    expect(outbox.every((e) => e.status === 'pending' && e.station === 'S1' && e.operator === 'OP01')).toBe(true);
    const audited = await store.db('audit').whereNotNull('event_ids').select('event_ids', 'intent', 'source', 'outcome_code');
    expect(audited.flatMap((a) => JSON.parse(a.event_ids))).toEqual(outbox.map((e) => e.id));
    // the scans, and the short of a lot-tracked line whose bin holds no lot known here
    expect(audited.every((a) => a.source === 'wedge' || a.intent === 'short')).toBe(true);
    expect((await store.orders.find(order.id))?.localStatus).toBe('picked');
    expect(store.outbox.pending).toBe(order.lines.length);
  });

  it('the packing list skips picked orders with nothing picked, reading on past a page of them', async () => {
    store = await seededStore(backend);
    const orders = await store.orders.listOpen(4);
    expect(orders).toHaveLength(4);
    // the first two by number picked with every line short, the next two with units
    await store.db.transaction(async (trx) => {
      for (const [i, order] of orders.entries()) {
        await store!.orders.recordPicked(trx, order.id, order.lines.map((line) => ({ lineId: line.lineId, picked: i < 2 ? 0 : line.quantity })));
        await store!.orders.setLocalStatus(trx, order.id, 'picked', null);
      }
    });
    // a page of 1, then 2: both past the orders with nothing picked
    expect((await store.orders.listToPack(1)).map((o) => o.number)).toEqual([orders[2]!.number]);
    expect((await store.orders.listToPack(2)).map((o) => o.number)).toEqual([orders[2]!.number, orders[3]!.number]);
    expect((await store.orders.listToPack(50)).map((o) => o.number)).toEqual([orders[2]!.number, orders[3]!.number]);
  });

  it('a pick reaches a count under way at a station whose terminal is not back since the agent restarted', async () => {
    store = await seededStore(backend);
    const before = testSessions(store);
    const input = (data: string) => ({ type: 'input' as const, data, source: 'keyboard' as const });
    await before.handle('S1', input('OP01'));
    await before.handle('S1', { type: 'menu', choice: 'pick' });
    const order = (await store.orders.listOpen(1))[0]!;
    await before.handle('S1', { type: 'open-order', orderId: order.id });
    const bin = (await before.get('S1')).state.pick!.lines[0]!.location.code;
    await before.handle('S2', input('OP02'));
    await before.handle('S2', { type: 'menu', choice: 'count' });
    await before.handle('S2', { type: 'open-count', taskId: null });
    await before.handle('S2', input(bin));
    // the agent restarts: S2's count is in the store only
    const sessions = testSessions(store);
    await pickOpenOrder(sessions, store, 'S1');
    await waitFor(async () => (await store!.db('audit').where({ station: 'S2', intent: 'stock-moved' })).length > 0, "the pick told to S2's count");
  });

  it('audits a refused scan with its raw data and records no event', async () => {
    store = await seededStore(backend);
    const sessions = testSessions(store);
    await sessions.handle('S1', { type: 'input', data: 'OP01', source: 'keyboard' });
    await sessions.handle('S1', { type: 'menu', choice: 'pick' });
    await sessions.handle('S1', { type: 'input', data: 'CMD-1001', source: 'keyboard' });
    const refused = await sessions.handle('S1', { type: 'input', data: '5901234123458', source: 'keyboard' });
    expect(refused.feedback).toMatchObject({ level: 'error', code: 'BARCODE_BAD_CHECK_DIGIT' });
    expect(await store.db('outbox').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await store.audit.recent('S1', 1)).toEqual([expect.objectContaining({ raw: '5901234123458', outcomeLevel: 'error', outcomeCode: 'BARCODE_BAD_CHECK_DIGIT' })]);
  });
});

describe('agent configuration and secrets', () => {
  it('says which file is missing or broken and which field is wrong', () => {
    const dir = tempDir();
    expect(() => readConfigFile(join(dir, 'nope.json'))).toThrow(/configuration file not found: .*nope\.json/);
    writeFileSync(join(dir, 'bad.json'), '{ agentId: ');
    expect(() => readConfigFile(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
    expect(() => parseAgentConfig({ dataDir: dir, hub: { url: 'http://hub', tokenFile: 't' } })).toThrow(/hub\.url: must be a ws:\/\/ or wss:\/\/ URL/);
  });

  it('refuses a token file other users can read', () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, 'secret\n');
    chmodSync(file, 0o644);
    expect(() => readSecretFile(file)).toThrow(/readable by other users; run: chmod 600/);
    chmodSync(file, 0o600);
    expect(readSecretFile(file)).toBe('secret');
  });
});
