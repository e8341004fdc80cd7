import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const startSite = useSites(useTempDirs());
const data = generateDemoData(DEMO_DEFAULTS);
const receipt = data.receipts[0]!;
const task = data.countTasks[0]!;
const plain = receipt.lines.map((l) => l.productCode).find((code) => !data.products.find((p) => p.code === code)!.lotTracked)!;
const ean = (code: string) => data.barcodes.find((b) => b.productCode === code && b.multiple === 1)!.code.slice(1);

type MenuView = Extract<StationView, { screen: 'menu' }>;

describe('a receipt or a count opened by mistake is left with Esc, not kept under way', () => {
  it('left when nothing was done on it, its list opening again; kept under way once something was', async () => {
    const site = await startSite();
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'REC-1');
    try {
      await terminal.input('OP01');
      await terminal.act({ type: 'menu', choice: 'receive' });
      await terminal.act({ type: 'open-receipt', ref: receipt.number });
      const left = await terminal.act({ type: 'back' });
      expect(left.feedback).toMatchObject({ level: 'info', code: 'DOCUMENT_LEFT', params: { document: receipt.number } });
      expect(terminal.view).toMatchObject({ screen: 'menu', pausedReceipt: null });
      // the menu's receiving opens the list, not the receipt
      await terminal.act({ type: 'menu', choice: 'receive' });
      expect(terminal.view.screen).toBe('receive-list');

      // a unit scanned: the receipt stays under way
      await terminal.act({ type: 'open-receipt', ref: receipt.number });
      await terminal.input(ean(plain));
      const paused = await terminal.act({ type: 'back' });
      expect(paused.feedback?.code).not.toBe('DOCUMENT_LEFT');
      expect((terminal.view as MenuView).pausedReceipt).toBe(receipt.number);

      await terminal.act({ type: 'menu', choice: 'count' });
      await terminal.act({ type: 'open-count', taskId: task.id });
      const countLeft = await terminal.act({ type: 'back' });
      expect(countLeft.feedback).toMatchObject({ level: 'info', code: 'DOCUMENT_LEFT', params: { document: task.id } });
      expect(terminal.view).toMatchObject({ screen: 'menu', pausedCount: null, pausedReceipt: receipt.number });
    } finally {
      terminal.close();
    }
  });
});
