import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

function quai(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
}

/** Drives the pick screens to the end of the order: wrong bin first, typed quantity, optionally a short pick. */
async function pickOrderOnScreen(terminal: TmuxTerminal, options: { shortLastLine: boolean }): Promise<void> {
  let screen = await terminal.waitFor(/\d+ \/ \d+\s*$/m);
  let triedWrongBin = false;
  for (let guard = 0; guard < 100; guard++) {
    if (/préparée|picked/.test(screen)) return;
    const pick = readPickScreen(screen);
    if (!pick) throw new Error(`not a pick screen:\n${screen}`);
    const lastLine = /ligne (\d+)\/(\d+)/.exec(screen);
    const isLast = lastLine !== null && lastLine[1] === lastLine[2];
    if (pick.atLocation) {
      if (!triedWrongBin) {
        triedWrongBin = true;
        screen = await terminal.typeAndSettle('C-04-10-3');
        expect(screen).toMatch(/✖ (Mauvais emplacement|Wrong location)/);
        continue;
      }
      screen = await terminal.typeAndSettle(pick.location.toLowerCase());
      continue;
    }
    if (isLast && options.shortLastLine) {
      terminal.type('!', false);
      await terminal.waitFor(/Motif du manquant|Reason for the short pick/);
      // the reason's number alone chooses it: no Enter, which would act on the next screen
      terminal.type('2', false);
      screen = await terminal.waitFor(/Manquant enregistré|Commande .* préparée/);
      continue;
    }
    if (pick.picked === 1 && pick.quantity > 2) {
      terminal.keys('Tab');
      await terminal.waitFor(/(Qté|Qty) ›/);
      screen = await terminal.typeAndSettle(String(pick.quantity));
      continue;
    }
    screen = await terminal.typeAndSettle(pick.barcode);
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
    await terminal.typeAndSettle('BADGE-UNKNOWN');
    expect(await terminal.screen()).toMatch(/✖ Opérateur inconnu/);
    await terminal.typeAndSettle('op01');
    await terminal.waitFor(/Prélèvement/);
    terminal.keys('Enter');
    await terminal.waitFor(/CMD-1001/);
    terminal.keys('Enter');
    await pickOrderOnScreen(terminal, { shortLastLine });
    await terminal.waitFor(/Entrée : commande suivante/);
    terminal.keys('Enter');
    await terminal.waitFor(/Commandes à préparer/);
    await terminal.waitFor(/0 en attente/);
    terminal.keys('C-c');
    await terminal.waitFor(/EXIT=0/);

    expect(JSON.parse(quai(dataDir, 'status', '--json'))).toMatchObject({ running: false, pending: 0, rejected: 0 });
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
