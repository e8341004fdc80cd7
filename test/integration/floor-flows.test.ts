import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS } from '../helpers/test-database.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

const data = generateDemoData(DEMO_DEFAULTS);
const gtin = (code: string) => data.barcodes.find((b) => b.productCode === code && b.multiple === 1)!.code;
const receipt = data.receipts[0]!;
const plain = receipt.lines.map((l) => l.productCode).find((code) => !data.products.find((p) => p.code === code)!.lotTracked)!;
const task = data.countTasks[0]!;
const counted = data.stock.find((s) => s.locationCode === task.target)!;

describe.each(BACKENDS)('reception, count and replenishment through agent and hub (stores on %s)', (backend) => {
  it('each reaches the embedded ERP, accepted, with its effect on stock and documents', async () => {
    site = await startSite(tempDir(), { backend });
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'REC-1');
    await terminal.input('OP01');

    await terminal.act({ type: 'menu', choice: 'receive' });
    await terminal.act({ type: 'open-receipt', ref: receipt.number });
    await terminal.input(gtin(plain).slice(1));
    await terminal.act({ type: 'quantity', quantity: 12 });
    const putaway = terminal.view;
    if (putaway.screen !== 'receive' || !putaway.pending?.suggested) throw new Error(`expected a putaway, got ${JSON.stringify(putaway).slice(0, 200)}`);
    const bin = putaway.pending.suggested;
    await terminal.input(bin);
    await terminal.act({ type: 'close' });
    await terminal.act({ type: 'back' });
    await terminal.act({ type: 'back' });

    await terminal.act({ type: 'menu', choice: 'count' });
    await terminal.act({ type: 'open-count', taskId: task.id });
    await terminal.input(task.target);
    await terminal.input(counted.lot ? `(01)${gtin(counted.productCode)}(10)${counted.lot}` : gtin(counted.productCode).slice(1));
    await terminal.act({ type: 'quantity', quantity: counted.quantity });
    const line = await terminal.act({ type: 'confirm-line' });
    expect(line.feedback).toMatchObject({ level: 'ok' });
    await terminal.act({ type: 'close' });
    await terminal.act({ type: 'back' });
    await terminal.act({ type: 'back' });

    await terminal.act({ type: 'menu', choice: 'lookup' });
    await terminal.input(gtin(plain).slice(1));
    await terminal.act({ type: 'replenish', quantity: 10, note: 'rayon vide' });
    terminal.close();

    await waitFor(async () => settled(await site!.agent.status()), 'all settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    expect(hub.receipts.find((r) => r.number === receipt.number)?.lines.find((l) => l.productCode === plain)).toMatchObject({ received: 12 });
    const [moved] = await site.hub!.db('stock_moves').where({ product_code: plain, location_code: bin, reason: 'receipt' }).sum({ total: 'delta' });
    expect(Number(moved?.total)).toBe(12);
    expect(await site.hub!.db('count_tasks').where({ id: task.id }).first('status')).toEqual({ status: 'done' });
    expect(await site.hub!.db('purchase_requests').where({ product_code: plain }).first('quantity', 'note')).toEqual({ quantity: 10, note: 'rayon vide' });
  });
});
