import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent, type RunningAgent } from '../../src/agent/start-agent.js';
import type { FloorReport } from '../../src/hub/floor-report.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { hubPaths, startHub } from '../../src/hub/start-hub.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { useCleanups } from '../helpers/cleanups.js';
import { runQuai } from '../helpers/quai-process.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const cleanups = useCleanups();
const tempDir = useTempDirs();

/** Three sites of one network, each its agent, its zone, its operator and the order it picks. */
const SITES = [
  { siteId: 'PARIS', agentId: 'A-PARIS', timeZone: 'Europe/Paris', operator: 'OP01', order: 'CMD-1001' },
  { siteId: 'NEW-YORK', agentId: 'A-NEW-YORK', timeZone: 'America/New_York', operator: 'OP02', order: 'CMD-1002' },
  { siteId: 'KOLKATA', agentId: 'A-KOLKATA', timeZone: 'Asia/Kolkata', operator: 'OP03', order: 'CMD-1003' },
];

async function signIn(agent: RunningAgent, dataDir: string, operator: string): Promise<TerminalClient> {
  const terminal = await TerminalClient.open(agent.port, ensureSecretFile(join(dataDir, 'api-token')), 'PICK-1');
  cleanups.push(async () => terminal.close());
  await terminal.input(operator);
  await terminal.act({ type: 'menu', choice: 'pick' });
  return terminal;
}

describe.each(BACKENDS)('three sites on one hub (hub store on %s): quai hub report', (backend) => {
  it("shows each agent's work under its own site, and the events the ERP refused per site", async () => {
    const dir = tempDir();
    const hubDir = join(dir, 'hub');
    const hubDb = await freshDatabase(backend, dir, 'hub');
    const logFile = join(dir, 'test.log');
    const hub = await startHub({ dataDir: hubDir, db: hubDb, host: '127.0.0.1', port: 0, seed: { products: 40, orders: 6, seed: 2026 }, logFile, enrol: SITES.map((s) => s.agentId) });
    cleanups.push(() => hub.stop());
    const agents = await Promise.all(
      SITES.map(async (site) => {
        const dataDir = join(dir, site.agentId);
        const agent = await startAgent(parseAgentConfig({ agentId: site.agentId, siteId: site.siteId, dataDir, hub: { url: `ws://127.0.0.1:${hub.port}`, tokenFile: hubPaths(hubDir).agentTokenFile(site.agentId) }, listen: { port: 0 }, logFile, site: { timeZone: site.timeZone } }));
        cleanups.push(() => agent.stop());
        await waitFor(async () => (await agent.status()).catalog.openOrders === 7, `${site.agentId} synced`);
        return { site, agent, dataDir };
      }),
    );

    // each site picks its own order
    for (const { site, agent, dataDir } of agents) {
      const terminal = await signIn(agent, dataDir, site.operator);
      await terminal.input(site.order);
      await pickWholeOrder(terminal);
      await terminal.act({ type: 'finish' });
      await waitFor(async () => settled(await agent.status()), `${site.agentId} drained`);
    }
    // then shorts a line of the next site's order, its copy made stale on purpose: the ERP refuses it
    for (const [i, { site, agent, dataDir }] of agents.entries()) {
      const other = SITES[(i + 1) % SITES.length]!.order;
      await agent.store.db('orders').where({ number: other }).update({ local_status: 'open', hub_status: 'open' });
      const terminal = await signIn(agent, dataDir, site.operator);
      await terminal.input(other);
      const view = terminal.view;
      if (view.screen !== 'pick') throw new Error(`expected the pick screen, got ${view.screen}`);
      await terminal.input(view.line.location);
      await terminal.act({ type: 'short', reason: 'not-found' });
      await waitFor(async () => (await agent.status()).rejected === 1, `${site.agentId}'s short refused`);
    }

    const lines = new Map((await inspectHub(hub.db)).orders.map((o) => [o.number, o.lines.length]));
    // today at every site: from yesterday to tomorrow in UTC covers Kolkata's and New York's days
    const utcDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const run = await runQuai(['hub', 'report', '--db', hubDb, '--from', utcDay(-1), '--to', utcDay(1), '--json'], 20_000);
    expect(run.err).toBe('');
    const report = JSON.parse(run.out) as FloorReport;
    expect(report.sites.map((s) => [s.siteId, s.timeZone, s.agents])).toEqual([
      ['KOLKATA', 'Asia/Kolkata', ['A-KOLKATA']],
      ['NEW-YORK', 'America/New_York', ['A-NEW-YORK']],
      ['PARIS', 'Europe/Paris', ['A-PARIS']],
    ]);
    for (const site of SITES) {
      const figures = report.sites.find((s) => s.siteId === site.siteId)!;
      // its order's lines, and the refused short (the floor walked it: a line done, none picked)
      expect(figures.figures['pick.line'].n).toBe(lines.get(site.order)! + 1);
      expect(figures.figures['pick.short']).toEqual({ n: 1, quantity: expect.any(Number), by: { 'not-found': { n: 1, quantity: expect.any(Number) } } });
      expect(figures.figures['order.picked'].n).toBe(1);
      expect(figures.figures['event.rejected']).toEqual({ n: 1, quantity: 0, by: { 'pick.short': { n: 1, quantity: 0 } } });
      expect(figures.operators.map((o) => [o.operator, o.figures['pick.line'].n, o.figures['event.rejected'].n])).toEqual([[site.operator, lines.get(site.order)! + 1, 1]]);
      expect(figures.days.map((d) => d.figures['event.rejected'].n).reduce((a, b) => a + b, 0)).toBe(1);
    }
  });
});
