import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { arrangeGhostStock, ghost } from '../helpers/ghost-stock.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite, type QuaiSite } from '../helpers/quai-site.js';
import { flat, settle } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS } from '../helpers/test-database.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { demoEan } from './screen-reading.js';

const tempDir = useTempDirs();
const terminals: TmuxTerminal[] = [];
let site: QuaiSite | undefined;
afterEach(async () => {
  terminals.splice(0).forEach((t) => t.kill());
  await site?.stop();
  site = undefined;
});

function inspect(at: QuaiSite) {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', at.dir, '--db', at.hubDb], { encoding: 'utf8' })) as {
    countTasks: { id: string; scope: string; target: string; status: string; causes: { reason: string; productCode: string; location: string; orderId: string }[] }[];
  };
}

function terminal(dir: string, station: string, size: { columns: number; rows: number }, lang: string): TmuxTerminal {
  const started = TmuxTerminal.start(`node ${CLI} tui --station ${station}`, size, { QUAI_DATA_DIR: dir, LANG: lang });
  terminals.push(started);
  return started;
}

describe.each(BACKENDS)('ghost stock (issue 14 item 2): an empty-bin short pick in real terminals, stores on %s', (backend) => {
  it('the bin shows suspect in look-up (not 23 available), a count task appears in the count list, the next order picks from another bin', async () => {
    const dir = tempDir();
    const started = await startQuaiSite(dir, { arrangeErp: arrangeGhostStock, backend });
    site = started;
    const ean = demoEan(ghost.productCode);

    // the picker, 80x24 in French: the bin is empty, short "Emplacement vide"
    const picker = terminal(dir, 'PICK-1', { columns: 80, rows: 24 }, 'fr_FR.UTF-8');
    await picker.waitFor(/Scannez votre badge/, 20_000);
    await settle(picker, 'OP01');
    await picker.waitFor(/1 Prélèvement/);
    picker.type('1', false);
    await picker.waitFor(/Commandes à préparer/);
    await settle(picker, ghost.order.number);
    await picker.waitFor(new RegExp(`${ghost.bin}[\\s\\S]*${ghost.productCode}`));
    await settle(picker, ghost.bin);
    picker.type('!', false);
    await picker.waitFor(/Motif du manquant/);
    picker.type('1', false);
    expect(flat(await picker.waitFor(/Confirmer \?/))).toContain('(Emplacement vide)');
    picker.type('*', false);
    await picker.waitFor(/Manquant enregistré/);

    // look-up on a handheld, 40x16 in English: the bin is suspect, none of its 23 available
    const looker = terminal(dir, 'LOOK-1', { columns: 40, rows: 16 }, 'en_US.UTF-8');
    await looker.waitFor(/badge/i, 20_000);
    await settle(looker, 'OP02');
    await looker.waitFor(/5 Look-up/);
    looker.type('5', false);
    await looker.waitFor(/Scan a product or a location/);
    looker.type(ean);
    const lookup = flat(await looker.waitFor(/available: \d+/));
    expect(lookup).toContain(`${ghost.bin} ${ghost.books} 0 0 ⚠ suspect`);
    // what orders will take from the other bin instead is reserved there
    const other = new RegExp(`${ghost.otherBin} ${ghost.otherBooks} (\\d+) (\\d+)`).exec(lookup);
    expect(Number(other?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(other?.[2])).toBe(ghost.otherBooks - Number(other?.[1]));
    expect(lookup).toContain(`available: ${other?.[2]}`);

    // the hub raised a count of the bin, with its cause; the count list shows it
    const task = await waitFor(() => inspect(started).countTasks.find((c) => c.target === ghost.bin && c.status === 'open' && c.causes.length > 0), 'the count task at the hub');
    expect(task.causes).toEqual([expect.objectContaining({ reason: 'empty-location', productCode: ghost.productCode, location: ghost.bin, orderId: ghost.order.id })]);
    const counter = terminal(dir, 'COUNT-1', { columns: 80, rows: 24 }, 'fr_FR.UTF-8');
    await counter.waitFor(/Scannez votre badge/, 20_000);
    await settle(counter, 'OP03');
    await counter.waitFor(/4 Inventaire/);
    counter.type('4', false);
    expect(await counter.waitFor(/Inventaires à faire \(4\)/)).toMatch(new RegExp(`${task.id}.*${ghost.bin}`));

    // the next order's line of that product: another bin, and why
    looker.keys('Escape');
    await looker.waitFor(/1 Picking/);
    looker.type('1', false);
    await looker.waitFor(/Orders to pick/);
    looker.type(ghost.next.number);
    const next = flat(await looker.waitFor(new RegExp(ghost.productCode)));
    expect(next).toContain(ghost.otherBin);
    expect(next).toContain(`${ghost.bin} is to be counted (found empty): pick from ${ghost.otherBin}`);
  });
});
