import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import knex from 'knex';
import { expectedGrams, weighableOrders, type DemoOrder, eanOf as ean } from '../helpers/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite, type QuaiSite } from '../helpers/quai-site.js';
import { feedbackOf, inputLine, settle } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const weighable = weighableOrders.slice(0, 3);
type Order = DemoOrder;
/** The header's scale line once the simulated scale has settled empty, or with a load. */
const SCALE_EMPTY = /⚖ -?0(?:[.,]0+)? k?g ✔/;
const SCALE_LOADED = /⚖ (?!-?0(?:[.,]0+)? )[\d.,]+ k?g ✔/;

/**
 * Types as a person does, then Enter apart (a burst ending in Enter is a scanner's, and a scan is
 * never taken as a weight). Resolves once the terminal has answered (a new message, the input empty).
 */
async function typeByHand(terminal: TmuxTerminal, text: string): Promise<string> {
  await terminal.type(text, false);
  const typed = await waitFor(async () => {
    const screen = await terminal.screen();
    return inputLine(screen)?.value === text ? screen : '';
  }, `"${text}" typed`);
  const before = feedbackOf(typed);
  terminal.keys('Enter');
  return waitFor(async () => {
    const screen = await terminal.screen();
    return inputLine(screen)?.value === '' && feedbackOf(screen) !== before ? screen : '';
  }, `an answer to "${text}"`);
}

/**
 * A packing terminal, the orders picked for it. Keys typed by tmux arrive as fast as a scanner's:
 * `--wedge-gap-ms 1` keeps what the test types by hand (typeByHand) from being taken for a scan.
 */
async function startPacking(site: QuaiSite, station: string, orders: Order[], env: Record<string, string> = { LANG: 'fr_FR.UTF-8' }): Promise<TmuxTerminal> {
  await site.pickOrders(orders.map((o) => o.number));
  const terminal = TmuxTerminal.start(`node ${CLI} tui --station ${station} --wedge-gap-ms 1`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: site.dir, ...env });
  cleanups.push(() => terminal.kill());
  await terminal.waitFor(/Scannez votre badge|Scan your badge/);
  await settle(terminal, 'OP01');
  terminal.type('2', false);
  await terminal.waitFor(new RegExp(`(Commandes à emballer|Orders to pack) \\(${orders.length}\\)`));
  return terminal;
}

/** Opens the order, scans its items and closes the box: the box list shows. */
async function verifyItems(terminal: TmuxTerminal, order: Order): Promise<void> {
  await settle(terminal, order.number);
  for (const line of order.lines) for (let i = 0; i < line.quantity; i++) await settle(terminal, ean(line.productCode));
  terminal.type('*', false);
  await terminal.waitFor(/BOX-S/);
}

/** Carrier (the first), tracking number: the order ships; back on the list (what is typed next answers to it). */
async function ship(terminal: TmuxTerminal, tracking: string): Promise<void> {
  terminal.keys('Enter');
  await terminal.waitFor(/^N° de suivi ›/m);
  await settle(terminal, tracking);
  await terminal.waitFor(/Commande .* expédiée/);
  terminal.keys('Enter');
  await terminal.waitFor(/Commandes à emballer \(\d+\)/);
}

/** The agent's audit rows of one intent at a station, read beside the running agent. */
async function auditRows(dir: string, station: string, intent: string): Promise<{ outcome_code: string | null }[]> {
  const db = knex({ client: 'sqlite3', connection: { filename: join(dir, 'agent', 'agent.sqlite') }, useNullAsDefault: true });
  try {
    return (await db('audit').where({ station, intent }).select('outcome_code')) as { outcome_code: string | null }[];
  } finally {
    await db.destroy();
  }
}

function inspect(dir: string): { orders: { number: string; status: string; parcels: { weight: string; weightSource: string; weightApproval: unknown }[]; failedWeightChecks: { reason: string }[] }[] } {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' })) as ReturnType<typeof inspect>;
}

