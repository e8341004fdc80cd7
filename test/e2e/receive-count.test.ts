import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { agentStatusAt, CLI, killHard, spawnQuai, type QuaiProcess } from '../helpers/quai-process.js';
import { useCleanups } from '../helpers/cleanups.js';
import { demoData as data, gtinOf as gtin, eanOf as ean } from '../helpers/demo-data.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { readBigFigure, settle } from '../helpers/station-screen.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const lotTracked = (code: string) => data.products.find((p) => p.code === code)!.lotTracked;
const receipt = data.receipts[0]!;
const [plain, damagedOne, tracked] = receipt.lines.map((l) => l.productCode) as [string, string, string];
const task = data.countTasks[0]!;
const counted = data.stock.find((s) => s.locationCode === task.target)!;

/** The put-away at 80x24: the quantity in block letters beside `× product`, then `▶ rangez en <bin>`. */
function putAway(screen: string): { quantity: number; product: string; location: string } | undefined {
  const figure = readBigFigure(screen);
  const where = /^▶ rangez en ([A-C]-\d\d-\d\d-\d)\b/m.exec(screen);
  const product = figure && /^× (P\d{6})$/.exec(figure.suffix);
  if (!figure || !where || !product || !/^\d+$/.test(figure.text)) return undefined;
  return { quantity: Number(figure.text), product: product[1]!, location: where[1]! };
}

/** Waits for the put-away of `quantity` × `product`; where to put it. */
async function putAwayShown(terminal: TmuxTerminal, quantity: number, product: string): Promise<{ quantity: number; product: string; location: string }> {
  let last = '';
  return waitFor(
    async () => {
      last = await terminal.screen();
      const shown = putAway(last);
      return shown?.quantity === quantity && shown.product === product ? shown : undefined;
    },
    () => `the put-away of ${quantity} × ${product}; screen was:\n${last}`,
  );
}

function inspect(dir: string) {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' }));
}

