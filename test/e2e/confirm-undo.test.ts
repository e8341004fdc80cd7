import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { hubPaths } from '../../src/hub/start-hub.js';
import { agentStatusAt, CLI } from '../helpers/quai-process.js';
import { startQuaiSite, type QuaiSite } from '../helpers/quai-site.js';
import { CheckedTerminal, flat } from '../helpers/station-screen.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { settled, waitFor } from '../helpers/wait-for.js';
import { readPickScreen } from './screen-reading.js';

/**
 * What the TUI asks before an irreversible step, and its undo key, end to end: what reaches the
 * hub (a real agent and hub, the real `quai tui` in tmux, 80x24, French).
 */

const data = generateDemoData(DEMO_DEFAULTS);
const ean = (code: string) => data.barcodes.find((b) => b.productCode === code && b.multiple === 1)!.code.slice(1);
const PICKED = data.orders.find((o) => o.number === 'CMD-1001')!;
/** The order's first line in the walk (its bin comes first): three units of a product without lots. */
const LINE = [...PICKED.lines].sort((a, b) => a.locationCode.localeCompare(b.locationCode))[0]!;
const RECEIPT = data.receipts[1]!;
const RECEIVED = RECEIPT.lines.find((l) => !data.products.find((p) => p.code === l.productCode)!.lotTracked)!;