describe('weighing always finishes, in a real terminal at 80x24 (a simulated scale on PACK-1, no scale on PACK-2)', () => {
  it('a station without a scale finishes a parcel by a typed weight, refusing letters, a missing unit, a negative and an out-of-range weight; the hub has it as manual', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir);
    cleanups.push(() => site.stop());
    const [order] = weighable;
    const terminal = await startPacking(site, 'PACK-2', [order!]);
    await verifyItems(terminal, order!);
    const chosen = await settle(terminal, 'BOX-S');
    // no scale here: the screen says to type the weight, and with which key
    expect(chosen).toMatch(/pesez le colis et tapez son poids \(\/\)/);
    expect(feedbackOf(chosen)).toMatch(/Poste sans balance : pesez le colis et tapez son poids/);
    expect(chosen).not.toMatch(/\+ zéro/);
    terminal.type('/', false);
    await terminal.waitFor(/^Poids \(g ou kg\) ›/m);
    for (const [typed, error] of [
      ['abc', /« abc » n’est pas un poids : tapez par ex\. 850 g ou 1,25 kg/],
      ['850', /« 850 » : donnez l’unité, g ou kg/],
      ['850 lb', /« 850 lb » : donnez l’unité, g ou kg/],
      ['-5 g', /« -5 g » : le poids doit être entre 1 g et 100 kg/],
      ['250 kg', /« 250 kg » : le poids doit être entre 1 g et 100 kg/],
    ] as const) {
      const refused = await typeByHand(terminal, typed);
      expect(feedbackOf(refused)).toMatch(error);
      // still asking for the weight: nothing was recorded
      expect(refused).toMatch(/^Poids \(g ou kg\) ›/m);
      expect(refused).not.toMatch(/CONFORME/);
    }
    const typed = `${(expectedGrams(order!) + 4) / 1000}`.replace('.', ',') + ' kg';
    await typeByHand(terminal, typed);
    // the terminal's own refusal before went as the weight was sent: the agent's answer follows
    const passed = await terminal.waitFor(/✔ CONFORME/);
    expect(passed).toMatch(/\(tapé\)/);
    await ship(terminal, '6A10000000101');

    // the hub: the parcel's weight is flagged as typed
    const report = await waitFor(() => {
      const out = inspect(dir);
      return out.orders.find((o) => o.number === order!.number && o.status === 'shipped') ? out : undefined;
    }, 'the order shipped at the hub');
    expect(report.orders.find((o) => o.number === order!.number)!.parcels).toEqual([expect.objectContaining({ weightSource: 'manual', weight: `${(expectedGrams(order!) + 4) / 1000} kg` })]);
    // the agent: one typed weight reached it (the bad ones never left the terminal), audited as typed
    await site.stopAgent();
    const store = await AgentStore.open(join(dir, 'agent', 'agent.sqlite'));
    try {
      const typedRows = (await store.audit.recent('PACK-2', 500)).filter((a) => a.intent === 'manual-weight');
      expect(typedRows).toEqual([expect.objectContaining({ outcomeCode: 'PACK_WEIGHT_PASS' })]);
      expect(JSON.parse(typedRows[0]!.raw!)).toEqual({ type: 'manual-weight', typed });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a load on the scale from the last parcel is to lift and replace; "2 repeser" takes the reading; a parcel put on the emptied scale before its box is taken', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir);
    cleanups.push(() => site.stop());
    const [first, second, third] = weighable;
    const terminal = await startPacking(site, 'PACK-1', [first!, second!, third!]);
    await terminal.waitFor(SCALE_EMPTY);

    // 1: weighed as ever; the parcel stays on the scale once shipped
    await verifyItems(terminal, first!);
    await settle(terminal, 'BOX-S');
    site.place(expectedGrams(first!) + 5);
    await terminal.waitFor(/✔ CONFORME/, 10_000);
    await ship(terminal, '6A10000000001');

    // 2: the last parcel is still on the scale when the box is chosen: lift it and put the new one
    await verifyItems(terminal, second!);
    const lift = await settle(terminal, 'BOX-S');
    expect(feedbackOf(lift)).toMatch(/Une charge était déjà sur la balance \(\d+(?:,\d+)? k?g\) : soulevez le colis\s+et\s+reposez-le/);
    expect(lift).toMatch(/posez le colis sur la balance/);
    site.place(0);
    await terminal.waitFor(SCALE_EMPTY);
    site.place(expectedGrams(second!) + 800);
    const failed = await terminal.waitFor(/✖ NON CONFORME/, 10_000);
    expect(failed).toMatch(/\+8\d\d g/);
    // "2 repeser" with the parcel left as it is: the settled reading is taken, not waited for
    terminal.type('2', false);
    // what the agent made of it, from its audit (the screen looks the same: the same parcel failed again)
    const reweighed = await waitFor(async () => (await auditRows(dir, 'PACK-1', 'reweigh'))[0], 'the reweigh in the agent audit');
    expect(reweighed.outcome_code).toBe('PACK_WEIGHT_FAIL');
    const again = await terminal.waitFor(/✖ NON CONFORME/);
    expect(again).not.toMatch(/posez le colis sur la balance/);
    // the packer takes out what is too much: the new load is checked
    site.place(expectedGrams(second!) + 3);
    await terminal.waitFor(/✔ CONFORME/, 10_000);
    await ship(terminal, '6A10000000002');

    // 3: the scale emptied, the next parcel put on it before its box is chosen: taken with the box
    site.place(0);
    await terminal.waitFor(SCALE_EMPTY);
    await settle(terminal, third!.number);
    site.place(expectedGrams(third!) + 2);
    await terminal.waitFor(SCALE_LOADED);
    for (const line of third!.lines) for (let i = 0; i < line.quantity; i++) await settle(terminal, ean(line.productCode));
    terminal.type('*', false);
    await terminal.waitFor(/BOX-S/);
    const taken = await settle(terminal, 'BOX-S');
    expect(taken).toMatch(/✔ CONFORME/);
    await ship(terminal, '6A10000000003');

    const report = await waitFor(() => {
      const out = inspect(dir);
      return out.orders.filter((o) => o.status === 'shipped').length === 3 ? out : undefined;
    }, 'three orders shipped at the hub');
    for (const order of [first!, second!, third!]) expect(report.orders.find((o) => o.number === order.number)!.parcels).toEqual([expect.objectContaining({ weightSource: 'scale' })]);
    // two failed weighings of the second parcel: the first one, and the "reweigh" that failed again; the load taken out then passed
    const failures = (order: (typeof weighable)[number]) => report.orders.find((o) => o.number === order.number)!.failedWeightChecks;
    expect(failures(second!)).toEqual([expect.objectContaining({ reason: 'above' }), expect.objectContaining({ reason: 'above' })]);
    expect([...failures(first!), ...failures(third!)]).toEqual([]);
  }, 90_000);

  it('a station whose scale went offline takes a typed weight once a supervisor approves it; the hub has who approved', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir);
    cleanups.push(() => site.stop());
    const [order] = weighable;
    const terminal = await startPacking(site, 'PACK-1', [order!]);
    await verifyItems(terminal, order!);
    await settle(terminal, 'BOX-S');
    await site.unplugScale();
    await terminal.waitFor(/balance hors ligne : un superviseur peut autoriser un poids tapé \(\/\)/, 15_000);
    terminal.type('/', false);
    expect(await terminal.waitFor(/^Code superviseur ›/m)).toContain('Dérogation superviseur : poids saisi');
    terminal.type('SUP1');
    await terminal.waitFor(/^PIN superviseur ›/m);
    terminal.type(DEMO_SUPERVISOR_PIN);
    await terminal.waitFor(/Motif de la dérogation/);
    const approved = await settle(terminal, '1', false);
    expect(feedbackOf(approved)).toMatch(/Poids tapé autorisé par SUP1/);
    // the prompt for the weight opens by itself once approved
    await terminal.waitFor(/^Poids \(g ou kg\) ›/m);
    await typeByHand(terminal, `${expectedGrams(order!) - 3} g`);
    // the terminal's own refusal before went as the weight was sent: the agent's answer follows
    const passed = await terminal.waitFor(/✔ CONFORME/);
    expect(passed).toMatch(/\(tapé\)/);
    await ship(terminal, '6A10000000201');
    const report = await waitFor(() => {
      const out = inspect(dir);
      return out.orders.find((o) => o.number === order!.number && o.status === 'shipped') ? out : undefined;
    }, 'the order shipped at the hub');
    expect(report.orders.find((o) => o.number === order!.number)!.parcels).toEqual([
      expect.objectContaining({ weightSource: 'manual', weightApproval: { supervisor: 'SUP1', reason: 'scale-offline', note: null } }),
    ]);
  }, 60_000);
});

