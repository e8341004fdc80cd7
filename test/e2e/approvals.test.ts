import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite, type QuaiSite } from '../helpers/quai-site.js';
import { settle } from '../helpers/station-screen.js';
import { demoData as data, gtinOf as gtin, eanOf as ean } from '../helpers/demo-data.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const homeOf = (code: string) => data.products.find((p) => p.code === code)!.homeLocation!;
const receipt = data.receipts[0]!;
const [plain, other, tracked] = receipt.lines.map((l) => l.productCode) as [string, string, string];
const task = data.countTasks.find((t) => t.scope === 'location')!;
/** A bin outside the task with one product, no lot: what an ad-hoc count there finds. */
const stray = data.stock.find((s) => s.locationCode.startsWith('C-04-10-') && s.lot === '' && data.stock.filter((o) => o.locationCode === s.locationCode).length === 1)!;

/** The screen as one line: messages wrap by words at 80 columns. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

interface Inspection {
  receipts: { number: string; status: string; lines: { productCode: string; received: number }[] }[];
  receiptApprovals: { receipt: string; kind: string; productCode: string; quantity: number; location: string; suggested: string | null; supervisor: string; reason: string; note: string | null; station: string; operator: string | null }[];
  receiptDiscrepancies: { kind: string; productCode: string; quantity: number }[];
  countTasks: { id: string; status: string; result: unknown[] }[];
  movedStock: { productCode: string; location: string; lot: string; quantity: number }[];
}

const inspect = (at: QuaiSite): Inspection => JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', at.dir, '--db', at.hubDb], { encoding: 'utf8' })) as Inspection;

/** A supervisor's approval through the override modal: code, PIN, the reason's number. */
async function approve(terminal: TmuxTerminal, pin: string, reason: string): Promise<string> {
  terminal.type('#', false);
  expect(await terminal.waitFor(/^Code superviseur ›/m)).toContain('⚠ Dérogation superviseur : réception en excès');
  terminal.type('SUP1');
  await terminal.waitFor(/^PIN superviseur ›/m);
  terminal.type(pin);
  expect(await terminal.waitFor(/Motif de la dérogation/)).toMatch(/1 Accord du fournisseur/);
  return settle(terminal, reason, false);
}