describe('confirmations and undo in a real terminal, checked at the hub', () => {
  let site: QuaiSite;
  let tmux: TmuxTerminal;
  let screen: CheckedTerminal;
  let hub: Knex;
  const tempDir = useTempDirs('suite');

  /** The agent has sent all it has and has every outcome back: what the hub holds is all there is. */
  const agentSettled = () => waitFor(async () => settled(await agentStatusAt(site.dir, site.agent.port)), 'the agent settled with the hub');
  const eventsAtHub = async (type: string) => (await hub('events').where({ type }).select('seq', 'payload')) as { seq: number; payload: string }[];

  beforeAll(async () => {
    expect(LINE.quantity).toBeGreaterThanOrEqual(3);
    expect(data.products.find((p) => p.code === LINE.productCode)!.lotTracked).toBe(false);
    const dir = tempDir();
    site = await startQuaiSite(dir);
    hub = await openHubStore(hubPaths(join(dir, 'hub')).db);
    tmux = TmuxTerminal.start(`node ${CLI} tui --station PICK-1`, { columns: 80, rows: 24 }, { QUAI_DATA_DIR: dir, LANG: 'fr_FR.UTF-8' });
    screen = new CheckedTerminal(tmux, { columns: 80, rows: 24 });
    await screen.see(/^Badge ou code ›/m, 'sign-in');
    await screen.settle('OP01');
    await screen.see(/1 Prélèvement/, 'menu');
  }, 60_000);

  afterAll(async () => {
    tmux?.kill();
    await hub?.destroy();
    await site?.stop();
  });

  it('a scan taken back with - reaches the hub once as scan.undone; the line is booked with what was really picked', async () => {
    screen.type('1', false);
    await screen.see(/Commandes à préparer/, 'order list');
    await screen.settle(PICKED.number);
    await screen.see((s) => readPickScreen(s)?.location === LINE.locationCode, 'the line at its bin');
    await screen.settle(LINE.locationCode);
    // nothing scanned yet: nothing to undo is offered
    expect(await screen.look()).not.toMatch(/- annuler le scan/);
    await screen.settle(ean(LINE.productCode));
    const twice = await screen.settle(ean(LINE.productCode));
    expect(readPickScreen(twice)).toMatchObject({ productCode: LINE.productCode, picked: 2, left: LINE.quantity - 2 });
    expect(twice).toMatch(/- annuler le scan/);
    const undone = await screen.settle('-', false, 'the undo');
    expect(undone).toContain(`✔ Scan annulé : 1 × ${LINE.productCode} retiré(s)`);
    expect(readPickScreen(undone)).toMatchObject({ picked: 1, left: LINE.quantity - 1 });
    // one level: what is left was the scan before, not offered again
    expect(undone).not.toMatch(/- annuler le scan/);

    const undos = await waitFor(async () => {
      const report = await inspectHub(hub);
      return report.scanUndos.length > 0 ? report.scanUndos : undefined;
    }, 'the undo at the hub');
    expect(undos).toEqual([
      expect.objectContaining({ workflow: 'pick', productCode: LINE.productCode, location: LINE.locationCode, lot: null, quantity: 1, station: 'PICK-1', operator: 'OP01' }),
    ]);
    expect(undos[0]!.document).toMatch(new RegExp(`${PICKED.number}|${PICKED.id}`));

    // the rest of the line, scanned: it is booked with its quantity, not one more or less
    for (let picked = 1; picked < LINE.quantity; picked++) await screen.settle(ean(LINE.productCode));
    await screen.see(new RegExp(`Ligne terminée : ${LINE.productCode} ${LINE.quantity}/${LINE.quantity}`), 'the line done');
    await agentSettled();
    const report = await inspectHub(hub);
    const booked = report.orders.find((o) => o.number === PICKED.number)!.lines.find((l) => l.lineId === LINE.lineId)!;
    expect(booked).toMatchObject({ productCode: LINE.productCode, quantity: LINE.quantity, picked: LINE.quantity });
    expect(report.scanUndos).toHaveLength(1);
    expect(await eventsAtHub('scan.undone')).toHaveLength(1);
    expect(screen.defects).toEqual([]);
    // back to the menu, the order paused
    screen.keys('Escape');
    await screen.see(new RegExp(`1 Prélèvement \\(${PICKED.number} en pause\\)`), 'menu');
  });

  it('a receipt with units missing is closed only once * is pressed again on the confirmation', async () => {
    screen.type('3', false);
    await screen.see(/Réceptions attendues \(3\)/, 'receipt list');
    screen.keys('Down');
    await screen.see(new RegExp(`▶ ${RECEIPT.number}`), 'the receipt selected');
    screen.keys('Enter');
    await screen.see(new RegExp(`${RECEIPT.number} · ${RECEIPT.supplier}`), 'the receipt');
    // one unit received and put away: the rest of the receipt is missing
    await screen.settle(ean(RECEIVED.productCode));
    const bin = /▶ rangez en ([A-C]-\d\d-\d\d-\d)/.exec(await screen.see(/▶ rangez en /, 'the put-away'))![1]!;
    await screen.settle(bin);
    await agentSettled();
    const seqBefore = (await inspectHub(hub)).agents[0]!.lastSeq;
    const missing = RECEIPT.lines.reduce((n, l) => n + l.quantity, 0) - 1;

    screen.type('*', false);
    const asked = await screen.see(/Confirmer \?/, 'the close confirmation');
    expect(flat(asked)).toContain(`⚠ Clôturer ${RECEIPT.number} avec ${missing} manquant(s) : ils restent attendus en reliquat.`);
    // * alone: nothing sent, nothing closed at the hub
    await agentSettled();
    expect(await eventsAtHub('receipt.closed')).toEqual([]);
    const meanwhile = await inspectHub(hub);
    expect(meanwhile.agents[0]!.lastSeq).toBe(seqBefore);
    expect(meanwhile.receipts.find((r) => r.number === RECEIPT.number)!.status).not.toMatch(/received|closed/);
    expect(await screen.look('still asking')).toMatch(/Confirmer \?/);

    // * again: closed, once
    screen.type('*', false);
    await screen.see(/✔ Réception clôturée/, 'the receipt closed');
    const closed = await waitFor(async () => {
      const events = await eventsAtHub('receipt.closed');
      return events.length > 0 ? events : undefined;
    }, 'receipt.closed at the hub');
    await agentSettled();
    expect(await eventsAtHub('receipt.closed')).toHaveLength(1);
    const payload = JSON.parse(closed[0]!.payload) as { receipt: string; lines: { productCode: string; missing: number }[] };
    expect(payload.receipt).toBe(RECEIPT.number);
    expect(payload.lines.reduce((n, l) => n + l.missing, 0)).toBe(missing);
    const report = await inspectHub(hub);
    expect(report.receipts.find((r) => r.number === RECEIPT.number)!.lines).toContainEqual(expect.objectContaining({ productCode: RECEIVED.productCode, received: 1 }));
    expect(screen.defects).toEqual([]);
    screen.keys('Enter');
    await screen.see(/Réceptions attendues/, 'receipt list after');
    screen.keys('Escape');
    await screen.see(/1 Prélèvement/, 'menu');
  });

  it('closing a count over a product not confirmed asks nothing: the agent says to confirm the line first, and the count goes on', async () => {
    screen.type('4', false);
    await screen.see(/Inventaires à faire \(3\)/, 'count list');
    screen.keys('Down');
    await screen.see(/▶ INV-3002/, 'zone count selected');
    screen.keys('Enter');
    await screen.see(/scannez un emplacement/, 'count');
    await screen.settle('B-01-04-3');
    await screen.settle(ean('P000174'));
    screen.type('*', false);
    const refused = await screen.see(/✖ Validez d’abord la ligne P000174/, 'close refused, pending');
    expect(refused).not.toMatch(/Confirmer \?/);
    // Enter confirms it (one counted where the books hold more: a recount is asked, blind)
    await screen.settle('', true, 'line confirmed');
    await screen.see(/Écart sur P000174 en B-01-04-3 : recomptage demandé/, 'line confirmed, recount asked');
  });

  it('the agent stopped: the status bar says it is unreachable, not the hub link', async () => {
    await site.stopAgent();
    const down = await screen.see(/○ agent injoignable/, 'agent unreachable');
    expect(down.split('\n')[0]).toMatch(/^PICK-1 · Marie Dubois +○ agent injoignable · \d+ en attente$/);
    expect(down).not.toMatch(/en ligne/);
  });
});
