import { currentLine, pickProgress, pickUndo } from '../domain/workflows/pick.js';
import type { StationState } from '../domain/workflows/station.js';
import type { StationView } from '../protocol/local-api.js';
import type { BoxType } from '../domain/catalog.js';
import type { PackState, TypedWeight } from '../domain/workflows/pack.js';
import { countUndo, expectedNow, type CountState } from '../domain/workflows/count.js';
import { receiveUndo, type ReceiveState } from '../domain/workflows/receive.js';
import type { LookupTarget } from '../domain/workflows/station.js';
import { heldDocuments, type DocumentKind } from '../domain/workflows/release.js';
import { releaseReason } from './document-liveness.js';
import { routedReservations } from './bin-routing.js';
import { batchView } from './batch-view.js';
import { pickLineView, pickLotsView } from './pick-line-view.js';
import type { AgentStore } from './store/agent-store.js';
import type { StoredOrder } from './store/orders-repo.js';
import { suspectKey } from './store/stock-repo.js';

/** Orders listed on the order-choice screen; the rest are reached by scanning their number. */
const ORDER_LIST_LIMIT = 50;

/** An order's lines and units as a list shows them: what is to pick, or, to pack, what was picked (a short line counts what was found). */
const orderSummaries = (orders: StoredOrder[], count: 'ordered' | 'picked') =>
  orders.map((o) => {
    const lines = count === 'picked' ? o.lines.filter((l) => l.picked > 0) : o.lines;
    return { id: o.id, number: o.number, customer: o.customer, lines: lines.length, units: lines.reduce((n, l) => n + (count === 'picked' ? l.picked : l.quantity), 0) };
  });

function packView(pack: PackState, boxes: BoxType[], carriers: string[], typedWeight: TypedWeight): StationView {
  const order = { id: pack.orderId, number: pack.orderNumber, customer: pack.customer };
  if (pack.phase === 'done') {
    return {
      screen: 'pack-done',
      order,
      parcels: pack.parcels.map((p) => ({ parcelNo: p.parcelNo, box: p.box, weight: `${p.weight.value} ${p.weight.unit}`, weightSource: p.weightSource ?? 'scale', carrier: p.carrier, tracking: p.tracking, sscc: p.sscc })),
    };
  }
  const check = pack.check && pack.measured;
  return {
    screen: 'pack',
    order: { ...order, address: pack.address },
    phase: pack.phase,
    items: pack.items.map(({ productCode, productName, quantity, ordered, packed, verified }) => ({ productCode, productName, quantity, ordered, packed, verified })),
    parcelNo: pack.parcels.length + 1,
    boxes: boxes.map(({ code, name }) => ({ code, name })),
    box: pack.box ? { code: pack.box.code, name: pack.box.name } : null,
    expected: pack.expected ? { grams: pack.expected.expectedGrams, toleranceGrams: pack.expected.toleranceGrams, missingWeights: pack.expected.missingWeights } : null,
    check: check
      ? {
          expectedGrams: pack.check!.expectedGrams,
          toleranceGrams: pack.check!.toleranceGrams,
          measured: `${pack.measured!.value} ${pack.measured!.unit}`,
          weightSource: pack.weightSource ?? 'scale',
          differenceGrams: pack.check!.outcome.differenceGrams,
          pass: pack.check!.outcome.pass,
          reason: pack.check!.outcome.pass ? null : pack.check!.outcome.reason,
          missingWeights: pack.check!.missingWeights,
        }
      : null,
    override: pack.override,
    typedWeight,
    carriers,
    carrier: pack.carrier,
  };
}

function receiveView(receive: ReceiveState): StationView {
  return {
    screen: 'receive',
    receipt: { number: receive.number, supplier: receive.supplier, blind: receive.receiptId === null },
    phase: receive.phase,
    lines: receive.lines.map(({ productCode, productName, expected, received, damaged, unexpected }) => ({ productCode, productName, expected, received, damaged, unexpected })),
    pending: receive.pending,
    undo: receiveUndo(receive),
    hold: receive.hold ? { location: receive.hold.location, check: receive.hold.checks[0]! } : null,
  };
}

