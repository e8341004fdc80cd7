import type { BinLot } from '../domain/lot.js';
import { currentLine } from '../domain/workflows/pick.js';
import type { StationIntent, StationState } from '../domain/workflows/station.js';
import type { ClientIntent } from '../protocol/local-api.js';
import { pinMatches } from '../runtime/pin-hash.js';
import { loadPackOrder } from './pack-order-loader.js';
import { binLotsOf } from './pick-lots.js';
import { loadPickOrder } from './pick-order-loader.js';
import { resolveScan } from './scan-resolver.js';
import type { AgentStore } from './store/agent-store.js';
import type { LocalOrderStatus, StoredOrder } from './store/orders-repo.js';

export interface ResolveContext {
  store: AgentStore;
  station: string;
  now: Date;
  /** Allots the next parcel's SSCC. */
  nextSscc: () => Promise<string>;
}

/**
 * A terminal's request becomes a domain intent here, after the look-ups the pure reducers
 * cannot do: who the badge belongs to, which order a number names, what a barcode is, whether
 * a supervisor's PIN is right.
 */
export async function resolveIntent(ctx: ResolveContext, state: StationState, intent: ClientIntent): Promise<StationIntent> {
  const { store } = ctx;
  switch (intent.type) {
    case 'input':
      return resolveInput(ctx, state, intent.data);
    case 'open-order':
      return openPickOrder(ctx, intent.orderId);
    case 'open-pack-order':
      return openPackOrder(ctx, intent.orderId);
    case 'box': {
      const box = await store.catalog.boxTypeByCode(intent.code);
      return { type: 'box', box: box ?? null, ref: intent.code };
    }
    case 'override': {
      const supervisor = await store.catalog.operatorByCodeOrBadge(intent.supervisor);
      const isSupervisor = supervisor?.role === 'supervisor';
      const pinOk = isSupervisor && pinMatches(intent.pin, await store.catalog.pinHashOf(supervisor.code));
      return { type: 'override', supervisor: isSupervisor ? supervisor.code : null, pinOk, reason: intent.reason, note: intent.note?.trim() || null };
    }
    case 'open-receipt':
      return openReceipt(ctx, intent.ref);
    case 'blind-receipt': {
      const stamp = ctx.now.toISOString().replace(/\D/g, '').slice(2, 14);
      return { type: 'open-receipt', ref: 'blind', doc: { id: null, number: `BL-${stamp}`, supplier: '', lines: [] } };
    }
    case 'open-count':
      return openCount(ctx, intent.taskId);
    case 'confirm-line':
      return { type: 'confirm-line', operator: state.operator?.code ?? '?' };
    case 'quantity':
      // a terminal that says no mode means the figure (what a typed quantity has always meant)
      return { type: 'quantity', quantity: intent.quantity, mode: intent.mode ?? 'set' };
    case 'replenish': {
      // from the look-up of a product, or right after a short pick
      const lastShort = state.screen === 'pick' ? state.pick?.lastShort : undefined;
      if (lastShort) return { type: 'replenish', productCode: lastShort.productCode, quantity: intent.quantity, note: intent.note, location: lastShort.location };
      const target = state.lookup;
      if (target?.kind !== 'product') return { type: 'lookup', ref: '', target: null };
      const product = await store.catalog.productByCode(target.code);
      return { type: 'replenish', productCode: target.code, quantity: intent.quantity, note: intent.note, location: product?.homeLocation ?? null };
    }
    case 'lot': {
      // a product's GS1 label scanned at the lot prompt is a scan (it carries the lot); anything else is the lot itself
      const meaning = await resolveScan(store, intent.lot, ctx.now);
      const lots = await pickLineLots(store, state);
      return meaning.kind === 'product' ? { type: 'scan', meaning, lots } : { type: 'lot', lot: intent.lot, lots };
    }
    case 'empty-check':
    case 'damaged':
    case 'close':
    case 'sign-out':
    case 'menu':
    case 'back':
    case 'undo':
    case 'postpone':
    case 'short':
    case 'finish':
    case 'close-box':
    case 'recheck':
    case 'reweigh':
    case 'carrier':
      return intent;
  }
}

