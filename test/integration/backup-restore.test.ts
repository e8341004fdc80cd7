import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup, runRestore } from '../../src/commands/backup-command.js';
import { resolveStore, type StoreChoice } from '../../src/commands/store-choice.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { pruneHubEvents } from '../../src/hub/prune-hub-events.js';
import { drained, expectMovedOnce, pickOrder } from '../helpers/booked-once.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const DAY_MS = 86_400_000;

describe('quai backup and restore of a running agent store: nothing booked twice', () => {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.stop();
    site = undefined;
  });

  const agentStore = (s: TestSite): StoreChoice => resolveStore({ hub: false, dataDir: s.dir, db: s.agentDb }, {});
  const lines: string[] = [];
  const print = (line: string) => void lines.push(line);

  it('a backup taken while an order is picked restores a working store; the agent goes on and every order is moved once', async () => {
    site = await startSite(tempDir());
    const first = await pickOrder(site, 'CMD-1001');
    await drained(site);
    const backup = join(site.dir, 'agent-backup.sqlite');
    // the copy is taken while a terminal picks: neither waits for the other
    const [during] = await Promise.all([pickOrder(site, 'CMD-1002'), runBackup(agentStore(site), backup, print, 'en')]);
    expect(lines.at(-1)).toMatch(/^Backup written: .*agent-backup\.sqlite \(\d+\.\d MiB, \d+ ms\)$/);
    await expect(runBackup(agentStore(site), backup, print, 'fr')).rejects.toMatchObject({ code: 'BACKUP_EXISTS', message: expect.stringContaining('existe déjà') });
    await drained(site);
    const later = await pickOrder(site, 'CMD-1003');
    await drained(site);

    await expect(runRestore(agentStore(site), backup, print, 'en')).rejects.toMatchObject({ code: 'RESTORE_WHILE_RUNNING' });
    await site.restartAgent(() => runRestore(agentStore(site!), backup, print, 'en'));
    expect(lines.at(-1)).toMatch(/^Store restored: /);
    const after = await pickOrder(site, 'CMD-1004');
    await drained(site);

    await expectMovedOnce(site, ['CMD-1001', 'CMD-1002', 'CMD-1003', 'CMD-1004']);
    const report = await inspectHub(site.hub!.db);
    expect(report.rejectedEvents).toEqual([]);
    // what the copy held unsent went again, and was matched by id: booked once
    expect(report.agents[0]).toMatchObject({ accepted: first + during + later + after, rejected: 0 });
  });

  it('restored from a backup older than what the hub pruned: its unsent events are refused as PRUNED_HORIZON, never booked again', async () => {
    site = await startSite(tempDir());
    // lines picked while the hub is down wait in the backup, unsent
    await site.stopHub();
    const waiting = await pickOrder(site, 'CMD-1001');
    const backup = join(site.dir, 'old-backup.sqlite');
    await runBackup(agentStore(site), backup, print, 'en');
    await site.startHub();
    await drained(site);
    await pickOrder(site, 'CMD-1002');
    await drained(site);
    // months later: the hub's retention job prunes all it may (everything but the agent's last event)
    const pruned = await pruneHubEvents(site.hub!.db, 30, new Date(Date.now() + 60 * DAY_MS));
    expect(pruned.events).toBeGreaterThan(waiting);

    await site.restartAgent(() => runRestore(agentStore(site!), backup, print, 'en'));
    await drained(site);
    await expectMovedOnce(site, ['CMD-1001', 'CMD-1002']);
    const report = await inspectHub(site.hub!.db);
    expect(report.rejectedEvents).toHaveLength(waiting);
    expect(report.rejectedEvents.every((e) => e.reason?.startsWith('PRUNED_HORIZON: '))).toBe(true);
    expect(report.agents[0]).toMatchObject({ prunedEvents: pruned.events, prunedThroughAt: pruned.horizons[0]!.prunedThroughAt, rejected: waiting });
    // the agent shows them refused, for a supervisor to check in the ERP
    expect(await site.agent.status()).toMatchObject({ pending: 0, awaitingOutcome: 0, rejected: waiting });
  });
});