/**
 * How many lines of a count task are not counted yet: the (bin, product) pairs the agent's stock
 * holds in the task's scope with no line in this count. A task carries no list of its own (a scope
 * and a target), so its lines are what the books hold there now; 0 for an ad-hoc count.
 */
async function uncountedLines(store: AgentStore, count: CountState): Promise<number> {
  if (count.taskId === null || count.phase === 'done') return 0;
  const task = await store.workDocs.task(count.taskId);
  if (!task) return 0;
  const levels = task.scope === 'location' ? await store.stock.atLocation(task.target) : task.scope === 'zone' ? await store.stock.inZone(task.target) : await store.stock.ofProduct(task.target);
  const expected = new Set(levels.map((l) => `${l.locationCode}\u0000${l.productCode}`));
  for (const line of count.lines) expected.delete(`${line.location}\u0000${line.productCode}`);
  return expected.size;
}

/** A blind count's expected quantities stay in the agent: the view carries null. */
function countView(count: CountState, uncounted: number, paused: CountState | null): StationView {
  const shown = (n: number) => (count.settings.blind ? null : n);
  return {
    screen: 'count',
    label: count.label,
    blind: count.settings.blind,
    phase: count.phase,
    location: count.location,
    pending: count.pending ? { ...count.pending, expected: shown(count.pending.expected) } : null,
    lines: count.lines.map((l) => ({ location: l.location, productCode: l.productCode, lot: l.lot, status: l.status, expected: shown(expectedNow(l)) })),
    undo: countUndo(count),
    uncounted,
    offer: count.offer ?? null,
    paused: paused ? (paused.taskId ?? paused.label) : null,
  };
}

/** Stock levels: on hand, reserved by open orders, available (none in a suspect bin); and what open receipts bring. */
async function lookupView(store: AgentStore, target: LookupTarget | null): Promise<StationView> {
  if (!target) return { screen: 'lookup', target: null, levels: [], incoming: 0, movements: [] };
  const levels = target.kind === 'product' ? await store.stock.ofProduct(target.code) : await store.stock.atLocation(target.code);
  const reserved = await routedReservations(store, await store.orders.reservedAt(levels.map((l) => l.productCode)));
  const suspects = await store.stock.suspectsOf([...new Set(levels.map((l) => l.productCode))]);
  const name = target.kind === 'product' ? ((await store.catalog.productByCode(target.code))?.name ?? target.code) : target.code;
  const incoming = target.kind === 'product' ? await store.workDocs.incoming(target.code) : 0;
  const seen = new Map<string, number>();
  return {
    screen: 'lookup',
    target: { ...target, name },
    levels: levels.map((l) => {
      const key = `${l.productCode}|${l.locationCode}`;
      // an order reserves from the bin it will be picked in, once per bin
      const held = seen.has(key) ? 0 : (reserved.get(key) ?? 0);
      seen.set(key, held);
      // a suspect bin's books are not trusted: nothing there is offered to a pick until it is counted
      const suspect = suspects.has(suspectKey(l.productCode, l.locationCode));
      return { productCode: l.productCode, location: l.locationCode, lot: l.lot, expiry: l.expiry, onHand: l.quantity, reserved: held, available: suspect ? 0 : l.quantity - held, suspect };
    }),
    incoming,
    movements: await store.outbox.movements(target, 5),
  };
}

/** The menu of a station whose screen lost its document (a session saved by an older agent). */
const EMPTY_MENU: StationView = { screen: 'menu', pausedOrder: null, pausedPack: null, pausedReceipt: null, pausedCount: null, pausedBatch: null };

