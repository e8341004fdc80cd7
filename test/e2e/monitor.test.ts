import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { serialSettings } from '../../src/devices/serial-settings.js';
import { startSimulator, type RunningSimulator } from '../../src/devices/simulators/device-simulator.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { CLI, killHard, spawnQuai, type QuaiProcess } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
const processes: QuaiProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  terminals.splice(0).forEach((t) => t.kill());
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  await Promise.all(processes.splice(0).map(killHard));
});

describe('quai monitor: the supervisor console', () => {
  it('shows the link, events settling, a device and its scans, the log; s syncs; q quits; at 80x24 and 40x16', async () => {
    const dir = tempDir();
    const pty = new PtyPair(dir, 'scan');
    await pty.plug();
    cleanups.push(() => pty.unplug());
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const config = join(dir, 'agent.json');
    writeFileSync(config, JSON.stringify({ stations: { 'PICK-7': { devices: [{ kind: 'scanner', id: 'gun', serial: { path: pty.b }, suffix: 'CR' }] } } }));
    const agent = await spawnQuai(['agent', '--config', config, '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    const gun: RunningSimulator = startSimulator({ kind: 'scanner', suffix: 'CR' }, serialSettings.parse({ path: pty.a }));
    cleanups.push(() => gun.stop());

    const monitor = TmuxTerminal.start(`node ${CLI} monitor --data-dir ${dir}`, { columns: 80, rows: 24 }, { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    terminals.push(monitor);
    await monitor.waitFor(/supervision de l’agent AGENT-1/);
    await monitor.waitFor(/● en ligne/);
    await monitor.waitFor(/✔ PICK-7 gun en ligne/);

    // a badge scanned at the reader, and an order picked at a terminal
    await waitFor(() => gun.port.isOnline, 'simulated reader online');
    await gun.handle('scan B1001');
    // the raw frame as the reader sent it, quoted; what came of it in words
    await monitor.waitFor(/PICK-7 "B1001" ✔ connecté/);
    const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'PICK-7');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input('CMD-1001');
    await pickWholeOrder(terminal);
    terminal.close();
    await monitor.waitFor(/✔ 0 à envoyer au hub[\s\S]*✔ 0 en attente de l’ERP/);
    await monitor.waitFor(/INFO +agent started/);

    monitor.type('s', false);
    await monitor.waitFor(/synchronisation demandée/);
    await monitor.waitFor(/hub link link=connecting/);
    monitor.type('q', false);
    await monitor.waitFor(/EXIT=0/);

    const handheld = TmuxTerminal.start(`node ${CLI} monitor --data-dir ${dir}`, { columns: 40, rows: 16 }, { LANG: 'en_US.UTF-8', NO_COLOR: '1' });
    terminals.push(handheld);
    const small = await handheld.waitFor(/● online[\s\S]*0 to send to the hub[\s\S]*PICK-7 gun/);
    expect(small.split('\n').every((line) => line.length <= 40)).toBe(true);
    handheld.keys('Escape');
    await handheld.waitFor(/EXIT=0/);
  });
});
