import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { CLI, killHard, spawnQuai, type QuaiProcess } from '../helpers/quai-process.js';
import { pickOrderAt, startSiteAgent } from '../helpers/site-agents.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
const processes: QuaiProcess[] = [];
afterEach(async () => {
  terminals.splice(0).forEach((t) => t.kill());
  await Promise.all(processes.splice(0).map((p) => (p.child.exitCode === null ? killHard(p) : undefined)));
});

const SITES = [
  { agentId: 'LYON-1', siteId: 'LYON', timeZone: 'Europe/Paris' },
  { agentId: 'NYC-1', siteId: 'NYC', timeZone: 'America/New_York' },
];

describe('quai hub monitor: every site at a glance', () => {
  it('site rows with their links, today’s figures; ↓ and Enter into a site, its operators; Esc back; q quits; at 80x24 (fr) and 120x40 (en)', async () => {
    const dir = tempDir();
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', ...SITES.map((s) => s.agentId), '--port', '0', '--log-file', join(dir, 'hub.log')], { QUAI_LOG_LEVEL: 'warn' });
    processes.push(hub);
    const agents: QuaiProcess[] = [];
    for (const site of SITES) {
      const agent = await startSiteAgent((args) => spawnQuai(args, { QUAI_LOG_LEVEL: 'warn' }), dir, site, `ws://127.0.0.1:${hub.port}`);
      processes.push(agent);
      agents.push(agent);
    }
    await pickOrderAt(dir, 'LYON-1', agents[0]!, 'CMD-1001');

    const monitor = TmuxTerminal.start(`node ${CLI} hub monitor --data-dir ${dir} --interval 0.5`, { columns: 80, rows: 24 }, { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    terminals.push(monitor);
    await monitor.waitFor(/tête de réseau — 2 site\(s\)/);
    await monitor.waitFor(/▶ ● en ligne +LYON +LYON-1 +il y a .*\n {2}● en ligne +NYC +NYC-1 +jamais/);
    const main = await monitor.waitFor(/Cmd prép\. 1 · emb\. 0 · exp\. 0/);
    expect(main).toMatch(/ERP intégré ● en service/);
    expect(main.split('\n').every((line) => [...line].length <= 80)).toBe(true);

    // New York's agent stops: its row says so
    await killHard(agents[1]!);
    await monitor.waitFor(/○ hors ligne +NYC +NYC-1/);

    // the store fails to answer (its agents' table gone a moment): said on the last line, tried again until it is back
    const store = await openHubStore(hubPaths(join(dir, 'hub')).db);
    try {
      await store.raw('alter table agents rename to agents_away');
      await monitor.waitFor(/✖ Magasin du hub injoignable : SQLITE_ERROR: no such table: agents — nouvel ess/);
      await store.raw('alter table agents_away rename to agents');
      await monitor.waitFor(/\[↑↓\] site \[Entrée\] détail/);
    } finally {
      await store.destroy();
    }

    // ↓ chooses New York, ↑ Lyon again, Enter opens Lyon
    await monitor.keys('Down');
    await monitor.waitFor(/▶ ○ hors ligne +NYC/);
    await monitor.keys('Up');
    await monitor.waitFor(/▶ ● en ligne +LYON/);
    await monitor.keys('Enter');
    const site = await monitor.waitFor(/LYON · \d\d\/\d\d\/\d{4} \(Europe\/Paris\)[\s\S]*Lignes\/h[\s\S]*OP01 +\d+ +\d+/);
    expect(site).toMatch(/Opérateur +Lignes +Unités +L\/h +Manq\./);
    await monitor.keys('Escape');
    await monitor.waitFor(/Lien +Site +Agent +Dernier évén\./);
    await monitor.keys('?');
    await monitor.waitFor(/Touches : ↑\/↓ choisir un site/);
    await monitor.type('q', false);
    await monitor.waitFor(/EXIT=0/);

    // in colour this time: the chosen row, drawn inverse, stays on one line, its backlog and rejected at its end
    const wide = TmuxTerminal.start(`node ${CLI} hub monitor --data-dir ${dir}`, { columns: 120, rows: 40 }, { LANG: 'en_US.UTF-8' });
    terminals.push(wide);
    await wide.waitFor(/▶ ● online +LYON +LYON-1 +.* ago · pick\.line\.picked +\d+ +\d+ *\n {2}○ offline +NYC/);
    await wide.waitFor(/○ offline +NYC/);
    await wide.keys('Enter');
    await wide.waitFor(/Lines\/h[\s\S]*Operator +Lines +Units +L\/h +Short +Weighings[\s\S]*OP01/);
    await wide.keys('BSpace');
    await wide.waitFor(/Link +Site +Agent +Last event/);
    await wide.type('q', false);
    await wide.waitFor(/EXIT=0/);
  }, 90_000);
});