describe.each(BACKENDS)('approvals where stock is at stake, in a real terminal, checked at the hub, stores on %s', (backend) => {
  it('holds an over-receipt for a supervisor, confirms a put-away elsewhere, refuses a bin outside a count task and counts it ad hoc', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir, { backend });
    cleanups.push(() => site.stop());
    const terminal = TmuxTerminal.start(`node ${CLI} tui --station REC-1`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8' });
    cleanups.push(() => terminal.kill());
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, 'OP01');
    terminal.type('3', false);
    await terminal.waitFor(/Réceptions attendues/);
    await settle(terminal, receipt.number);

    // 1. the over-receipt: 14 for 12 ordered, beyond the 10 % tolerance (13), into the suggested bin
    await settle(terminal, ean(plain));
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(terminal, '=14');
    const held = flat(await settle(terminal, homeOf(plain)));
    expect(held).toContain(`✖ Sur-livraison : ${plain} reçu 14 pour 12 (tolérance 13) : accord d’un responsable requis`);
    expect(held).toContain(`⚠ Au-delà de la tolérance : accord d’un responsable (#) pour ranger en ${homeOf(plain)}`);
    // a wrong PIN is refused; nothing reaches the hub meanwhile
    expect(flat(await approve(terminal, '0000', '1'))).toContain('✖ Dérogation refusée');
    expect(inspect(site).receipts.find((r) => r.number === receipt.number)!.lines.find((l) => l.productCode === plain)!.received).toBe(0);
    expect(flat(await approve(terminal, DEMO_SUPERVISOR_PIN, '1'))).toContain(`✔ Sur-livraison acceptée par SUP1 : ${plain} reçu 14 pour 12, rangé en ${homeOf(plain)}`);

    // 2. a bin other than the one suggested asks first; Esc leaves the units where they were
    await settle(terminal, ean(other));
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    await settle(terminal, '=24');
    terminal.type('C-04-10-3');
    const question = flat(await terminal.waitFor(/Confirmer \?/));
    expect(question).toContain(`⚠ Ranger 24 × ${other} en C-04-10-3 au lieu de ${homeOf(other)} : le stock sera enregistré en C-04-10-3.`);
    terminal.keys('Escape');
    const unconfirmed = flat(await terminal.waitFor(/scannez-le à nouveau pour confirmer/));
    expect(unconfirmed).toContain(`⚠ C-04-10-3 au lieu de ${homeOf(other)} : scannez-le à nouveau pour confirmer`);
    expect(unconfirmed).not.toContain('Confirmer ?');
    // the same bin scanned again is the confirmation
    expect(flat(await settle(terminal, 'C-04-10-3'))).toContain(`✔ 24 × ${other} rangé(s) en C-04-10-3`);
    // and the question's yes (*) puts away at once
    await settle(terminal, `(01)${gtin(tracked)}(17)271200(10)LOT42(30)36`);
    terminal.type('C-04-10-3');
    await terminal.waitFor(/Confirmer \?/);
    terminal.type('*', false);
    expect(flat(await terminal.waitFor(new RegExp(`✔ 36 × ${tracked}`)))).toContain(`✔ 36 × ${tracked} rangé(s) en C-04-10-3`);
    terminal.type('*', false);
    await terminal.waitFor(/Réception clôturée/);

    const received = await waitFor(() => {
      const report = inspect(site);
      return report.receipts.find((r) => r.number === receipt.number)!.status === 'received' ? report : undefined;
    }, 'the receipt received at the hub');
    expect(received.receiptApprovals).toEqual([
      { receipt: receipt.number, kind: 'over-receipt', productCode: plain, quantity: 14, location: homeOf(plain), suggested: homeOf(plain), supervisor: 'SUP1', reason: 'supplier-agreed', note: null, station: 'REC-1', operator: 'OP01', at: expect.any(String) },
    ]);
    expect(received.receiptDiscrepancies).toEqual([expect.objectContaining({ kind: 'over', productCode: plain, quantity: 2 })]);
    expect(received.movedStock).toContainEqual({ productCode: other, location: 'C-04-10-3', lot: '', expiry: null, quantity: 24 });
    expect(received.movedStock).toContainEqual({ productCode: tracked, location: 'C-04-10-3', lot: 'LOT42', expiry: '2027-12-31', quantity: 36 });

    // 3. a count task takes only its bins: the C-04-10-3 inside INV-3001 is refused, nothing filed
    terminal.keys('Enter');
    await terminal.waitFor(/Réceptions attendues/);
    terminal.keys('Escape');
    await terminal.waitFor(/4 Inventaire/);
    terminal.type('4', false);
    await terminal.waitFor(/Inventaires à faire/);
    await settle(terminal, task.id);
    const refused = flat(await settle(terminal, 'C-04-10-3'));
    expect(refused).toContain(`✖ C-04-10-3 n’est pas dans l’inventaire ${task.id} (emplacement ${task.target}) : rien n’est compté`);
    expect(refused).toContain('⚠ C-04-10-3 hors de l’inventaire : + pour le compter à part');
    expect(refused).toContain('scannez un emplacement');
    // another stray bin: the offer follows the last one refused, and + counts it on its own
    expect(flat(await settle(terminal, stray.locationCode))).toContain(`⚠ ${stray.locationCode} hors de l’inventaire`);
    terminal.type('+', false);
    const adhoc = flat(await terminal.waitFor(/Comptage libre de/));
    expect(adhoc).toContain(`✔ Comptage libre de ${stray.locationCode} ; ${task.id} en pause, repris à sa clôture`);
    expect(adhoc).toContain(`ad hoc ${stray.locationCode}`);
    expect(adhoc).toContain(`${task.id} en pause`);
    await settle(terminal, ean(stray.productCode));
    terminal.keys('Tab');
    await terminal.waitFor(/^Qté à ajouter \(u\.\) ›/m);
    // one short of the books: within the recount threshold
    await settle(terminal, `=${stray.quantity - 1}`);
    expect(flat(await settle(terminal, ''))).toContain(`✔ Ligne ${stray.productCode} en ${stray.locationCode} comptée`);
    terminal.type('*', false);
    await terminal.waitFor(/Inventaire ad hoc .* clôturé/);
    terminal.keys('Enter');
    const resumed = flat(await terminal.waitFor(/Inventaire .* repris/));
    expect(resumed).toContain(`Inventaire ${task.id} repris`);
    expect(resumed).toContain('scannez un emplacement');
    // the task's own bin is taken
    expect(flat(await settle(terminal, task.target))).toContain(`Emplacement ${task.target}`);

    const counted = await waitFor(() => {
      const report = inspect(site);
      return report.movedStock.some((s) => s.location === stray.locationCode && s.productCode === stray.productCode) ? report : undefined;
    }, 'the ad-hoc count at the hub');
    expect(counted.movedStock).toContainEqual(expect.objectContaining({ productCode: stray.productCode, location: stray.locationCode, quantity: stray.quantity - 1 }));
    expect(counted.countTasks.find((c) => c.id === task.id)).toMatchObject({ status: 'open', result: [] });
    expect(counted.movedStock.filter((s) => s.location === task.target)).toEqual([]);
  });
});
