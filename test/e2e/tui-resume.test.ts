import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { agentStatusAt, CLI, killHard, spawnQuai, type QuaiProcess } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { settle } from '../helpers/station-screen.js';
import { demoEan, readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
const processes: QuaiProcess[] = [];
afterEach(async () => {
  terminals.splice(0).forEach((t) => t.kill());
  await Promise.all(processes.splice(0).map(killHard));
});

describe('quai tui against a running agent', () => {
  it('resumes on the same line, with what was scanned, after the terminal is killed', async () => {
    const dir = tempDir();
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const agent = await spawnQuai(['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    // the operators come from the hub: signing in before they are synced is refused
    await waitFor(async () => (await agentStatusAt(dir, agent.port)).catalog.openOrders === 25, 'catalog and orders synced');
    const env = { QUAI_DATA_DIR: dir, LANG: 'en_US.UTF-8', NO_COLOR: '1' };
    const first = TmuxTerminal.start(`node ${CLI} tui --station PACK-2`, { columns: 80, rows: 24 }, env);
    terminals.push(first);
    await first.waitFor(/Scan your badge/);
    // a person types the operator code (4 keys: too short to be a scanner's burst, whatever the timing)
    await settle(first, 'OP02');
    await first.waitFor(/Karim Benali/);
    first.keys('Enter');
    await first.waitFor(/CMD-1001/);
    // a keyboard-wedge scanner types the whole code and Enter in one burst
    await settle(first, 'CMD-1002\r', false);
    const line = readPickScreen(await first.screen())!;
    // 80 columns: the EAN printed on the item is on screen
    expect(line.barcode).toBe(demoEan(line.productCode));
    await settle(first, line.location);
    const scanned = await settle(first, line.barcode!);
    expect(readPickScreen(scanned)).toMatchObject({ location: line.location, productCode: line.productCode, picked: 1, left: line.quantity - 1, atLocation: false });
    first.kill();

    const second = TmuxTerminal.start(`node ${CLI} tui --station PACK-2`, { columns: 40, rows: 16 }, env);
    terminals.push(second);
    const resumed = await second.waitFor(/CMD-1002/);
    // a handheld too shows the EAN to type: the same product, the same line
    expect(readPickScreen(resumed)).toMatchObject({ location: line.location, productCode: line.productCode, barcode: line.barcode, picked: 1, quantity: line.quantity, left: line.quantity - 1, atLocation: false });
    expect(resumed).toMatch(/PACK-2 · OP02/);
    // NO_COLOR: states still read by their symbols (the link may be re-established after a busy CI moment);
    // at 40 columns the link is its symbol alone: ● online, ○ not
    await second.waitFor(/PACK-2 · OP02 +● · \d+ pend\.$/m);
    const store = await AgentStore.open(join(dir, 'agent', 'agent.sqlite'));
    try {
      const inputs = (await store.audit.recent('PACK-2', 20)).filter((a) => a.intent === 'input');
      expect(inputs.find((a) => a.raw === 'CMD-1002')?.source).toBe('wedge');
      expect(inputs.find((a) => a.raw === 'OP02')?.source).toBe('keyboard');
    } finally {
      await store.close();
    }
  });
  it('a terminal whose token the agent refuses (the agent\'s data directory replaced) exits with one typed line', async () => {
    const dir = tempDir();
    const hubToken = join(dir, 'hub-token');
    writeFileSync(hubToken, 'no-hub-runs', { mode: 0o600 });
    const agent = await spawnQuai(['agent', '--data-dir', dir, '--hub-url', 'ws://127.0.0.1:1', '--hub-token-file', hubToken, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    const tokenFile = join(dir, 'old-api-token');
    writeFileSync(tokenFile, 'a-token-from-before-the-agent-was-reset', { mode: 0o600 });
    const terminal = TmuxTerminal.start(`node ${CLI} tui --url ws://127.0.0.1:${agent.port} --token-file ${tokenFile} --station PICK-1`, { columns: 40, rows: 16 }, { LANG: 'en_US.UTF-8', NO_COLOR: '1' });
    terminals.push(terminal);
    const screen = await terminal.waitFor(/EXIT=1/);
    expect(screen).toMatch(/quai: .*token.*\[AGENT_TOKEN_REFUSED\]/s);
    expect(screen).not.toMatch(/UNEXPECTED|at .*\.js:\d+/);
  });
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
