import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { encodeVariableMeasure } from '../../src/domain/barcode/variable-measure.js';
import { DEMO_WEIGHED_ITEM, DEMO_WEIGHT_LAYOUT } from '../../src/hub/adapters/embedded/demo-data.js';
import { boxS, cheese, cheeseOrder, demoData as data, eanOf as ean, weightOf } from '../helpers/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { settle } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

// the demo's weighed cheese (sold by the piece, 320 g in the catalog) and its order of two pieces,
// a new one after the generated orders (CMD-1025): every earlier order is as it was
const order = cheeseOrder;
// the two pieces' labels, as the cheese counter's scale printed them: 412 g and 455 g
const labels = [412, 455].map((grams) => encodeVariableMeasure(DEMO_WEIGHT_LAYOUT, DEMO_WEIGHED_ITEM, grams));
const others = order.lines.filter((l) => l.productCode !== cheese.code);
// expected: the other items at their unit weights, the cheese at its labels' 867 g (not 2 × 320 g), the box's tare
const expected = others.reduce((g, l) => g + weightOf(l.productCode)! * l.quantity, 0) + 412 + 455 + boxS.tareGrams;

describe.each([
  { columns: 80, rows: 24 },
  { columns: 40, rows: 16 },
])('packing weighed goods, in a real terminal at $columns x $rows with a simulated scale on a pty', (size) => {
  it('the pieces\' label weights count in the expected parcel weight: the parcel passes at that weight, the hub has it', async () => {
    expect(labels[0]).toMatch(/^24060240041\d\d$/);
    expect(order).toMatchObject({ number: `CMD-${1001 + data.orders.length - 1}`, lines: [{ productCode: cheese.code, quantity: 2 }] });
    expect(data.orders.at(-1)).toBe(order);
    const dir = tempDir();
    const site = await startQuaiSite(dir);
    cleanups.push(() => site.stop());
    // picked through the local API: the cheese by its shelf code (the reference, weight digits zeroed)
    await site.pickOrders([order.number]);

    const terminal = TmuxTerminal.start(`node ${CLI} tui --station PACK-1`, size, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8' });
    cleanups.push(() => terminal.kill());
    await terminal.waitFor(/Scannez votre badge/);
    await settle(terminal, 'OP01');
    terminal.type('2', false);
    await terminal.waitFor(/Commandes à emballer \(1\)/);
    await settle(terminal, order.number);
    for (const line of others) for (let i = 0; i < line.quantity; i++) await settle(terminal, ean(line.productCode));
    // a label with a wrong check digit is refused and counts nothing
    const refused = await settle(terminal, `${labels[0]!.slice(0, 12)}${(Number(labels[0]!.slice(12)) + 1) % 10}`);
    expect(refused).toMatch(/✖ Clé de contrôle fausse/);
    for (const label of labels) expect(await settle(terminal, label)).toMatch(new RegExp(`✔ .*${cheese.code}`));
    terminal.type('*', false);
    await terminal.waitFor(/BOX-S/);
    await settle(terminal, 'BOX-S');
    // at the catalog's 2 × 320 g the parcel would weigh 227 g less: that fails, the labels' weight passes
    site.place(expected - 227);
    await terminal.waitFor(/✖ NON CONFORME/, 10_000);
    // the parcel settles again at its labels' weight: taken as it lies, it passes
    site.place(expected);
    const passed = await terminal.waitFor(/✔ CONFORME/, 10_000);
    expect(passed).toMatch(new RegExp(`[Aa]ttendu +${expected} g`));
    terminal.keys('Enter'); // the first carrier of the list
    await terminal.waitFor(/Transporteur : colissimo/);
    await terminal.waitFor(/^N° de suivi ›/m);
    await settle(terminal, '6A10000000099');
    await terminal.waitFor(/Commande .* expédiée/);

    const report = await waitFor(() => {
      const out = JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' })) as { orders: { number: string; status: string; parcels: Record<string, unknown>[]; lines: { productCode: string }[] }[] };
      return out.orders.find((o) => o.number === order.number && o.status === 'shipped');
    }, 'the order shipped at the hub');
    expect(report.parcels).toEqual([expect.objectContaining({ tracking: '6A10000000099', weight: `${expected / 1000} kg`, expectedGrams: expected })]);
    expect(report.lines.find((l) => l.productCode === cheese.code)).toMatchObject({ quantity: 2, picked: 2 });
  });
});
