import { join } from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { ackDroppingProxy } from '../helpers/frame-proxy.js';
import { agentStatusAt, CLI, killHard, spawnQuai, stopGently, useQuaiProcesses } from '../helpers/quai-process.js';
import { execFileSync } from 'node:child_process';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const { start, cleanups } = useQuaiProcesses();

function agentArgs(dir: string, hubUrl: string): string[] {
  return ['agent', '--data-dir', dir, '--hub-url', hubUrl, '--port', '0', '--log-file', join(dir, 'agent.log')];
}

const status = agentStatusAt;

/** Signs in at PICK-1 and picks CMD-1001 to the end; resolves with the number of lines (= events). */
async function pickFirstOrder(dir: string, port: number): Promise<number> {
  const terminal = await TerminalClient.open(port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'PICK-1');
  await terminal.input('OP01');
  await terminal.act({ type: 'menu', choice: 'pick' });
  await terminal.input('CMD-1001');
  const total = terminal.view.screen === 'pick' ? terminal.view.progress.total : 0;
  await pickWholeOrder(terminal);
  expect(terminal.view.screen).toBe('pick-done');
  terminal.close();
  return total;
}

async function hubDb(dir: string): Promise<Knex> {
  const db = await openHubStore(hubPaths(join(dir, 'hub')).db);
  cleanups.push(() => db.destroy());
  return db;
}

describe('agent killed with SIGKILL: the hub applies each event exactly once', () => {
  it('between "confirmed" and "sent" (hub down): the events survive and are applied once after restart', async () => {
    const dir = tempDir();
    const hub = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    const hubUrl = `ws://127.0.0.1:${hub.port}`;
    const agent = await start(agentArgs(dir, hubUrl));
    await waitFor(async () => (await status(dir, agent.port))?.catalog.openOrders === 25, 'catalog synced');
    expect(await stopGently(hub)).toBe(0);

    const lines = await pickFirstOrder(dir, agent.port);
    expect((await status(dir, agent.port))?.pending).toBe(lines);
    await killHard(agent);

    const hubAgain = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', String(hub.port), '--log-file', join(dir, 'hub.log')]);
    expect(hubAgain.port).toBe(hub.port);
    const agentAgain = await start(agentArgs(dir, hubUrl));
    await waitFor(async () => settled(await status(dir, agentAgain.port)), 'outbox drained after restart', 15_000);
    const report = await inspectHub(await hubDb(dir));
    expect(report.orders.find((o) => o.number === 'CMD-1001')?.status).toBe('picked');
    expect(report.agents).toEqual([expect.objectContaining({ agentId: 'AGENT-1', lastSeq: lines, accepted: lines, rejected: 0 })]);
    // what the station did is there for a supervisor, the sign-in first
    const audit = JSON.parse(execFileSync(process.execPath, [CLI, 'audit', '--data-dir', dir, '--station', 'PICK-1', '--json'], { encoding: 'utf8' })) as { intent: string; raw: string; outcomeCode: string }[];
    expect(audit.at(-1)).toMatchObject({ intent: 'input', raw: 'OP01', outcomeCode: 'SIGNED_IN' });
    expect(audit.filter((a) => a.outcomeCode === 'PICK_LINE_DONE' || a.outcomeCode === 'PICK_ORDER_DONE')).toHaveLength(lines);
  });

  it('after the hub stored a batch but before the agent recorded the ack: the welcome says what the hub has, nothing is applied twice', async () => {
    const dir = tempDir();
    const hub = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    const hubUrl = `ws://127.0.0.1:${hub.port}`;
    const proxy = await ackDroppingProxy(hubUrl);
    cleanups.push(() => proxy.close());
    const agent = await start(agentArgs(dir, proxy.url));
    await waitFor(async () => (await status(dir, agent.port))?.catalog.openOrders === 25, 'catalog synced');

    const lines = await pickFirstOrder(dir, agent.port);
    const db = await hubDb(dir);
    // one batch is in flight at a time: the hub applied the first, whose ack never arrived
    await waitFor(async () => Number((await db('events').count({ n: '*' }))[0]?.n) >= 1, 'hub applied the first batch');
    expect((await status(dir, agent.port))?.pending).toBe(lines);
    await killHard(agent);

    const agentAgain = await start(agentArgs(dir, hubUrl));
    await waitFor(async () => settled(await status(dir, agentAgain.port)), 'outbox drained', 15_000);
    const report = await inspectHub(db);
    const order = report.orders.find((o) => o.number === 'CMD-1001')!;
    expect(order.status).toBe('picked');
    expect(order.lines.every((l) => l.picked === l.quantity)).toBe(true);
    expect(report.agents).toEqual([expect.objectContaining({ lastSeq: lines, accepted: lines, rejected: 0 })]);
    expect(report.rejectedEvents).toEqual([]);
  });

  it('refuses a second agent on the same data directory, saying which one runs', async () => {
    const dir = tempDir();
    // enrolled by the admin command, as on a real site (the agent needs its token file)
    expect(execFileSync(process.execPath, [CLI, 'hub', 'agent', 'add', 'AGENT-1', '--data-dir', dir], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'en_GB.UTF-8' } })).toMatch(/AGENT-1 enrolled at the hub of .*hub\.sqlite \(a new hub store\); token in .*agent-tokens\/AGENT-1 \(a new token\)/);
    expect(execFileSync(process.execPath, [CLI, 'hub', 'agent', 'list', '--data-dir', dir], { encoding: 'utf8' })).toMatch(/^AGENT-1\tenrolled /);
    const agent = await start(agentArgs(dir, 'ws://127.0.0.1:1'));
    await expect(spawnQuai(agentArgs(dir, 'ws://127.0.0.1:1'))).rejects.toThrow(new RegExp(`exited with 1 .*an agent is already running from this data directory \\(pid ${agent.child.pid}`));
  });
});
