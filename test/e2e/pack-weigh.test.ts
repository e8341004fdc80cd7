import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { expectedGrams, weighableOrders, demoData as data, eanOf as ean } from '../helpers/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { settle } from '../helpers/station-screen.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const weighable = weighableOrders.slice(0, 3);

describe.each([
  { columns: 80, rows: 24 },
  { columns: 40, rows: 16 },
])('packing with the weight check, in a real terminal at $columns x $rows with a simulated scale on a pty', (size) => {
  it('passes one order, overrides a failed one, refuses a wrong item; the hub has them shipped with tracking numbers and the override', async () => {
    const dir = tempDir();
    // the hub's and agent's logs are read at the end: at info, where an override is logged
    const site = await startQuaiSite(dir, { logLevel: 'info' });
    cleanups.push(() => site.stop());
    const { place } = site;
    // the orders are picked first, through the local API, as a picking station would
    await site.pickOrders(weighable.slice(0, 2).map((o) => o.number));

    const terminal = TmuxTerminal.start(`node ${CLI} tui --station PACK-1`, size, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8' });
    cleanups.push(() => terminal.kill());
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, 'OP01');
    terminal.type('2', false);
    await terminal.waitFor(/Commandes à emballer \(2\)/);

    // 1: verify with a wrong item refused, choose the box, the weight passes, carrier, tracking
    const [first, second] = weighable;
    await settle(terminal, first!.number);
    const stranger = data.products.find((p) => !first!.lines.some((l) => l.productCode === p.code) && p.weightGrams !== null)!;
    const refused = await settle(terminal, ean(stranger.code));
    expect(refused).toMatch(/✖ Article /);
    for (const line of first!.lines) for (let i = 0; i < line.quantity; i++) await settle(terminal, ean(line.productCode));
    terminal.type('*', false);
    await terminal.waitFor(/BOX-S/);
    await settle(terminal, 'BOX-S');
    // a moving scale blocks the check: the reason shows, nothing is read
    site.scale('shake 1500');
    const moving = await terminal.waitFor(/en mouvement/);
    expect(moving).not.toMatch(/CONFORME/);
    place(expectedGrams(first!) + 5);
    await terminal.waitFor(/✔ CONFORME/, 10_000);
    terminal.keys('Enter'); // the first carrier of the list
    await terminal.waitFor(/Transporteur : colissimo/);
    await terminal.waitFor(/^N° de suivi ›/m);
    await settle(terminal, '6A10000000001');
    await terminal.waitFor(/Commande .* expédiée/);
    terminal.keys('Enter');
    await terminal.waitFor(/Commandes à emballer \(1\)/);

    // 2: the weight fails, a wrong PIN is refused, the supervisor overrides with a reason
    await settle(terminal, second!.number);
    for (const line of second!.lines) for (let i = 0; i < line.quantity; i++) await settle(terminal, ean(line.productCode));
    terminal.type('*', false);
    await terminal.waitFor(/BOX-S/);
    await settle(terminal, 'BOX-S');
    place(expectedGrams(second!) + 800);
    const failed = await terminal.waitFor(/✖ NON CONFORME/, 10_000);
    expect(failed).toMatch(/\+8\d\d g/);
    terminal.type('3', false);
    expect(await terminal.waitFor(/^Code superviseur ›/m)).toContain('⚠ Dérogation superviseur');
    terminal.type('SUP1');
    await terminal.waitFor(/^PIN superviseur ›/m);
    terminal.type('0000', false);
    const masked = await terminal.waitFor(/^PIN superviseur › ••••/m);
    expect(masked).not.toContain('0000');
    terminal.keys('Enter');
    await terminal.waitFor(/Motif de la dérogation/);
    await settle(terminal, '2', false);
    await terminal.waitFor(/✖ Dérogation refusée/);
    terminal.type('3', false);
    expect(await terminal.waitFor(/^Code superviseur ›/m)).toContain('⚠ Dérogation superviseur');
    terminal.type('SUP1');
    await terminal.waitFor(/^PIN superviseur ›/m);
    terminal.type(DEMO_SUPERVISOR_PIN);
    await terminal.waitFor(/Motif de la dérogation/);
    await settle(terminal, '2', false);
    await terminal.waitFor(/Dérogation accordée par SUP1/);
    terminal.keys('Down', 'Enter');
    await terminal.waitFor(/Transporteur : chronopost/);
    await settle(terminal, 'XY20000000002FR');
    await terminal.waitFor(/Commande .* expédiée/);

    // the hub: both shipped with their tracking numbers, the override with its reason
    await waitFor(() => site.printerJobs.length === 2, 'two labels printed', 5000);
    const report = await waitFor(() => {
      const out = JSON.parse(execQuai(dir, 'hub', 'inspect', '--json')) as { orders: { number: string; status: string; parcels: { tracking: string; carrier: string; sscc: string }[]; overrides: { supervisor: string; reason: string }[]; failedWeightChecks: { parcelNo: number; reason: string }[] }[] };
      return out.orders.filter((o) => o.status === 'shipped').length === 2 ? out : undefined;
    }, 'both orders shipped at the hub');
    const shipped1 = report.orders.find((o) => o.number === first!.number)!;
    const shipped2 = report.orders.find((o) => o.number === second!.number)!;
    expect(shipped1.parcels).toEqual([expect.objectContaining({ carrier: 'colissimo', tracking: '6A10000000001' })]);
    expect(shipped1.overrides).toEqual([]);
    expect(shipped2.parcels).toEqual([expect.objectContaining({ carrier: 'chronopost', tracking: 'XY20000000002FR' })]);
    expect(shipped2.overrides).toEqual([expect.objectContaining({ supervisor: 'SUP1', reason: 'packaging-variance' })]);
    // the failed weighing before the override, once (the scale kept its load while the supervisor came)
    expect(shipped1.failedWeightChecks).toEqual([]);
    expect(shipped2.failedWeightChecks).toEqual([expect.objectContaining({ parcelNo: 1, box: 'BOX-S', weightSource: 'scale', reason: 'above', station: 'PACK-1', operator: 'OP01' })]);
    // the labels carry the SSCC (GS1-128) and the tracking number
    expect(site.printerJobs[0]).toContain(`>;>800${shipped1.parcels[0]!.sscc}`);
    expect(site.printerJobs[1]).toContain('XY20000000002FR');
    // the PINs typed (a wrong one, the right one) are in no log and no audit row
    const store = await AgentStore.open(join(dir, 'agent', 'agent.sqlite'));
    try {
      const overrides = (await store.audit.recent('PACK-1', 200)).filter((a) => a.intent === 'override');
      expect(overrides).toHaveLength(2);
      for (const row of overrides) expect(JSON.parse(row.raw!)).toMatchObject({ supervisor: 'SUP1', pin: '[redacted]' });
    } finally {
      await store.close();
    }
    for (const log of ['agent.log', 'hub.log']) expect(readLog(dir, log)).not.toMatch(/"pin":"(0000|1234)"/);
  });
});

function execQuai(dir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args, '--data-dir', dir], { encoding: 'utf8' });
}
function readLog(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    return '';
  }
}
