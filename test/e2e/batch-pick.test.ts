import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { eanOf } from '../helpers/demo-data.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { createTranslator } from '../../src/tui/i18n/translate.js';
import { CheckedTerminal, flat, inputLine } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { walkCart } from './cart-walk.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const CART = 'CHR4-01';
const HANDHELD = { columns: 40, rows: 16 };
const DESK = { columns: 80, rows: 24 };

interface InspectedOrder {
  number: string;
  status: string;
  tote: string | null;
  totes: { tote: string; cart: string; position: number; releaseReason: string | null; releasedBy: string | null }[];
  lines: { productCode: string; quantity: number; picked: number; status: string; shortReason: string | null }[];
}

function inspect(dir: string): InspectedOrder[] {
  const out = execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' });
  return (JSON.parse(out) as { orders: InspectedOrder[] }).orders;
}

/** The position whose tote the screen asks for, and its order: `Position 3 — CMD-1008 : scannez un bac`. */
const askedTote = (screen: string) => /Position (\d+) — (CMD-\d+) : scannez un bac/.exec(flat(screen));

/** A terminal of the site at `station`, in French without colour, `operator` signed in: every frame checked. */
async function signedIn(dir: string, station: string, size: { columns: number; rows: number }, operator: string): Promise<CheckedTerminal> {
  const screen = new CheckedTerminal(TmuxTerminal.start(`node ${CLI} tui --station ${station}`, size, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }), size);
  cleanups.push(() => screen.terminal.kill());
  await screen.see(/Scannez votre badge/, `${station} sign-in`);
  await screen.settle(operator, true, `${operator} signed in at ${station}`);
  return screen;
}

/** From the menu, batch picking (its key, 7): the cart asked. */
async function batchPicking(screen: CheckedTerminal): Promise<void> {
  await screen.type('7', false);
  await screen.see(/^Chariot ›/m, 'the cart asked');
}

/** Packs one order at the 80x24 packing station from its tote: verify what was picked, box, weigh on the scale, carrier, tracking. */
async function packFromTote(screen: CheckedTerminal, site: { place(grams: number): void }, tote: string, order: InspectedOrder, tracking: string): Promise<void> {
  await screen.settle(tote, true, `tote ${tote} at the packing list`);
  await screen.see(new RegExp(`${order.number}`), `${order.number} opened by its tote`);
  for (const line of order.lines) for (let i = 0; i < line.picked; i++) await screen.settle(eanOf(line.productCode), true, `verify ${line.productCode}`);
  await screen.type('*', false);
  await screen.see(/BOX-L/, 'boxes');
  const weigh = await screen.settle('BOX-L', true, 'box chosen');
  const expected = /(\d+) g ± \d+ g/.exec(weigh);
  if (!expected) throw new Error(`no expected weight:\n${weigh}`);
  site.place(Number(expected[1]));
  const checked = await screen.see(/✔ CONFORME|✖ NON CONFORME/, 'the weight checked', 15_000);
  if (checked.includes('NON CONFORME')) {
    // a product the ERP has no weight for: the supervisor lets it ship
    await screen.type('3', false);
    await screen.see(/^Code superviseur ›/m, 'approval');
    await screen.type('SUP1');
    await screen.see(/^PIN superviseur ›/m, 'PIN');
    await screen.type(DEMO_SUPERVISOR_PIN);
    await screen.see(/Motif de la dérogation/, 'approval reasons');
    await screen.settle('3', false, 'approved');
  }
  await screen.keys('Enter');
  await screen.see(/^N° de suivi ›/m, 'tracking prompt');
  await screen.settle(tracking, true, 'tracking');
  await screen.see(/Commande .* expédiée/, `${order.number} shipped`);
  site.place(0);
  await screen.keys('Enter');
  await screen.see(/Commandes à emballer \(\d+\)/, 'the packing list again');
}

