import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { createLogger } from '../../src/runtime/logger.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { createTranslator, feedbackKey } from '../../src/tui/i18n/translate.js';
import { agentStatusAt, killHard, spawnQuai, stopGently, useQuaiProcesses } from '../helpers/quai-process.js';
import { mountRefusal, useSmallDisks } from '../helpers/small-disk.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();
const { start, cleanups } = useQuaiProcesses();
if (mountRefusal) console.warn(`disk-full-running: skipped: ${mountRefusal}`);

/** How long operators keep scanning on the full disk: a reconnection loop would show dozens of times in it. */
const FULL_WINDOW_MS = 4000;

/**
 * Ends the store's write-ahead log where it stands (as SQLite does now and then by itself): the
 * disk filled next leaves the agent no room for its next commit, rather than the rest of a log
 * it already grew during the catalog load.
 */
async function truncateWal(file: string): Promise<void> {
  const db = new sqlite3.Database(file);
  await new Promise<void>((resolve, reject) => db.exec('PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE);', (err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

interface LogLine {
  level: number;
  msg: string;
}
const logLines = (file: string): LogLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);

describe.skipIf(mountRefusal !== null)('the agent\u2019s disk fills up while it runs', () => {
  it('operators are told "disk full" and nothing is done; the hub link waits instead of looping; the log says it once; space back, the next scan reaches the hub', async () => {
    const dir = tempDir();
    const disk = smallDisk(16);
    const hubLog = join(dir, 'hub.log');
    const agentLog = join(dir, 'agent.log');
    const hubArgs = (port: string) => ['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', port, '--log-file', hubLog];
    const hub = await start(hubArgs('0'));
    // at info level, the agent's log tells each change of the hub link
    const agent = await spawnQuai(['agent', '--data-dir', disk.dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--hub-token-file', hubPaths(join(dir, 'hub')).agentTokenFile('AGENT-1'), '--port', '0', '--log-file', agentLog], { QUAI_LOG_LEVEL: 'info' });
    cleanups.push(() => killHard(agent));
    const status = () => agentStatusAt(disk.dir, agent.port);
    await waitFor(async () => (await status()).catalog.openOrders === 25, 'catalog synced');

    // events wait for a hub that is away, so that its return has the agent write (acks, outcomes)
    expect(await stopGently(hub)).toBe(0);
    const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(disk.dir, 'agent')).apiTokenFile), 'PICK-1');
    cleanups.push(async () => terminal.close());
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input('CMD-1001');
    const lines = terminal.view.screen === 'pick' ? terminal.view.progress.total : 0;
    await pickWholeOrder(terminal);
    await terminal.act({ type: 'finish' });
    await terminal.input('CMD-1002');
    const before = terminal.view;
    if (before.screen !== 'pick') throw new Error(`expected the pick screen, got ${before.screen}`);
    expect((await status()).pending).toBe(lines);

    await truncateWal(agentPaths(join(disk.dir, 'agent')).db);
    disk.fill();
    const linesBeforeFull = logLines(agentLog).length;
    const hubAgain = await start(hubArgs(String(hub.port)));
    const db = await openHubStore(hubPaths(join(dir, 'hub')).db);
    cleanups.push(() => db.destroy());
    // the hub gets the events and acks them; the agent cannot record the acks
    await waitFor(async () => (await inspectHub(db)).agents[0]?.accepted === lines, 'the events at the hub', 20_000);

    const linesBeforeWindow = logLines(agentLog).length;
    const windowEnd = Date.now() + FULL_WINDOW_MS;
    let refusals = 0;
    while (Date.now() < windowEnd) {
      const after = await terminal.input(before.line.location);
      expect(after.feedback).toMatchObject({ level: 'error', code: 'STORE_FULL' });
      expect(after.view).toEqual(before);
      refusals++;
    }
    expect(refusals).toBeGreaterThan(5);
    expect(createTranslator('fr')(feedbackKey('STORE_FULL'))).toMatch(/^Disque plein/);
    expect(createTranslator('en')(feedbackKey('STORE_FULL'))).toMatch(/^Disk full/);

    const inWindow = logLines(agentLog).slice(linesBeforeWindow);
    const reconnections = inWindow.filter((l) => l.msg === 'hub link' && JSON.stringify(l).includes('"connecting"')).length;
    expect(reconnections, JSON.stringify(inWindow.slice(0, 20))).toBeLessThanOrEqual(1);
    // every scan and every message from the hub failed: the log said so once, and the store
    // lock's heartbeat once (a warning); nothing else of the kind, at any level
    const sinceFull = logLines(agentLog).slice(linesBeforeFull);
    const errors = sinceFull.filter((l) => l.level >= 50);
    expect(errors, JSON.stringify(errors.slice(0, 5))).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'STORE_FULL' });
    expect(sinceFull.filter((l) => /SQLITE_FULL|STORE_FULL/.test(JSON.stringify(l))).length).toBeLessThanOrEqual(2);

    disk.free();
    // the next scan goes through, and its line reaches the hub long before the link's wait is over
    expect((await terminal.input(before.line.location)).feedback?.code).toBe('PICK_LOCATION_OK');
    while (terminal.view.screen === 'pick' && terminal.view.line.lineId === before.line.lineId) await terminal.input(before.line.barcode!);
    await waitFor(async () => settled(await status()), 'every event at the hub, outcomes back', 10_000);
    expect((await inspectHub(db)).agents[0]).toMatchObject({ accepted: lines + 1, rejected: 0 });
    expect(await stopGently(hubAgain)).toBe(0);
  });

  it('a log on the full disk loses no line and never throws into the code that logs; the lines follow when space is back', () => {
    const disk = smallDisk(1);
    const file = join(disk.dir, 'agent.log');
    const logger = createLogger('agent', file);
    logger.info('before');
    disk.fill();
    for (let i = 0; i < 50; i++) logger.error({ i }, 'a fault while the disk is full');
    disk.free();
    logger.info('after');
    expect(logLines(file).map((l) => l.msg)).toEqual(['before', ...Array<string>(50).fill('a fault while the disk is full'), 'after']);
  });
});
