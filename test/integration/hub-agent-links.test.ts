import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK_SILENT_MS } from '../../src/hub/agent-incarnation.js';
import { hubOverview } from '../../src/hub/hub-overview.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { chaosProxy } from '../helpers/chaos-proxy.js';
import { killHard, runQuai, useQuaiProcesses, type QuaiProcess } from '../helpers/quai-process.js';
import { pickOrderAt, startSiteAgent } from '../helpers/site-agents.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const { start, cleanups } = useQuaiProcesses();

/** The agents' heartbeat (`hub.heartbeatMs`, the default): a killed agent must read offline within it. */
const HEARTBEAT_MS = 5000;
const SITES = [
  { agentId: 'LYON-1', siteId: 'LYON', timeZone: 'Europe/Paris' },
  { agentId: 'NYC-1', siteId: 'NYC', timeZone: 'America/New_York' },
  { agentId: 'TOKYO-1', siteId: 'TOKYO', timeZone: 'Asia/Tokyo' },
];

interface InspectedAgent {
  agentId: string;
  siteId: string;
  link: 'online' | 'offline';
  backlog: number;
  lastEvent: { at: string; type: string; seq: number } | null;
  timeZone: string | null;
}

describe.each(BACKENDS)('three agents on one hub (%s): each link as the hub store says it', (backend) => {
  it('all online; a killed agent offline within its heartbeat, a silent one within the silence limit; in hub inspect --json and the monitor data', async () => {
    const dir = tempDir();
    const hubDb = await freshDatabase(backend, dir, 'hub');
    const hub = await start(['hub', '--data-dir', dir, '--db', hubDb, '--enrol', ...SITES.map((s) => s.agentId), '--port', '0', '--log-file', join(dir, 'hub.log')]);
    // the third agent reaches the hub through a proxy that can go silent (bytes swallowed, sockets open)
    const proxy = await chaosProxy({ host: '127.0.0.1', port: hub.port }, { delayMs: [0, 0], cutAfterBytes: [1e12, 1e12] });
    cleanups.push(() => proxy.close());
    const agents: QuaiProcess[] = [];
    for (const [i, site] of SITES.entries()) {
      const args = backend === 'postgres' ? ['--db', await freshDatabase('postgres', join(dir, site.agentId), 'agent')] : [];
      // Tokyo's own heartbeat is long: the hub's silence check, not the agent's, must close its link
      agents.push(await startSiteAgent(start, dir, site, i === 2 ? proxy.url : `ws://127.0.0.1:${hub.port}`, { args, hub: { heartbeatMs: i === 2 ? 600_000 : HEARTBEAT_MS } }));
    }
    const inspect = async (): Promise<InspectedAgent[]> => {
      const run = await runQuai(['hub', 'inspect', '--json', '--data-dir', dir, '--db', hubDb]);
      expect(run.code, run.err).toBe(0);
      return (JSON.parse(run.out) as { agents: InspectedAgent[] }).agents;
    };
    const linkOf = (agents: InspectedAgent[]) => Object.fromEntries(agents.map((a) => [a.agentId, a.link]));
    await waitFor(async () => Object.values(linkOf(await inspect())).filter((l) => l === 'online').length === 3, 'the three agents online', 20_000, 250);
    const online = await inspect();
    expect(online.map((a) => ({ agentId: a.agentId, siteId: a.siteId, timeZone: a.timeZone }))).toEqual(SITES.map(({ agentId, siteId, timeZone }) => ({ agentId, siteId, timeZone })));

    // Lyon picks an order: its last event and its figures show at the hub, under its site
    await pickOrderAt(dir, 'LYON-1', agents[0]!, 'CMD-1001');
    const store = await openHubStore(hubDb);
    cleanups.push(() => store.destroy());
    const overview = await waitFor(async () => {
      const read = await hubOverview(store, new Date());
      const site = read.sites.find((s) => s.siteId === 'LYON');
      return site && site.figures['order.picked'].n === 1 && read.agents.find((a) => a.agentId === 'LYON-1')?.backlog === 0 ? read : undefined;
    }, "Lyon's order picked at the hub");
    expect(overview.agents.find((a) => a.agentId === 'LYON-1')?.lastEvent).toMatchObject({ type: 'pick.line.picked' });
    expect(overview.sites.map((s) => [s.siteId, s.timeZone, s.figures['pick.line'].n > 0])).toEqual([
      ['LYON', 'Europe/Paris', true],
      ['NYC', 'America/New_York', false],
      ['TOKYO', 'Asia/Tokyo', false],
    ]);
    expect(overview.erp).toMatchObject({ name: 'embedded', state: 'up' });

    // New York's agent is killed: its socket closes, the hub releases its link at once
    const killedAt = Date.now();
    await killHard(agents[1]!);
    await waitFor(async () => (await hubOverview(store, new Date())).agents.find((a) => a.agentId === 'NYC-1')?.link === 'offline', 'NYC-1 offline in the monitor data');
    expect(Date.now() - killedAt).toBeLessThan(HEARTBEAT_MS);
    expect(linkOf(await inspect())).toEqual({ 'LYON-1': 'online', 'NYC-1': 'offline', 'TOKYO-1': 'online' });
    const text = (await runQuai(['hub', 'inspect', '--data-dir', dir, '--db', hubDb])).out;
    expect(text).toMatch(/LYON-1 \(LYON, Europe\/Paris\) {2}● online {2}last seq \d+ {2}backlog 0 .* last event pick\.line\.picked at /);
    expect(text).toContain('NYC-1 (NYC, America/New_York)  ○ offline');

    // Tokyo's network goes silent (nothing closes): the hub closes the link once silent for LINK_SILENT_MS
    const silentAt = Date.now();
    proxy.silent = true;
    await waitFor(async () => (await hubOverview(store, new Date())).agents.find((a) => a.agentId === 'TOKYO-1')?.link === 'offline', 'TOKYO-1 offline', LINK_SILENT_MS + 5000);
    expect(Date.now() - silentAt).toBeLessThan(LINK_SILENT_MS + 2000);
    expect(linkOf(await inspect())).toEqual({ 'LYON-1': 'online', 'NYC-1': 'offline', 'TOKYO-1': 'offline' });
    const closed = readFileSync(join(dir, 'hub.log'), 'utf8').split('\n').filter((line) => line.includes('agent link silent: closed'));
    expect(closed.map((line) => (JSON.parse(line) as { agentId: string }).agentId)).toEqual(['TOKYO-1']);
  }, 90_000);
});
