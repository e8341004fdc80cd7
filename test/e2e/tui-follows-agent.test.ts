import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentStatusAt, CLI, killHard, spawnQuai, type QuaiProcess } from '../helpers/quai-process.js';
import { settle } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
const processes: QuaiProcess[] = [];
afterEach(async () => {
  terminals.splice(0).forEach((t) => t.kill());
  await Promise.all(processes.splice(0).map(killHard));
});

describe('terminals follow their agent (issue 14 item 3)', () => {
  it('three terminals open when the agent is killed and comes back on another port: each is back on its screen, the header true throughout', async () => {
    const dir = tempDir();
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const agentArgs = ['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')];
    const first = await spawnQuai(agentArgs);
    processes.push(first);
    await waitFor(async () => (await agentStatusAt(dir, first.port)).catalog.openOrders > 0, 'catalog and orders synced');
    const env = { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' };
    const stations = [
      { station: 'PICK-1', badge: 'B1001', size: { columns: 80, rows: 24 } },
      { station: 'PICK-2', badge: 'B1002', size: { columns: 40, rows: 16 } },
      { station: 'PACK-1', badge: 'SUP1', size: { columns: 80, rows: 24 } },
    ];
    for (const { station, badge, size } of stations) {
      const terminal = TmuxTerminal.start(`node ${CLI} tui --station ${station}`, size, env);
      terminals.push(terminal);
      await terminal.waitFor(/Scannez votre badge/);
      await settle(terminal, badge);
      await terminal.waitFor(/1 Prélèvement/);
    }
    // the second and third go on to other screens
    terminals[1]!.type('5', false);
    await terminals[1]!.waitFor(/Scannez un article ou un emplacement/);
    terminals[2]!.type('3', false);
    await terminals[2]!.waitFor(/Réceptions attendues/);

    await killHard(first);
    processes.splice(processes.indexOf(first), 1);
    for (const terminal of terminals) {
      const down = await terminal.waitFor(/○/);
      expect(down.split('\n')[0]).not.toMatch(/en ligne/);
    }
    const second = await spawnQuai(agentArgs);
    processes.push(second);
    expect(second.port).not.toBe(first.port);
    // each terminal finds the agent again by its runtime file, on the screen it was on
    const backBy = Date.now() + 5_000;
    await terminals[0]!.waitFor(/1 Prélèvement/);
    await terminals[1]!.waitFor(/Scannez un article ou un emplacement/);
    await terminals[2]!.waitFor(/Réceptions attendues/);
    for (const terminal of terminals) await terminal.waitFor(/● /);
    expect(Date.now()).toBeLessThanOrEqual(backBy);
    // and works: a look-up answered by the new agent
    terminals[1]!.type('A-01-01-1');
    await terminals[1]!.waitFor(/disponible : \d+/);
  });
});
