import { describe, expect, it } from 'vitest';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const startSite = useSites(useTempDirs());
type BatchView = Extract<StationView, { screen: 'batch' }>;

describe('batch picking through the agent', () => {
  it('binds four totes, walks one route with a short in one order, puts each line to its tote; packing opens an order by its tote and frees it', async () => {
    const site = await startSite({ picking: { carts: [{ prefix: 'CHR4-', positions: 4 }], totePrefix: 'BAC-' } });
    const picker = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await picker.input('OP01');
    await picker.act({ type: 'menu', choice: 'batch' });
    expect(picker.view).toMatchObject({ screen: 'batch', phase: 'cart', cart: null });
    expect((await picker.input('CHR-99')).feedback).toMatchObject({ code: 'BATCH_CART_UNKNOWN' });
    expect((await picker.input('chr4-01')).feedback).toMatchObject({ code: 'BATCH_STARTED', params: { cart: 'CHR4-01', orders: 4 } });
    let view = picker.view as BatchView;
    expect(view.slots).toHaveLength(4);
    for (const [i, slot] of view.slots.entries()) {
      expect((picker.view as BatchView).toteFor).toBe(slot.position);
      expect((await picker.input(`bac-00${i + 1}`)).feedback).toMatchObject({ code: 'TOTE_BOUND', params: { tote: `BAC-00${i + 1}`, position: slot.position } });
    }
    expect((await picker.input('BAC-001')).feedback?.level).toBe('error');
    view = picker.view as BatchView;
    expect(view.phase).toBe('location');
    const shortOrder = view.slots[1]!.order.number;
    let shorted = false;
    for (let guard = 0; guard < 200 && (picker.view as BatchView).phase !== 'done'; guard++) {
      view = picker.view as BatchView;
      if (view.phase === 'location') {
        await picker.input(view.line!.location);
        continue;
      }
      if (view.phase === 'empty-check') {
        await picker.act({ type: 'empty-check', remaining: 0 });
        continue;
      }
      if (view.phase === 'put') {
        const wrong = view.slots.find((s) => s.position !== view.put!.position)!.tote!;
        expect((await picker.input(wrong)).feedback).toMatchObject({ level: 'error' });
        expect((await picker.input(view.put!.tote)).feedback?.level).toBe('ok');
        continue;
      }
      const line = view.line!;
      if (!shorted && line.orderNumber === shortOrder) {
        await picker.act({ type: 'short', reason: 'not-found' });
        shorted = true;
        continue;
      }
      // a lot-tracked line takes its FEFO lot first, as a picker reads it off the screen
      if (view.lots && !view.lots.current) {
        await picker.act(view.lots.inBin[0] ? { type: 'lot', lot: view.lots.inBin[0].lot } : { type: 'short', reason: 'not-found' });
        continue;
      }
      await picker.input(line.barcode!);
      if ((picker.view as BatchView).phase === 'product' && (picker.view as BatchView).line!.picked < line.quantity) await picker.act({ type: 'quantity', quantity: line.quantity });
    }
    view = picker.view as BatchView;
    expect(view.phase).toBe('done');
    expect(view.slots.every((s) => s.status === 'done')).toBe(true);
    expect(view.slots.find((s) => s.order.number === shortOrder)!.short).toBe(1);

    const packer = await TerminalClient.open(site.agent.port, site.apiToken, 'PACK-1');
    await packer.input('OP01');
    await packer.act({ type: 'menu', choice: 'pack' });
    expect((await packer.input('BAC-404')).feedback).toMatchObject({ code: 'TOTE_EMPTY', params: { tote: 'BAC-404' } });
    await packer.input('bac-003');
    expect(packer.view).toMatchObject({ screen: 'pack', order: { number: view.slots[2]!.order.number } });

    await waitFor(async () => settled(await site.agent.status()), 'outbox settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    for (const slot of view.slots) expect(hub.orders.find((o) => o.number === slot.order.number)).toMatchObject({ status: 'picked', tote: slot.tote });
    picker.close();
    packer.close();
  });
});