/**
 * The number of a document of this kind the station keeps unfinished (a count: its task id, or
 * its label when ad hoc) and may go on with: never
 * one finished, shipped, closed or cancelled (the release of the station may still be on its way).
 */
async function pausedNumber(store: AgentStore, state: StationState, kind: DocumentKind): Promise<string | null> {
  const doc = heldDocuments(state).find((d) => d.kind === kind && d.slot !== 'batch');
  if (!doc || doc.done || (await releaseReason(store, doc))) return null;
  return kind === 'count' ? (doc.id ?? doc.number) : doc.number;
}

/** Projects a station's state (plus store look-ups) into the view its terminals render; `typedWeight`: whether its packer may type a weight now. */
export async function buildStationView(store: AgentStore, state: StationState, carriers: string[], typedWeight: TypedWeight): Promise<StationView> {
  switch (state.screen) {
    case 'signin':
      return { screen: 'signin' };
    case 'menu':
      return {
        screen: 'menu',
        pausedOrder: await pausedNumber(store, state, 'pick'),
        pausedPack: await pausedNumber(store, state, 'pack'),
        pausedReceipt: await pausedNumber(store, state, 'receive'),
        pausedCount: await pausedNumber(store, state, 'count'),
        pausedBatch: state.batch && state.batch.phase !== 'done' ? state.batch.cart : null,
      };
    case 'pick-orders': {
      return { screen: 'pick-orders', orders: orderSummaries(await store.orders.listOpen(ORDER_LIST_LIMIT), 'ordered') };
    }
    case 'pack-orders':
      return { screen: 'pack-orders', orders: orderSummaries(await store.orders.listToPack(ORDER_LIST_LIMIT), 'picked') };
    case 'pack':
      return state.pack ? packView(state.pack, await store.catalog.boxTypes(), carriers, typedWeight) : EMPTY_MENU;
    case 'receive-list':
      return {
        screen: 'receive-list',
        receipts: (await store.workDocs.openReceipts()).map((r) => ({ id: r.id, number: r.number, supplier: r.supplier, lines: r.lines.length, units: r.lines.reduce((n, l) => n + l.quantity, 0) })),
      };
    case 'receive':
      return state.receive ? receiveView(state.receive) : EMPTY_MENU;
    case 'count-list':
      return { screen: 'count-list', tasks: (await store.workDocs.openTasks()).map(({ id, scope, target }) => ({ id, scope, target })) };
    case 'count':
      return state.count ? countView(state.count, await uncountedLines(store, state.count), state.pausedCount ?? null) : EMPTY_MENU;
    case 'lookup':
      return lookupView(store, state.lookup ?? null);
    case 'batch':
      return batchView(store, state.batch ?? null);
    case 'pick': {
      const pick = state.pick;
      if (!pick) return EMPTY_MENU;
      const order = { id: pick.orderId, number: pick.orderNumber, customer: pick.customer };
      const check = pick.phase === 'empty-check' ? pick.emptyCheck : null;
      // while asking whether a bin is empty, the line shown is the one that emptied it
      const line = check ? pick.lines.find((l) => l.productCode === check.productCode && l.location.code === check.location) : currentLine(pick);
      if (pick.phase === 'done' || !line) {
        return {
          screen: 'pick-done',
          order,
          lines: pick.lines.map((l) => ({ productCode: l.productCode, productName: l.productName, picked: l.picked, quantity: l.quantity, status: l.status === 'short' ? 'short' : 'picked' })),
        };
      }
      return {
        screen: 'pick',
        order,
        phase: pick.phase,
        line: pickLineView(line),
        progress: { ...pickProgress(pick), postponed: pick.lines.filter((l) => l.status === 'postponed').length },
        lastShort: pick.lastShort?.productCode ?? null,
        undo: pickUndo(pick),
        emptyCheck: check ? { location: check.location, productCode: check.productCode } : null,
        suspectBin: line.suspectBin ?? null,
        lots: await pickLotsView(store, pick, line),
      };
    }
  }
}
