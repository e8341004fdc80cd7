import { describe, expect, it } from 'vitest';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeBatch, TerminalClient } from '../helpers/terminal-client.js';
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
    // the first put: a wrong tote is refused aloud, nothing recorded
    await pickWholeBatch(picker, { until: (v) => v.phase === 'put' });
    view = picker.view as BatchView;
    const wrong = view.slots.find((s) => s.position !== view.put!.position)!.tote!;
    expect((await picker.input(wrong)).feedback).toMatchObject({ level: 'error', code: 'BATCH_WRONG_TOTE', params: { expected: view.put!.tote, scanned: wrong } });
    expect((picker.view as BatchView).phase).toBe('put');
    let shorted = false;
    await pickWholeBatch(picker, {
      short: (line) => {
        if (shorted || line.orderNumber !== shortOrder) return false;
        return (shorted = true);
      },
    });
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

    // packed and shipped from its tote (no scale at this station: the weight is typed): the tote is free again
    const packed = view.slots[2]!;
    const pack = () => packer.view as Extract<StationView, { screen: 'pack' }>;
    for (const item of pack().items) {
      const ean = (await site.agent.store.catalog.unitBarcodes([item.productCode])).get(item.productCode)!;
      for (let unit = 0; unit < item.quantity; unit++) await packer.input(ean);
    }
    await packer.act({ type: 'close-box' });
    await packer.act({ type: 'box', code: pack().boxes.at(-1)!.code });
    await packer.act({ type: 'manual-weight', typed: `${pack().expected!.grams} g` });
    await packer.act({ type: 'carrier', carrier: pack().carriers[0]! });
    expect((await packer.input('6A12345678901')).feedback).toMatchObject({ level: 'ok', code: 'PACK_ORDER_SHIPPED' });
    expect(await site.agent.store.totes.byCode(packed.tote!)).toBeUndefined();

    await waitFor(async () => settled(await site.agent.status()), 'outbox settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    for (const slot of view.slots) {
      expect(hub.orders.find((o) => o.number === slot.order.number)).toMatchObject(slot === packed ? { status: 'shipped', tote: null } : { status: 'picked', tote: slot.tote });
    }
    picker.close();
    packer.close();
  });

  it('a cart scanned by mistake is dropped with Esc before any tote, its orders free again; an order of a cart opens nowhere else, its tote not at packing', async () => {
    const site = await startSite({ picking: { carts: [{ prefix: 'CHR-', positions: 2 }], totePrefix: 'BAC-' } });
    const picker = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await picker.input('OP01');
    await picker.act({ type: 'menu', choice: 'batch' });
    await picker.input('CHR-99');
    const wrong = (picker.view as BatchView).slots.map((s) => s.order.number);
    expect((await picker.act({ type: 'back' })).feedback).toMatchObject({ level: 'info', code: 'BATCH_DROPPED', params: { cart: 'CHR-99' } });
    expect(picker.view).toMatchObject({ screen: 'menu', pausedBatch: null });
    const other = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-2');
    await other.input('OP02');
    await other.act({ type: 'menu', choice: 'pick' });
    expect((other.view as Extract<StationView, { screen: 'pick-orders' }>).orders.map((o) => o.number)).toEqual(expect.arrayContaining(wrong));

    await picker.act({ type: 'menu', choice: 'batch' });
    await picker.input('CHR-01');
    await picker.input('BAC-001');
    const onCart = (picker.view as BatchView).slots[0]!.order.number;
    // the cart paused; the same station cannot open its order on its own
    await picker.act({ type: 'back' });
    await picker.act({ type: 'menu', choice: 'pick' });
    expect((await picker.input(onCart)).feedback).toMatchObject({ level: 'error', code: 'ORDER_ON_CART', params: { order: onCart, cart: 'CHR-01' } });
    // nor another one
    expect((await other.input(onCart)).feedback).toMatchObject({ level: 'error', code: 'ORDER_NOT_AVAILABLE' });
    // its tote at packing: still being picked
    const packer = await TerminalClient.open(site.agent.port, site.apiToken, 'PACK-1');
    await packer.input('OP03');
    await packer.act({ type: 'menu', choice: 'pack' });
    expect((await packer.input('BAC-001')).feedback).toMatchObject({ level: 'error', code: 'TOTE_STILL_PICKING', params: { tote: 'BAC-001', order: onCart, cart: 'CHR-01' } });
    for (const t of [picker, other, packer]) t.close();
  });
});
