import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { eanOf } from '../helpers/demo-data.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { CheckedTerminal, feedbackOf, flat, inputLine } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';
import { readPickScreen } from './screen-reading.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const CART = 'CHR4-01';
const HANDHELD = { columns: 40, rows: 16 };
const DESK = { columns: 80, rows: 24 };

interface InspectedOrder {
  number: string;
  status: string;
  tote: string | null;
  totes: { tote: string; cart: string; position: number; releaseReason: string | null }[];
  lines: { productCode: string; quantity: number; picked: number; status: string; shortReason: string | null }[];
}

function inspect(dir: string): InspectedOrder[] {
  const out = execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' });
  return (JSON.parse(out) as { orders: InspectedOrder[] }).orders;
}

/** The position whose tote the screen asks for, and its order: `Position 3 — CMD-1008 : scannez un bac`. */
const askedTote = (screen: string) => /Position (\d+) — (CMD-\d+) : scannez un bac/.exec(flat(screen));

/** A key alone (no text), then the agent's answer: a new message, the input empty. */
async function press(screen: CheckedTerminal, key: string, what: string): Promise<string> {
  const before = feedbackOf(await screen.look(what));
  await screen.keys(key);
  return screen.see((s) => inputLine(s)?.value === '' && feedbackOf(s) !== before, what);
}

/**
 * Walks the cart's route on the handheld as a picker reads it: each bin scanned, each product
 * (the rest of a line typed with Tab), a lot given where the line wants one, the units put into
 * the tote the screen names (a wrong tote tried once, refused aloud), the empty-bin question
 * answered; the first line of `shortOrder` is short (damaged). Ends on the cart's done screen.
 */
async function walkTheCart(screen: CheckedTerminal, shortOrder: string): Promise<string> {
  let frame = await screen.look('first stop');
  let shorted = false;
  let wrongToteTried = false;
  for (let guard = 0; guard < 400; guard++) {
    const words = flat(frame);
    if (words.includes(`Chariot ${CART} préparé`)) return frame;
    const put = /→ bac (\d+) \((CMD-\d+)\) : (\d+) .*scannez le bac (BAC-\d+) pour confirmer/.exec(words);
    if (put) {
      if (!wrongToteTried) {
        wrongToteTried = true;
        const other = put[4] === 'BAC-001' ? 'BAC-002' : 'BAC-001';
        frame = await screen.settle(other, true, 'a wrong tote at the put');
        expect(flat(frame)).toContain(`✖ Mauvais bac : ${other}, attendu ${put[4]} (bac ${put[1]}, ${put[2]})`);
        continue;
      }
      frame = await screen.settle(put[4]!, true, `put into ${put[4]}`);
      continue;
    }
    if (words.includes('est-il vide ?')) {
      frame = await press(screen, 'Enter', 'the bin is empty');
      continue;
    }
    const pick = readPickScreen(frame);
    const tote = /→ bac (\d+) \((CMD-\d+)\)/.exec(words);
    if (!pick || !tote) throw new Error(`not a stop of the cart:\n${frame}`);
    // the cart's positions with their state, under the stop (on a handheld a replenish hint may take its row)
    if (guard === 0) expect(frame).toMatch(/^1● 2● 3● 4●$/m);
    if (pick.atLocation) {
      frame = await screen.settle(pick.location, true, `bin ${pick.location}`);
      continue;
    }
    if (!shorted && tote[2] === shortOrder && pick.picked === 0) {
      shorted = true;
      await screen.type('!', false);
      await screen.see(/Motif du manquant/, 'short reasons');
      await screen.type('2', false);
      const asked = await screen.see(/Confirmer \?/, 'short confirmation');
      expect(flat(asked)).toContain(`Manquant : ${pick.quantity} × ${pick.productCode} (Article abîmé).`);
      frame = await screen.settle('*', false, 'short recorded');
      continue;
    }
    const lot = /Lot \? · FEFO (\S+)/.exec(words);
    if (lot) {
      await screen.type('/', false);
      await screen.see(/N° de lot ›/, 'lot prompt');
      frame = await screen.settle(lot[1]!, true, `lot ${lot[1]}`);
      continue;
    }
    if (pick.picked > 0 && pick.picked < pick.quantity) {
      await screen.keys('Tab');
      await screen.see(/Qté à ajouter \(u\.\) ›/, 'quantity prompt');
      frame = await screen.settle(String(pick.quantity - pick.picked), true, 'the rest of the line typed');
      continue;
    }
    frame = await screen.settle(eanOf(pick.productCode), true, `scan ${pick.productCode}`);
  }
  throw new Error(`the cart never finished:\n${frame}`);
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
    const picker = new CheckedTerminal(TmuxTerminal.start(`node ${CLI} tui --station PICK-1`, HANDHELD, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }), HANDHELD);
    cleanups.push(() => picker.terminal.kill());
    await picker.see(/Scannez votre badge/, 'sign-in');
    await picker.settle('OP01', true, 'signed in');
    const menu = await picker.see(/7 Prélèvement groupé/, 'menu');
    expect(menu).toMatch(/1 Prélèvement\n.*7 Prélèvement groupé\n.*2 Emballage/);
    await picker.type('7', false);
    await picker.see(/^Chariot ›/m, 'the cart asked');
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
    const done = await walkTheCart(picker, shortOrder);
    for (const [i, number] of orders.entries()) expect(flat(done)).toMatch(new RegExp(`${i + 1} ${number === shortOrder ? '⚠' : '✔'} BAC-00${i + 1} ${number} \\d+/\\d+ l\\.`));
    expect(flat(done)).toMatch(new RegExp(`⚠ BAC-002 ${shortOrder} \\d+/\\d+ l\\. · 1 manquant\\(s\\)`));
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
    const packer = new CheckedTerminal(TmuxTerminal.start(`node ${CLI} tui --station PACK-1`, DESK, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }), DESK);
    cleanups.push(() => packer.terminal.kill());
    await packer.see(/Scannez votre badge/, 'packer sign-in');
    await packer.settle('OP02', true, 'packer signed in');
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
  });
});