describe('batch picking in real terminals, against a real agent and hub with a simulated scale', () => {
  it('a batch of 4 demo orders picked on one cart with one short, then each packed from its tote at a packing station with the scale; the hub shows 4 orders picked (one short) and shipped', async () => {
    const dir = tempDir();
    // a cart type of 4 positions: the agent's config, as a site would set it
    const site = await startQuaiSite(dir, { agentConfig: { picking: { carts: [{ prefix: 'CHR4-', positions: 4 }, { prefix: 'CHR-', positions: 8 }] } } });
    cleanups.push(() => site.stop());

    // the picker's handheld, 40x16
    const picker = await signedIn(dir, 'PICK-1', HANDHELD, 'OP01');
    const menu = await picker.see(/7 Prélèvement groupé/, 'menu');
    expect(menu).toMatch(/1 Prélèvement\n.*7 Prélèvement groupé\n.*2 Emballage/);
    await batchPicking(picker);
    expect(flat(await picker.settle('PAL-01', true, 'not a cart type'))).toContain('✖ PAL-01 n’est pas un chariot');
    const totes = await picker.settle(CART.toLowerCase(), true, 'the cart scanned');
    expect(flat(totes)).toContain(`Chariot ${CART} : 4 commande(s) proposée(s)`);

    // a tote for each order, position by position; a tote already on the cart is refused aloud
    const orders: string[] = [];
    let frame = totes;
    for (let position = 1; position <= 4; position++) {
      const asked = askedTote(frame);
      expect(asked?.[1]).toBe(String(position));
      orders.push(asked![2]!);
      if (position === 2) {
        expect(flat(await picker.settle('BAC-001', true, 'a tote already on the cart'))).toContain('✖ Bac BAC-001 déjà sur ce chariot, position 1');
      }
      frame = await picker.settle(`BAC-00${position}`, true, `tote ${position}`);
      expect(flat(frame)).toContain(`Bac BAC-00${position} en position ${position} pour ${orders[position - 1]}`);
    }
    expect(new Set(orders).size).toBe(4);

    // one walk for the 4 orders; the second order's first line short
    const shortOrder = orders[1]!;
    // the cart's positions with their state under every stop
    const walk = await walkCart(picker, createTranslator('fr'), CART, shortOrder, (stop) => expect(stop).toMatch(/^1[✔●⚠] 2[✔●⚠] 3[✔●⚠] 4[✔●⚠]$/m));
    expect(walk.frames.bin).toMatch(/^1● 2● 3● 4●$/m);
    // the put said big and clear, a wrong tote refused aloud
    expect(flat(walk.frames.put!)).toMatch(/→ bac \d \(CMD-\d+\) : \d+ déposez-les? et scannez le bac BAC-00\d pour confirmer/);
    expect(flat(walk.frames['wrong-tote']!)).toMatch(/✖ Mauvais bac : BAC-00\d, attendu BAC-00\d/);
    const done = walk.done;
    // one brief row each at 40 columns, the order short first
    for (const [i, number] of orders.entries()) expect(flat(done)).toMatch(new RegExp(`${i + 1}${number === shortOrder ? '⚠' : '✔'} BAC-00${i + 1} ${number} \\d+/\\d+ l\\.`));
    expect(flat(done)).toMatch(new RegExp(`✔ Chariot ${CART} 4 cmd\\. 2⚠ BAC-002 ${shortOrder} \\d+/\\d+ l\\. · 1 manq\\.`));
    await picker.see(/^Entrée terminer · /m, 'the done screen says what Enter does');
    await picker.keys('Enter');
    await picker.see(/^Chariot ›/m, 'ready for the next cart');

    // the hub: the 4 orders picked, each in its tote, one with a line short
    const picked = await waitFor(() => {
      const all = inspect(dir).filter((o) => orders.includes(o.number));
      return all.length === 4 && all.every((o) => o.status === 'picked' && o.tote !== null) ? all : undefined;
    }, 'the 4 orders picked at the hub, each in its tote', 20_000);
    for (const [i, number] of orders.entries()) {
      const order = picked.find((o) => o.number === number)!;
      expect(order.tote).toBe(`BAC-00${i + 1}`);
      expect(order.totes).toEqual([expect.objectContaining({ tote: `BAC-00${i + 1}`, cart: CART, position: i + 1, releaseReason: null })]);
      const shorts = order.lines.filter((l) => l.status === 'short');
      expect(shorts.map((l) => l.shortReason)).toEqual(number === shortOrder ? ['damaged'] : []);
    }

    // packing at an 80x24 station with the scale: each order opened by scanning its tote
    const packer = await signedIn(dir, 'PACK-1', DESK, 'OP02');
    await packer.type('2', false);
    await packer.see(/Commandes à emballer \(4\)/, 'the 4 orders to pack');
    for (const [i, number] of orders.entries()) await packFromTote(packer, site, `BAC-00${i + 1}`, picked.find((o) => o.number === number)!, `6A2000000000${i + 1}`);
    expect(inputLine(await packer.look('all packed'))?.label).toBe('Scan');

    // the hub: the 4 shipped, their totes free again (packed), the short still on its order
    const shipped = await waitFor(() => {
      const all = inspect(dir).filter((o) => orders.includes(o.number));
      return all.length === 4 && all.every((o) => o.status === 'shipped') ? all : undefined;
    }, 'the 4 orders shipped at the hub', 20_000);
    for (const order of shipped) {
      expect(order.tote).toBeNull();
      expect(order.totes).toEqual([expect.objectContaining({ releaseReason: 'packed' })]);
    }
    expect(shipped.filter((o) => o.lines.some((l) => l.status === 'short'))).toHaveLength(1);
    await waitFor(() => site.printerJobs.length === 4, 'four labels printed', 10_000);

    // every frame either terminal showed fit whole
    expect(picker.defects).toEqual([]);
    expect(packer.defects).toEqual([]);
    // a whole cart walked and four parcels packed, in two real terminals: longer than one step's default
  }, 90_000);
  it('a tote on a cart still being picked is refused to another cart; once its order is picked, a supervisor may free it for another cart at an 80x24 terminal: the hub shows the first order out of it, freed by the supervisor', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir, { agentConfig: { picking: { carts: [{ prefix: 'CHR4-', positions: 4 }, { prefix: 'CHR1-', positions: 1 }] } } });
    cleanups.push(() => site.stop());
    const first = await signedIn(dir, 'PICK-1', HANDHELD, 'OP01');
    await batchPicking(first);
    const held = askedTote(await first.settle('CHR1-01', true, 'the first cart'))![2]!;
    await first.settle('BAC-001', true, 'the first cart’s tote');
    // the first cart paused: the menu says so
    await first.keys('Escape');
    const paused = flat(await first.see((s) => flat(s).includes('7 Prélèvement groupé (chariot CHR1-01 en cours)'), 'the cart paused'));
    // the pause names the cart, not an order
    expect(paused).toContain('● CHR1-01 en pause');

    const second = await signedIn(dir, 'PICK-2', DESK, 'OP02');
    await batchPicking(second);
    const order = askedTote(await second.settle('CHR4-02', true, 'the second cart'))![2]!;
    expect(order).not.toBe(held);
    // its order is still being picked into it: no one may take it, not even a supervisor
    const onCart = await second.settle('BAC-001', true, 'a tote on a cart being picked');
    expect(flat(onCart)).toContain(`✖ Bac BAC-001 sur un chariot en cours (commande ${held}) : prenez-en un autre`);
    expect(onCart).not.toMatch(/^# dérogation · /m);

    // the first cart picked to its end: its order waits for packing in the tote
    await first.type('7', false);
    await first.see(/→ bac 1 \(CMD-\d+\)/, 'back on the paused cart');
    await walkCart(first, createTranslator('fr'), 'CHR1-01', 'CMD-NONE');

    const refused = await second.settle('BAC-001', true, 'a tote held by the first cart’s picked order');
    // said once, by the feedback line; the key is on the key line
    expect(flat(refused)).toContain(`✖ Bac BAC-001 encore pris par la commande ${held} : prenez-en un autre`);
    expect(flat(refused)).not.toContain(`pris par ${held} :`);
    expect(refused).toMatch(/^# dérogation · /m);
    await second.type('#', false);
    expect(flat(await second.see(/^Code superviseur ›/m, 'approval'))).toContain('⚠ Dérogation superviseur : libérer un bac');
    await second.type('SUP1');
    await second.see(/^PIN superviseur ›/m, 'PIN');
    await second.type(DEMO_SUPERVISOR_PIN);
    const reasons = await second.see(/Motif de la dérogation/, 'the tote reasons');
    expect(reasons).toMatch(/1 Bac vide, libre en réalité\n.*2 Commande traitée hors système\n.*3 Autre/);
    // the PIN typed: no stale "type the PIN", a choice asked for
    expect(flat(reasons)).toContain('● PIN de SUP1 saisi');
    expect(reasons).not.toContain('tapez le PIN');
    expect(reasons).toMatch(/^Choix ›/m);
    const freed = await second.settle('1', false, 'the tote freed and bound');
    expect(flat(freed)).toContain(`✔ Bac BAC-001 libéré de ${held} par le superviseur : il sert ici`);
    expect(askedTote(freed)?.[1]).toBe('2');

    const orders = await waitFor(() => {
      const all = inspect(dir);
      const now = all.find((o) => o.number === order);
      return now?.tote === 'BAC-001' ? all : undefined;
    }, 'the second cart’s order in the tote at the hub', 20_000);
    const before = orders.find((o) => o.number === held)!;
    expect(before.tote).toBeNull();
    expect(before).toMatchObject({ status: 'picked' });
    expect(before.totes).toEqual([expect.objectContaining({ tote: 'BAC-001', cart: 'CHR1-01', releaseReason: 'supervisor', releasedBy: 'SUP1' })]);
    expect(first.defects).toEqual([]);
    expect(second.defects).toEqual([]);
  });
});
