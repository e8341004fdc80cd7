import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import type { LoadReport } from '../../src/commands/load-command.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { agentStatusAt, runQuai, stopGently, useQuaiProcesses } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const { start } = useQuaiProcesses();

const agentArgs = (dir: string, hubPort: number) => ['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hubPort}`, '--port', '0', '--log-file', join(dir, 'agent.log')];

/** `quai load` on the agent running from `dir`, to its end: exit code, report (JSON), stderr. */
async function load(dir: string, ...args: string[]): Promise<{ code: number | null; report: LoadReport | undefined; err: string }> {
  const run = await runQuai(['load', '--data-dir', dir, '--json', '--duration', '2', ...args], 30_000);
  return { code: run.code, report: run.out ? (JSON.parse(run.out) as LoadReport) : undefined, err: run.err };
}

describe('quai load resumes whatever screen a station is on, and fails a run that picked nothing', () => {
  it('a station mid-order when the agent restarted: load carries the order on to the end (exit 0); with nothing left to pick, exit 1 with a fault', async () => {
    const dir = tempDir();
    const hub = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--demo-orders', '1', '--log-file', join(dir, 'hub.log')]);
    let agent = await start(agentArgs(dir, hub.port));
    await waitFor(async () => (await agentStatusAt(dir, agent.port)).catalog.openOrders === 2, 'the order and the weighed goods\' order synced');

    // sign in at PICK-9, open the order, pick its first line, and leave the station there
    const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'PICK-9');
    await terminal.input('OP01');
    const list = await terminal.act({ type: 'menu', choice: 'pick' });
    expect(list.view.screen).toBe('pick-orders');
    await terminal.act({ type: 'open-order', orderId: list.view.screen === 'pick-orders' ? list.view.orders[0]!.id : '' });
    for (let guard = 0; guard < 20; guard++) {
      const view = terminal.view;
      if (view.screen !== 'pick' || view.progress.settled > 0) break;
      await terminal.input(view.phase === 'location' ? view.line.location : view.line.barcode!);
    }
    expect(terminal.view).toMatchObject({ screen: 'pick', progress: { settled: 1 } });
    terminal.close();

    expect(await stopGently(agent)).toBe(0);
    agent = await start(agentArgs(dir, hub.port));
    const resumed = await load(dir, '--stations', 'PICK-9', '--mix', 'pick', '--operators', 'OP01');
    expect(resumed.err).not.toMatch(/fault/);
    expect(resumed).toMatchObject({ code: 0, report: { terminals: 1, faults: [] } });
    expect(resumed.report!.tasks.pick).toBeGreaterThan(0);
    expect(resumed.report!.resumed).toBeGreaterThan(0);
    expect((await agentStatusAt(dir, agent.port)).catalog.openOrders).toBe(0);

    const nothingLeft = await load(dir, '--stations', 'PICK-9', '--mix', 'pick,lookup', '--duration', '1');
    expect(nothingLeft.code).toBe(1);
    expect(nothingLeft.report!.tasks.pick).toBe(0);
    expect(nothingLeft.report!.faults).toEqual([expect.stringMatching(/^pick: no order picked in \d+\.\d s: the order list was empty \d+ time\(s\)$/)]);

    const nobody = await load(dir, '--terminals', '2', '--operators', 'NOBODY', '--duration', '1');
    expect(nobody.code).toBe(1);
    expect(nobody.report!.actions).toBe(0);
    expect(nobody.report!.faults.sort()).toEqual([
      'LOAD-1: cannot sign in as NOBODY (OPERATOR_UNKNOWN)',
      'LOAD-2: cannot sign in as NOBODY (OPERATOR_UNKNOWN)',
      expect.stringMatching(/^nothing done in \d+\.\d s/),
      expect.stringMatching(/^pick: no order picked in/),
    ]);
  });
});