describe('reception, blind count with recount, replenishment: in a real terminal, checked at the hub', () => {
  it('receives a pallet with GS1 lots, an over-receipt and damaged units; counts blind with a recount by another operator; requests a replenishment', async () => {
    expect([lotTracked(plain), lotTracked(damagedOne), lotTracked(tracked)]).toEqual([false, false, true]);
    const dir = tempDir();
    const processes: QuaiProcess[] = [];
    cleanups.push(() => Promise.all(processes.map(killHard)));
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const agent = await spawnQuai(['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    await waitFor(async () => (await agentStatusAt(dir, agent.port)).catalog.openOrders === 25, 'synced');
    // a second client on the station sees every view pushed: a blind count must never carry the expected quantity
    const spy = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'REC-1');
    cleanups.push(() => spy.close());

    const terminal = TmuxTerminal.start(`node ${CLI} tui --station REC-1`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8' });
    cleanups.push(() => terminal.kill());
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, 'OP01');
    await terminal.waitFor(/3 Réception/);
    terminal.type('3', false);
    await terminal.waitFor(/Réceptions attendues \(3\)/);

    // the pallet's SSCC opens its receipt
    await settle(terminal, `(00)${receipt.sscc}`);
    await terminal.waitFor(new RegExp(receipt.number));
    // an over-receipt: 14 for 12 ordered, beyond the 10 % tolerance; put away elsewhere than suggested
    await settle(terminal, ean(plain));
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    // =N sets the total (N alone would add to the one scanned): the sum shows before it is sent
    terminal.type('=14', false);
    expect(readBigFigure(await terminal.waitFor(/^Qté à ajouter \(u\.\) › =14/m))).toMatchObject({ text: '= 14', suffix: 'u.' });
    terminal.keys('Enter');
    await putAwayShown(terminal, 14, plain);
    // elsewhere than suggested: confirmed; beyond the tolerance: approved by a supervisor (test/e2e/approvals.test.ts)
    terminal.type('C-04-10-3');
    await terminal.waitFor(/Confirmer \?/);
    terminal.type('*', false);
    await terminal.waitFor(/✖ Sur-livraison : .* reçu 14 pour 12/);
    terminal.type('#', false);
    await terminal.waitFor(/^Code superviseur ›/m);
    terminal.type('SUP1');
    await terminal.waitFor(/^PIN superviseur ›/m);
    terminal.type(DEMO_SUPERVISOR_PIN);
    await terminal.waitFor(/Motif de la dérogation/);
    expect(await settle(terminal, '1', false)).toMatch(/✔ Sur-livraison acceptée par SUP1/);
    // damaged units with a reason, the rest put away in the suggested bin
    await settle(terminal, ean(damagedOne));
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    // 23 more than the one scanned
    terminal.type('23', false);
    expect(readBigFigure(await terminal.waitFor(/^Qté à ajouter \(u\.\) › 23/m))).toMatchObject({ text: '1 + 23 = 24', suffix: 'u.' });
    terminal.keys('Enter');
    await putAwayShown(terminal, 24, damagedOne);
    terminal.type('!', false);
    await terminal.waitFor(/^Qté abîmée \(u\.\) ›/m);
    terminal.type('2');
    await terminal.waitFor(/Écrasé/);
    await settle(terminal, '1', false);
    const putaway = await putAwayShown(terminal, 22, damagedOne);
    await settle(terminal, putaway.location);
    // a lot-tracked product: the plain EAN is refused, the GS1-128 with lot, expiry and count is taken
    expect(await settle(terminal, ean(tracked))).toMatch(/✖ Lot obligatoire/);
    await settle(terminal, `(01)${gtin(tracked)}(17)271200(10)LOT42(30)36`);
    // the lot's expiry, from the site's today, and its date the French way
    await terminal.waitFor(/lot LOT42 · expire dans \d+ (mois|ans?) \(31\/12\/2027\)/);
    const bin = (await putAwayShown(terminal, 36, tracked)).location;
    await settle(terminal, bin);
    terminal.type('*', false);
    await terminal.waitFor(/Réception clôturée/);
    terminal.keys('Enter');
    await terminal.waitFor(/Réceptions attendues \(2\)/);

    const afterReceipt = await waitFor(() => {
      const report = inspect(dir);
      return report.receipts.find((r: { number: string }) => r.number === receipt.number).status === 'received' ? report : undefined;
    }, 'receipt received at the hub');
    expect(afterReceipt.receipts.find((r: { number: string }) => r.number === receipt.number).lines).toEqual([
      { productCode: plain, quantity: 12, received: 14, damaged: 0 },
      { productCode: damagedOne, quantity: 24, received: 22, damaged: 2 },
      { productCode: tracked, quantity: 36, received: 36, damaged: 0 },
    ]);
    expect(afterReceipt.receiptDiscrepancies).toEqual([
      expect.objectContaining({ kind: 'over', productCode: plain, quantity: 2, expected: 12 }),
      expect.objectContaining({ kind: 'damaged', productCode: damagedOne, quantity: 2, reason: 'crushed' }),
    ]);
    expect(afterReceipt.movedStock).toContainEqual({ productCode: tracked, location: bin, lot: 'LOT42', expiry: '2027-12-31', quantity: 36 });
    expect(afterReceipt.movedStock).toContainEqual(expect.objectContaining({ productCode: plain, location: 'C-04-10-3', quantity: 14 }));

    // blind count with a variance: a recount, refused to the same operator, done by another
    terminal.keys('Escape');
    await terminal.waitFor(/4 Inventaire/);
    terminal.type('4', false);
    await terminal.waitFor(/Inventaires à faire \(3\)/);
    terminal.keys('Enter');
    await terminal.waitFor(new RegExp(`${task.id}.*aveugle`));
    await settle(terminal, task.target);
    const lotScan = `(01)${gtin(counted.productCode)}(10)${counted.lot}`;
    await settle(terminal, lotScan);
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(terminal, `=${counted.quantity - 3}`);
    expect(await settle(terminal, '')).toMatch(/✖ Écart sur .* recomptage demandé/);
    await settle(terminal, lotScan);
    expect(await settle(terminal, '')).toMatch(/✖ Le recomptage de .* doit être fait par un autre opérateur/);
    terminal.keys('Escape');
    await terminal.waitFor(/6 Se déconnecter/);
    terminal.type('6', false);
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, 'OP02');
    await terminal.waitFor(/4 Inventaire/);
    terminal.type('4', false);
    await terminal.waitFor(/aveugle/);
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(terminal, `=${counted.quantity - 2}`);
    expect(await settle(terminal, '')).toMatch(/✔ Ligne .* comptée/);
    expect(await terminal.screen()).not.toMatch(/attendu/);
    terminal.type('*', false);
    await terminal.waitFor(/Inventaire clôturé/);
    terminal.keys('Enter');
    await terminal.waitFor(/Inventaires à faire \(2\)/);
    // the spy is another socket, read by this process: what the terminal shows may not have reached it yet
    await spy.until(() => {
      const view = spy.lastView?.view;
      return view?.screen === 'count-list' && view.tasks.length === 2;
    }, 'the spy to get the count list after the count');
    const countViews = spy.messages.filter((m) => m.type === 'view' && m.view.screen === 'count');
    expect(countViews.length).toBeGreaterThan(5);
    for (const m of countViews) {
      if (m.type !== 'view' || m.view.screen !== 'count') continue;
      expect(m.view.pending?.expected ?? null).toBeNull();
      expect(m.view.lines.every((l) => l.expected === null)).toBe(true);
    }

    // a replenishment request from the look-up
    terminal.keys('Escape');
    await terminal.waitFor(/5 Consultation/);
    terminal.type('5', false);
    await terminal.waitFor(/Scannez un article ou un emplacement/);
    terminal.type(ean(plain));
    const looked = await terminal.waitFor(/en attente de réception/);
    // on hand per bin, and this site's latest movements: the over-receipt put away in C-04-10-3
    expect(looked).toMatch(/C-04-10-3\s+14\s+0\s+14/);
    // how long ago, in the site's time zone (the machine's here): a moment ago
    expect(looked).toMatch(/il y a \d+ (s|min) +réception C-04-10-3 \+14/);
    terminal.type('+', false);
    await terminal.waitFor(/^Qté à réapprovisionner \(u\.\) ›/m);
    expect(await settle(terminal, '25')).toMatch(/✔ Réapprovisionnement demandé : 25 ×/);

    const report = await waitFor(() => {
      const r = inspect(dir);
      return r.purchaseRequests.length === 1 && r.countTasks.find((c: { id: string }) => c.id === task.id).status === 'done' ? r : undefined;
    }, 'count and purchase request at the hub');
    expect(report.countTasks.find((c: { id: string }) => c.id === task.id).result).toEqual([
      { location: task.target, productCode: counted.productCode, lot: counted.lot, counted: counted.quantity - 2, expected: counted.quantity, recounted: true },
    ]);
    expect(report.movedStock).toContainEqual(expect.objectContaining({ productCode: counted.productCode, location: task.target, lot: counted.lot, quantity: counted.quantity - 2 }));
    expect(report.purchaseRequests).toEqual([
      { productCode: plain, quantity: 25, lastPriceCents: data.lastPriceCents.get(plain), note: '', requestedBy: 'OP02', status: 'new' },
    ]);
  });
});
