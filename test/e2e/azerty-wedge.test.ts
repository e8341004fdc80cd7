import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { typedThrough } from '../../src/domain/keyboard/wedge-remap.js';
import { eanOf } from '../helpers/demo-data.js';
import { agentStatusAt, CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { settle } from '../helpers/station-screen.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

/** What an AZERTY terminal receives when a wedge scanner left on US reads `text`: the burst and its Enter in one go, as a scanner types. */
const azertyBurst = (text: string) => `${typedThrough(text, 'fr')!}\r`;

describe('a wedge scanner left on US at an AZERTY terminal (quai demo --keyboard fr, 80x24)', () => {
  it('signs in with B&àà&, chooses the menu with the & key, picks with an AZERTY-shifted bin and EAN-13; the audit keeps each burst and its reading', async () => {
    const dataDir = tempDir();
    const terminal = TmuxTerminal.start(`node ${CLI} demo --keyboard fr`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: dataDir, LANG: 'fr_FR.UTF-8' });
    terminals.push(terminal);
    await terminal.waitFor(/OP01/, 20_000);
    const agentPort = await waitFor(() => (JSON.parse(readFileSync(join(dataDir, 'agent', 'agent.json'), 'utf8')) as { port: number }).port, 'the demo agent to run', 20_000);
    await waitFor(async () => (await agentStatusAt(dataDir, agentPort)).catalog.openOrders > 0, 'the demo catalog and orders synced', 20_000);

    expect(azertyBurst('B1001')).toBe('B&àà&\r');
    await settle(terminal, 'B&àà&\r', false);
    await terminal.waitFor(/Prélèvement/);
    // the 1 key of an AZERTY keyboard, unshifted: the menu's first entry
    terminal.type('&', false);
    await terminal.waitFor(/CMD-1001/);
    terminal.keys('Enter');

    let screen = await terminal.waitFor(/\b(ligne|l\.) \d+\/\d+/);
    let pick = readPickScreen(screen)!;
    expect(pick.atLocation).toBe(true);
    screen = await settle(terminal, azertyBurst(pick.location), false);
    pick = readPickScreen(screen)!;
    expect(pick.atLocation).toBe(false);
    const before = pick.picked;
    const ean = eanOf(pick.productCode);
    expect(ean).toMatch(/^\d{13}$/);
    screen = await settle(terminal, azertyBurst(ean), false);
    expect(screen).not.toMatch(/✖/);
    expect(readPickScreen(screen)?.picked ?? pick.quantity).toBe(Math.min(before + 1, pick.quantity));

    terminal.keys('C-c');
    await terminal.waitFor(/EXIT=0/);
    const audit = JSON.parse(execFileSync(process.execPath, [CLI, 'audit', '--json', '--limit', '20', '--data-dir', dataDir], { encoding: 'utf8' })) as { intent: string; source: string | null; raw: string | null; remapped: { layout: string; text: string } | null; outcomeLevel: string }[];
    const wedges = audit.filter((e) => e.intent === 'input').reverse();
    expect(wedges.map((e) => ({ source: e.source, raw: e.raw, remapped: e.remapped }))).toEqual([
      { source: 'wedge', raw: 'B&àà&', remapped: { layout: 'fr', text: 'B1001' } },
      { source: 'wedge', raw: typedThrough(pick.location, 'fr'), remapped: { layout: 'fr', text: pick.location } },
      { source: 'wedge', raw: typedThrough(ean, 'fr'), remapped: { layout: 'fr', text: ean } },
    ]);
    expect(wedges.every((e) => e.outcomeLevel !== 'error')).toBe(true);
  });
});