/** Scanned or typed text means what the screen is asking for. */
async function resolveInput(ctx: ResolveContext, state: StationState, data: string): Promise<StationIntent> {
  const { store } = ctx;
  if (state.screen === 'signin' || !state.operator) {
    const operator = await store.catalog.operatorByCodeOrBadge(data);
    return { type: 'sign-in', entered: data, operator: operator ? { code: operator.code, name: operator.name } : null };
  }
  if (state.screen === 'pick-orders') return openPickOrder(ctx, data.trim());
  if (state.screen === 'pack-orders') return openPackOrder(ctx, data.trim());
  if (state.screen === 'pack' && state.pack?.phase === 'box') {
    const box = await store.catalog.boxTypeByCode(data.trim().toUpperCase());
    return { type: 'box', box: box ?? null, ref: data.trim() };
  }
  if (state.screen === 'pack' && state.pack?.phase === 'carrier') return { type: 'tracking', tracking: data.trim(), sscc: await ctx.nextSscc() };
  if (state.screen === 'receive-list') return openReceipt(ctx, data);
  if (state.screen === 'count-list') return openCount(ctx, data.trim());
  const meaning = await resolveScan(store, data, ctx.now);
  if (state.screen === 'lookup') {
    if (meaning.kind === 'product') return { type: 'lookup', ref: data, target: { kind: 'product', code: meaning.productCode } };
    if (meaning.kind === 'location') return { type: 'lookup', ref: data, target: { kind: 'location', code: meaning.code } };
    return { type: 'lookup', ref: data.trim(), target: null };
  }
  if (state.screen === 'receive') {
    if (meaning.kind !== 'product') return { type: 'receive-scan', meaning, lotTracked: false, suggested: null };
    const product = await store.catalog.productByCode(meaning.productCode);
    return { type: 'receive-scan', meaning, lotTracked: product?.lotTracked ?? false, suggested: await putawaySuggestion(store, product?.homeLocation ?? null) };
  }
  if (state.screen === 'count') {
    const location = state.count?.location;
    const expected = meaning.kind === 'product' && location ? await store.stock.quantityAt(meaning.productCode, location, meaning.lot ?? null) : 0;
    return { type: 'count-scan', meaning, expected };
  }
  if (state.screen === 'pick' && meaning.kind === 'product') return { type: 'scan', meaning, lots: await pickLineLots(store, state) };
  return { type: 'scan', meaning };
}

/** The lots known in the current pick line's bin, when its product is lot-tracked: what the pick reducer checks a lot against. */
async function pickLineLots(store: AgentStore, state: StationState): Promise<BinLot[] | null> {
  const line = state.pick ? currentLine(state.pick) : undefined;
  return line ? binLotsOf(store, line.productCode, line.location.code) : null;
}

/** An order is offered to one station at a time: free, or already this station's. */
function available(order: StoredOrder, station: string, free: LocalOrderStatus, taken: LocalOrderStatus): boolean {
  if (order.hubStatus === 'cancelled') return false;
  return order.localStatus === free || (order.localStatus === taken && order.station === station);
}

/** The product's home bin; a product without one goes to the first empty bin of the warehouse. */
async function putawaySuggestion(store: AgentStore, home: string | null): Promise<string | null> {
  if (home && (await store.catalog.locationByCode(home))) return home;
  return (await store.stock.firstEmptyBin()) ?? null;
}

async function openReceipt(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  const receipt = await ctx.store.workDocs.findReceipt(ref);
  if (!receipt || (receipt.status !== 'expected' && receipt.status !== 'receiving')) return { type: 'open-receipt', ref: ref.trim(), doc: null };
  const products = await ctx.store.catalog.productsByCode(receipt.lines.map((l) => l.productCode));
  const lines = receipt.lines.map((l) => ({ productCode: l.productCode, productName: products.get(l.productCode)?.name ?? l.productCode, expected: l.quantity }));
  return { type: 'open-receipt', ref: receipt.number, doc: { id: receipt.id, number: receipt.number, supplier: receipt.supplier, lines } };
}

async function openCount(ctx: ResolveContext, taskId: string | null): Promise<StationIntent> {
  if (taskId === null) return { type: 'open-count', taskId: null, label: 'ad hoc', found: true };
  const task = await ctx.store.workDocs.task(taskId);
  if (!task || task.status !== 'open') return { type: 'open-count', taskId, label: taskId, found: false };
  return { type: 'open-count', taskId: task.id, label: `${task.id} ${task.target}`, found: true };
}

async function openPickOrder(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  const order = await ctx.store.orders.find(ref);
  if (!order) return { type: 'open-order', ref, order: null, refusal: 'unknown' };
  const pickOrder = available(order, ctx.station, 'open', 'in-progress') && order.hubStatus === 'open' ? await loadPickOrder(ctx.store, order) : undefined;
  return pickOrder ? { type: 'open-order', ref: order.number, order: pickOrder } : { type: 'open-order', ref: order.number, order: null, refusal: 'not-available' };
}

async function openPackOrder(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  const order = await ctx.store.orders.find(ref);
  if (!order) return { type: 'open-pack-order', ref, order: null, refusal: 'unknown' };
  const packOrder = available(order, ctx.station, 'picked', 'packing') ? await loadPackOrder(ctx.store, order) : undefined;
  return packOrder ? { type: 'open-pack-order', ref: order.number, order: packOrder } : { type: 'open-pack-order', ref: order.number, order: null, refusal: 'not-available' };
}
