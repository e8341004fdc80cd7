import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { agentStatusAt, killHard, useQuaiProcesses } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeBatch, TerminalClient } from '../helpers/terminal-client.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const { start, cleanups } = useQuaiProcesses();
type BatchView = Extract<StationView, { screen: 'batch' }>;

const agentArgs = (dir: string, hubUrl: string) => ['agent', '--data-dir', dir, '--hub-url', hubUrl, '--port', '0', '--log-file', join(dir, 'agent.log')];

async function picker(dir: string, port: number) {
  return TerminalClient.open(port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'PICK-1');
}

describe('batch picking through an agent killed with SIGKILL', () => {
  it('resumes on the same stop with the same totes, the units waiting for their tote kept; each order booked once at the hub', async () => {
    const dir = tempDir();
    const hub = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    const hubUrl = `ws://127.0.0.1:${hub.port}`;
    const agent = await start(agentArgs(dir, hubUrl));
    await waitFor(async () => (await agentStatusAt(dir, agent.port))?.catalog.openOrders === 25, 'catalog synced');

    const terminal = await picker(dir, agent.port);
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'batch' });
    await terminal.input('CHR-01');
    // past the third put, at the fourth: units in hand, waiting for their tote
    let puts = 0;
    await pickWholeBatch(terminal, { until: (v) => v.phase === 'put' && ++puts === 4 });
    const before = terminal.view as BatchView;
    expect(before.phase).toBe('put');
    terminal.close();
    await killHard(agent);

    const again = await start(agentArgs(dir, hubUrl));
    const resumed = await picker(dir, again.port);
    const view = resumed.view as BatchView;
    expect(view).toMatchObject({ screen: 'batch', phase: 'put', cart: 'CHR-01', put: before.put, slots: before.slots });
    await pickWholeBatch(resumed);
    const done = resumed.view as BatchView;
    expect(done.phase).toBe('done');
    resumed.close();

    await waitFor(async () => settled(await agentStatusAt(dir, again.port)), 'outbox settled', 20_000);
    const db = await openHubStore(hubPaths(join(dir, 'hub')).db);
    cleanups.push(() => db.destroy());
    const report = await inspectHub(db);
    expect(report.rejectedEvents).toEqual([]);
    const lines = done.slots.reduce((n, s) => n + s.lines, 0);
    // exactly one event per line and one tote bound per order, none twice; all the agent sent, accepted
    const events: { type: string; payload: string }[] = await db('events').select('type', 'payload');
    const lineEvents = events.filter((e) => e.type === 'pick.line.picked' || e.type === 'pick.short').map((e) => JSON.parse(e.payload) as { orderId: string; lineId: string });
    expect(lineEvents).toHaveLength(lines);
    expect(new Set(lineEvents.map((e) => `${e.orderId}/${e.lineId}`)).size).toBe(lines);
    expect(events.filter((e) => e.type === 'tote.assigned')).toHaveLength(done.slots.length);
    const sent = (await agentStatusAt(dir, again.port))!.outbox.lastSeq;
    expect(report.agents[0]).toMatchObject({ lastSeq: sent, accepted: sent, rejected: 0 });
    expect(events).toHaveLength(sent);
    for (const slot of done.slots) {
      const order = report.orders.find((o) => o.number === slot.order.number)!;
      expect(order).toMatchObject({ status: 'picked', tote: slot.tote });
      expect(order.lines.every((l) => l.picked <= l.quantity)).toBe(true);
    }
  });
});
