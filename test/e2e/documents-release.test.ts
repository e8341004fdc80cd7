import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite, type QuaiSite } from '../helpers/quai-site.js';
import { feedbackOf, flat, settle } from '../helpers/station-screen.js';
import { demoData as data, eanOf as ean, expectedGrams, generatedOrders, gtinOf as gtin, weighableOrders } from '../helpers/demo-data.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Issue 14, item 1: a document finished, closed or taken over elsewhere releases every station on
 * it at once; menus come from live state; a new operator starts from the menu; errors name what
 * was scanned. A real hub and agent, the real `quai tui` in tmux (80x24, French).
 */

const task = data.countTasks[0]!;
const counted = data.stock.find((s) => s.locationCode === task.target)!;
/** Orders whose every product has a weight: they can be packed on the scale. */
const weighable = weighableOrders;
const SHIPPED = weighable[0]!;
const [FINISHED, NEXT, OTHER] = generatedOrders.filter((o) => !weighable.slice(0, 1).includes(o)).slice(-3) as [typeof SHIPPED, typeof SHIPPED, typeof SHIPPED];

function inspect(at: QuaiSite) {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', at.dir, '--db', at.hubDb], { encoding: 'utf8' }));
}

describe.each(BACKENDS)('documents release stations, in real terminals, stores on %s', (backend) => {
  let site: QuaiSite;
  const terminals: TmuxTerminal[] = [];
  const clients: TerminalClient[] = [];
  const tempDir = useTempDirs('suite');

  const open = async (station: string, operator: string) => {
    const terminal = TmuxTerminal.start(`node ${CLI} tui --station ${station}`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: site.dir, LANG: 'fr_FR.UTF-8' });
    terminals.push(terminal);
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, operator);
    await terminal.waitFor(/6 Se déconnecter/);
    return terminal;
  };
  /** A second client on a station: its session is the terminal's, driven faster than by keys. */
  const client = async (station: string) => {
    const c = await TerminalClient.open(site.agent.port, site.token, station);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    site = await startQuaiSite(tempDir(), { backend });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const t of terminals) t.kill();
    await site?.stop();
  });

  it('a count taken over and closed at another station releases the first counter at once: menu 4 opens the list, her scans add nothing, even after signing in again', async () => {
    const first = await open('REC-1', 'OP01');
    first.type('4', false);
    await first.waitFor(/Inventaires à faire \(3\)/);
    first.keys('Enter');
    await first.waitFor(new RegExp(`${task.id}.*aveugle`));
    await settle(first, task.target);
    const lotScan = `(01)${gtin(counted.productCode)}(10)${counted.lot}`;
    await settle(first, lotScan);
    first.keys('Tab');
    await first.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(first, `=${counted.quantity - 3}`);
    expect(await settle(first, '')).toMatch(/✖ Écart sur .* recomptage demandé/);
    // paused, the menu says which count waits
    first.keys('Escape');
    await first.waitFor(new RegExp(`4 Inventaire \\(${task.id} en cours\\)`));

    // another operator opens the same count at another station: it is taken over as it was left
    const second = await open('REC-2', 'OP02');
    second.type('4', false);
    await second.waitFor(/Inventaires à faire \(3\)/);
    second.keys('Enter');
    await second.waitFor(new RegExp(`${task.id}.*aveugle`));
    const released = await first.waitFor(/repris au poste REC-2/);
    expect(flat(feedbackOf(released))).toContain(`${task.id} ${task.target} repris au poste REC-2 : ce poste est libéré`);
    expect(released).toMatch(/4 Inventaire/);
    expect(released).not.toMatch(/en cours/);

    // the recount, by the second operator, then the close
    await settle(second, lotScan);
    second.keys('Tab');
    await second.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(second, `=${counted.quantity - 2}`);
    expect(await settle(second, '')).toMatch(/✔ Ligne .* comptée/);
    second.type('*', false);
    await second.waitFor(/Inventaire clôturé/);

    // the first station is free: menu 4 lists the tasks left, a scan there opens nothing
    first.type('4', false);
    await first.waitFor(/Inventaires à faire \(2\)/);
    expect(flat(feedbackOf(await settle(first, lotScan)))).toContain(lotScan);
    first.keys('Escape');
    await first.waitFor(/6 Se déconnecter/);
    first.type('6', false);
    await first.waitFor(/Scannez votre badge/);
    await settle(first, 'OP01');
    first.type('4', false);
    await first.waitFor(/Inventaires à faire \(2\)/);

    const task3001 = await waitFor(() => {
      const found = inspect(site).countTasks.find((c: { id: string }) => c.id === task.id);
      return found?.status === 'done' ? found : undefined;
    }, 'the count closed at the hub');
    expect(task3001.result).toEqual([{ location: task.target, productCode: counted.productCode, lot: counted.lot, counted: counted.quantity - 2, expected: counted.quantity, recounted: true }]);
  });

  it('menus forget what was picked and shipped; Emballage opens its list; the next operator starts from the menu', async () => {
    await site.pickOrders([SHIPPED.number], 'PICK-8');
    const packer = await open('PACK-1', 'OP01');
    // picked here too: the pick summary left with Esc is not "paused"
    const picker = await client('PACK-1');
    await picker.act({ type: 'menu', choice: 'pick' });
    await picker.input(FINISHED.number);
    await pickWholeOrder(picker);
    await picker.until(() => picker.lastView?.view.screen === 'pick-done', 'the pick summary');
    await packer.waitFor(new RegExp(`Commande ${FINISHED.number} préparée`));
    packer.keys('Escape');
    const menu = await packer.waitFor(/6 Se déconnecter/);
    expect(menu).not.toMatch(/en pause|en cours/);

    packer.type('2', false);
    await packer.waitFor(/Commandes à emballer/);
    await settle(packer, SHIPPED.number);
    for (const line of SHIPPED.lines) for (let i = 0; i < line.quantity; i++) await settle(packer, ean(line.productCode));
    packer.type('*', false);
    await packer.waitFor(/BOX-S/);
    await settle(packer, 'BOX-S');
    site.place(expectedGrams(SHIPPED));
    await packer.waitFor(/✔ CONFORME/, 15_000);
    packer.keys('Enter');
    await packer.waitFor(/^N° de suivi ›/m);
    await settle(packer, '6A10000000099');
    await packer.waitFor(/Commande .* expédiée/);
    site.place(0);
    // left with Esc rather than Enter: nothing is "in progress", and Emballage opens the list
    packer.keys('Escape');
    expect(await packer.waitFor(/6 Se déconnecter/)).not.toMatch(/en pause|en cours/);
    packer.type('2', false);
    await packer.waitFor(/Commandes à emballer/);

    // another operator signs in: the menu, nothing of the previous operator's
    packer.keys('Escape');
    await packer.waitFor(/6 Se déconnecter/);
    packer.type('6', false);
    await packer.waitFor(/Scannez votre badge/);
    await settle(packer, 'OP02');
    const next = await packer.waitFor(/6 Se déconnecter/);
    expect(next).toMatch(/Bonjour/);
    expect(next).not.toMatch(/en pause|en cours|expédiée/);
    packer.type('1', false);
    await packer.waitFor(/Commandes à préparer/);
  });

  it('on a finished order the next order scanned opens; an error names the order scanned, not the one held', async () => {
    const picker = await open('PICK-1', 'OP01');
    const driver = await client('PICK-1');
    picker.type('1', false);
    await picker.waitFor(/Commandes à préparer/);
    await settle(picker, NEXT.number);
    // another order scanned during this pick is named
    const other = flat(feedbackOf(await settle(picker, OTHER.number)));
    expect(other).toContain(`${OTHER.number} : ${NEXT.number} est en cours`);
    await pickWholeOrder(driver);
    await driver.until(() => driver.lastView?.view.screen === 'pick-done', 'the pick summary');
    await picker.waitFor(new RegExp(`Commande ${NEXT.number} préparée`));
    // an unknown number on the summary: named; the summary stays
    expect(flat(feedbackOf(await settle(picker, 'CMD-9999')))).toContain('CMD-9999');
    // the next order scanned on the summary opens
    await settle(picker, OTHER.number);
    await picker.waitFor(new RegExp(`${OTHER.number}`));
    await waitFor(() => driver.lastView?.view.screen === 'pick' && driver.lastView.view.order.number === OTHER.number, `${OTHER.number} opened on the summary`);
  });
});
