import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/commands/load-command.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS } from '../helpers/test-database.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

describe.each(BACKENDS)('many terminals at once (stores on %s)', (backend) => {
  it('two stations opening the same order in the same instant: one gets it, the other is told it is taken', async () => {
    site = await startSite(tempDir(), { backend });
    for (const [i, number] of ['CMD-1001', 'CMD-1002', 'CMD-1003', 'CMD-1004', 'CMD-1005'].entries()) {
      const [a, b] = await Promise.all([`PICK-A${i}`, `PICK-B${i}`].map((s) => TerminalClient.open(site!.agent.port, site!.apiToken, s)));
      await Promise.all([a!.input('OP01'), b!.input('OP02')]);
      await Promise.all([a!.act({ type: 'menu', choice: 'pick' }), b!.act({ type: 'menu', choice: 'pick' })]);
      const [va, vb] = await Promise.all([a!.input(number), b!.input(number)]);
      expect([va.view.screen, vb.view.screen].sort()).toEqual(['pick', 'pick-orders']);
      expect((va.view.screen === 'pick' ? vb : va).feedback).toMatchObject({ level: 'error', code: 'ORDER_NOT_AVAILABLE' });
      a!.close();
      b!.close();
    }
  });

  it('quai load: 4 simulated operators for 3 s, no fault, nothing picked twice, everything settled at the hub', async () => {
    site = await startSite(tempDir(), { backend });
    const report = await runLoad({ port: site.agent.port, token: site.apiToken, terminals: 4, durationMs: 3000, mix: ['pick', 'count', 'lookup'], operators: ['OP01', 'OP02', 'OP03'] });
    expect(report.faults).toEqual([]);
    expect(report.tasks.pick).toBeGreaterThan(0);
    expect(report.tasks.lookup).toBeGreaterThan(0);
    expect(report.actions).toBeGreaterThan(50);
    await waitFor(async () => settled(await site!.agent.status()), 'all settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    const rejectedPicks = hub.rejectedEvents.filter((e) => e.type.startsWith('pick.'));
    expect(rejectedPicks.map((e) => `${e.seq} ${e.type} ${e.reason}`)).toEqual([]);
  });
});
