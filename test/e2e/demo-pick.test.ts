import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentStatusAt, CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { flat, readBigFigure, settle } from '../helpers/station-screen.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { demoEan, readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

function quai(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
}

/** Drives the pick screens to the end of the order: wrong bin first, typed quantity, optionally a short pick. */
async function pickOrderOnScreen(terminal: TmuxTerminal, options: { shortLastLine: boolean }): Promise<void> {
  let screen = await terminal.waitFor(/\b(ligne|l\.) \d+\/\d+/);
  let triedWrongBin = false;
  for (let guard = 0; guard < 100; guard++) {
    if (/préparée|picked/.test(screen)) return;
    const pick = readPickScreen(screen);
    if (!pick) throw new Error(`not a pick screen:\n${screen}`);
    // the figure and what is left beside it agree
    expect(pick.left).toBe(pick.quantity - pick.picked);
    // the EAN printed on the item is on the 80-column screen; the handheld's operator scans the item
    if (pick.barcode !== undefined) expect(pick.barcode).toBe(demoEan(pick.productCode));
    const isLast = pick.position !== undefined && pick.position.n === pick.position.total;
    if (pick.atLocation) {
      if (!triedWrongBin) {
        triedWrongBin = true;
        screen = await settle(terminal, 'C-04-10-3');
        expect(screen).toMatch(/✖ (Mauvais emplacement|Wrong location)/);
        continue;
      }
      screen = await settle(terminal, pick.location.toLowerCase());
      continue;
    }
    if (isLast && options.shortLastLine) {
      terminal.type('!', false);
      await terminal.waitFor(/Motif du manquant|Reason for the short pick/);
      // the reason's number alone chooses it: no Enter, which would act on the next screen
      terminal.type('2', false);
      // nothing is recorded before the confirmation says what will be
      const asked = await terminal.waitFor(/Confirmer \?/);
      expect(flat(asked)).toContain(`⚠ Manquant : ${pick.quantity - pick.picked} × ${pick.productCode} (Article abîmé).`);
      terminal.type('*', false);
      screen = await terminal.waitFor(/Manquant enregistré|Commande .* préparée/);
      continue;
    }
    if (pick.picked === 1 && pick.quantity > 2) {
      terminal.keys('Tab');
      await terminal.waitFor(/Qté à ajouter \(u\.\) ›/);
      // the quantity typed is added to what is scanned; the sum shows before it is sent
      const more = pick.quantity - pick.picked;
      terminal.type(String(more), false);
      await terminal.waitFor(new RegExp(`Qté à ajouter \\(u\\.\\) › ${more}`));
      const sum = `${pick.picked} + ${more} = ${pick.quantity} / ${pick.quantity}`;
      const preview = await terminal.screen();
      if (readBigFigure(preview)) expect(readBigFigure(preview)).toMatchObject({ text: sum, suffix: 'u.' });
      else expect(preview).toContain(`${sum} u.`);
      terminal.keys('Enter');
      screen = await terminal.waitFor(new RegExp(`${pick.productCode}( :)? ${pick.quantity}/${pick.quantity}|préparée`));
      continue;
    }
    screen = await settle(terminal, demoEan(pick.productCode));
  }
  throw new Error('the order never finished');
}

describe.each([
  { columns: 80, rows: 24 },
  { columns: 40, rows: 16 },
])('quai demo in a real terminal at $columns x $rows', (size) => {
  it('signs in, picks an order with typed scans, quits cleanly; the hub has it picked', async () => {
    const dataDir = tempDir();
    const shortLastLine = size.columns === 40;
    const terminal = TmuxTerminal.start(`node ${CLI} demo`, size, { QUAI_DATA_DIR: dataDir, LANG: 'fr_FR.UTF-8' });
    terminals.push(terminal);
    await terminal.waitFor(/OP01/, 20_000);
    // the demo's terminal shows before its agent has the operators from the hub: wait for them
    const agentPort = await waitFor(() => (JSON.parse(readFileSync(join(dataDir, 'agent', 'agent.json'), 'utf8')) as { port: number }).port, 'the demo agent to run', 20_000);
    await waitFor(async () => (await agentStatusAt(dataDir, agentPort)).catalog.openOrders === 25, 'the demo catalog and orders synced', 20_000);
    expect(await terminal.screen()).toMatch(/^Badge ou code ›/m);
    expect(await settle(terminal, 'BADGE-UNKNOWN')).toMatch(/✖ Opérateur inconnu/);
    await settle(terminal, 'op01');
    await terminal.waitFor(/Prélèvement/);
    terminal.keys('Enter');
    await terminal.waitFor(/CMD-1001/);
    terminal.keys('Enter');
    await pickOrderOnScreen(terminal, { shortLastLine });
    // the done screen's hint line says what Enter does
    await terminal.waitFor(/^Entrée suivante · /m);
    terminal.keys('Enter');
    await terminal.waitFor(/Commandes à préparer/);
    // nothing left to send: a handheld's status bar says it short
    await terminal.waitFor(size.columns === 40 ? /● · 0 att\.$/m : /● en ligne · 0 en attente$/m);
    terminal.keys('C-c');
    await terminal.waitFor(/EXIT=0/);

    // stopped, the agent's status still says its site and when the hub last acknowledged its events
    expect(JSON.parse(quai(dataDir, 'status', '--json'))).toMatchObject({ running: false, pending: 0, rejected: 0, siteId: 'SITE-1', lastSyncAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const report = JSON.parse(quai(dataDir, 'hub', 'inspect', '--json'));
    const order = report.orders.find((o: { number: string }) => o.number === 'CMD-1001');
    expect(order.status).toBe('picked');
    if (shortLastLine) expect(order.lines.some((l: { status: string; shortReason: string }) => l.status === 'short' && l.shortReason === 'damaged')).toBe(true);
    else expect(order.lines.every((l: { picked: number; quantity: number }) => l.picked === l.quantity)).toBe(true);
    expect(report.agents[0]).toMatchObject({ agentId: 'AGENT-1', lastSeq: order.lines.length, rejected: 0 });
    // a clean exit leaves no agent or hub behind
    expect(existsSync(join(dataDir, 'agent', 'agent.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'hub', 'hub.json'))).toBe(false);
    // nor its hub, agent or simulated devices' socat (pgrep exits 1 when nothing matches)
    expect(() => execFileSync('pgrep', ['-f', `(socat|cli\\.js (hub|agent)) .*${dataDir}`], { stdio: 'pipe' })).toThrow(expect.objectContaining({ status: 1 }));
  });
});
