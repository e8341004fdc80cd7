import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { startAgent } from '../../src/agent/start-agent.js';
import { ensureSecretFile } from '../../src/runtime/secret-file.js';
import { enrolAgent } from '../../src/hub/agent-credentials.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

async function signedInTerminal(s: TestSite): Promise<TerminalClient> {
  const terminal = await TerminalClient.open(s.agent.port, s.apiToken, 'PICK-1');
  expect(terminal.view.screen).toBe('signin');
  await terminal.input('op01');
  await terminal.act({ type: 'menu', choice: 'pick' });
  expect(terminal.view.screen).toBe('pick-orders');
  return terminal;
}

describe.each(BACKENDS)('picking through agent and hub (stores on %s, websockets on loopback)', (backend) => {
  it('picks an order end to end: the hub marks it picked and the agent has nothing waiting', async () => {
    site = await startSite(tempDir(), { backend });
    const terminal = await signedInTerminal(site);
    await terminal.input('cmd-1001');
    expect(terminal.view).toMatchObject({ screen: 'pick', order: { number: 'CMD-1001' } });
    await pickWholeOrder(terminal);
    expect(terminal.view).toMatchObject({ screen: 'pick-done', order: { number: 'CMD-1001' } });
    await terminal.act({ type: 'finish' });
    expect(terminal.view.screen).toBe('pick-orders');
    if (terminal.view.screen === 'pick-orders') expect(terminal.view.orders.map((o) => o.number)).not.toContain('CMD-1001');

    await waitFor(async () => settled(await site!.agent.status()), 'outbox drained and settled');
    const report = await inspectHub(site.hub!.db);
    const order = report.orders.find((o) => o.number === 'CMD-1001')!;
    expect(order.status).toBe('picked');
    expect(order.lines.every((l) => l.status === 'picked' && l.picked === l.quantity)).toBe(true);
    expect(report.agents).toEqual([expect.objectContaining({ agentId: 'AGENT-1', lastSeq: order.lines.length, accepted: order.lines.length, rejected: 0 })]);
    terminal.close();
  });

  it('keeps working while the hub is down and drains exactly once when it is back', async () => {
    site = await startSite(tempDir(), { backend });
    const terminal = await signedInTerminal(site);
    await site.stopHub();
    await waitFor(() => terminal.lastView?.status.link === 'offline', 'terminal sees the link offline');
    await terminal.input('CMD-1002');
    await pickWholeOrder(terminal);
    await terminal.act({ type: 'finish' });
    await terminal.input('CMD-1003');
    await terminal.input((terminal.view as { line: { location: string } }).line.location);
    await terminal.act({ type: 'short', reason: 'empty-location' });
    const waiting = (await site.agent.status()).pending;
    expect(waiting).toBeGreaterThan(1);
    expect(terminal.lastView?.status.pending).toBe(waiting);

    await site.startHub();
    await waitFor(async () => settled(await site!.agent.status()), 'outbox drained and settled after the hub came back', 15_000);
    const report = await inspectHub(site.hub!.db);
    expect(report.orders.find((o) => o.number === 'CMD-1002')?.status).toBe('picked');
    const shorted = report.orders.find((o) => o.number === 'CMD-1003')!;
    expect(shorted.lines.find((l) => l.status === 'short')).toMatchObject({ picked: 0, shortReason: 'empty-location' });
    expect(report.agents[0]).toMatchObject({ lastSeq: waiting, accepted: waiting, rejected: 0 });
    terminal.close();
  });

  it('gives a reconnecting terminal the same line, with what was already scanned', async () => {
    site = await startSite(tempDir(), { backend });
    const first = await signedInTerminal(site);
    await first.input('CMD-1001');
    const line = (first.view as { line: { location: string; barcode: string; lineId: string; quantity: number } }).line;
    await first.input(line.location);
    await first.input(line.barcode);
    const before = first.view;
    first.ws.terminate();

    const second = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    expect(second.view).toEqual(before);
    expect(second.lastView?.status.operator).toEqual({ code: 'OP01', name: 'Marie Dubois' });
    second.close();
  });

  it('refuses an order already being picked at another station', async () => {
    site = await startSite(tempDir(), { backend });
    const one = await signedInTerminal(site);
    await one.input('CMD-1004');
    const other = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-2');
    await other.input('OP02');
    await other.act({ type: 'menu', choice: 'pick' });
    const refused = await other.input('CMD-1004');
    expect(refused.feedback).toMatchObject({ level: 'error', code: 'ORDER_NOT_AVAILABLE' });
    expect(other.view.screen).toBe('pick-orders');
    one.close();
    other.close();
  });

  it('shows a supervisor the events the hub rejected, with the reason', async () => {
    site = await startSite(tempDir(), { backend });
    const first = await signedInTerminal(site);
    await first.input('CMD-1002');
    await pickWholeOrder(first);
    await waitFor(async () => settled(await site!.agent.status()), 'first site drained');

    // a second site's agent, whose copy of CMD-1002 is made stale on purpose, picks it too
    const otherDir = join(site.dir, 'other');
    const tokenFile = join(otherDir, 'hub-token');
    await enrolAgent(site.hub!.db, 'AGENT-2', tokenFile, new Date());
    const reconnected = await startAgent(parseAgentConfig({ agentId: 'AGENT-2', dataDir: otherDir, hub: { url: `ws://127.0.0.1:${site.hubPort}`, tokenFile }, listen: { port: 0 } }));
    try {
      await waitFor(async () => (await reconnected.status()).catalog.openOrders === 24, 'second agent synced');
      // the hub already marked CMD-1002 picked, so the second agent no longer offers it
      await reconnected.store.db('orders').where({ number: 'CMD-1002' }).update({ local_status: 'open', hub_status: 'open' });
      const terminal = await TerminalClient.open(reconnected.port, ensureSecretFile(join(otherDir, 'api-token')), 'PICK-9');
      await terminal.input('OP03');
      await terminal.act({ type: 'menu', choice: 'pick' });
      await terminal.input('CMD-1002');
      const view = terminal.view;
      if (view.screen !== 'pick') throw new Error(`expected the pick screen, got ${view.screen}`);
      await terminal.input(view.line.location);
      await terminal.act({ type: 'short', reason: 'not-found' });
      const status = await waitFor(async () => {
        const s = await reconnected.status();
        return s.rejected === 1 ? s : undefined;
      }, 'rejection recorded');
      expect(status).toMatchObject({ pending: 0, rejectedEvents: [{ seq: 1, type: 'pick.short', reason: expect.stringMatching(/is already picked/) }] });
      await waitFor(() => terminal.lastView?.status.rejected === 1, 'terminal status shows the rejection');
      terminal.close();
    } finally {
      await reconnected.stop();
      first.close();
    }
  });
});
