import type { VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { approvalNoteProblem, pinProblem } from '../domain/approval-input.js';
import type { CountScope } from '../domain/workflows/count.js';
import { finishedScreenAsList } from '../domain/workflows/release.js';
import type { BinLot } from '../domain/lot.js';
import { trackingRefusal } from '../domain/workflows/pack.js';
import { currentLine } from '../domain/workflows/pick.js';
import { stopPick } from '../domain/workflows/batch-pick.js';
import { isToteCode, startBatchIntent, toteScan, type BatchSettings } from './batch-resolver.js';
import type { StationIntent, StationState } from '../domain/workflows/station.js';
import type { ClientIntent } from '../protocol/local-api.js';
import { loadPackOrder } from './pack-order-loader.js';
import { binLotsOf } from './pick-lots.js';
import { loadPickOrder } from './pick-order-loader.js';
import { resolveScanOrChoice } from './scan-resolver.js';
import type { AgentStore } from './store/agent-store.js';
import type { SupervisorGate, SupervisorStanding } from './supervisor-gate.js';
import type { LocalOrderStatus, StoredOrder } from './store/orders-repo.js';

export interface ResolveContext {
  store: AgentStore;
  station: string;
  now: Date;
  /** Supervisor codes and PINs, with their lockouts. */
  supervisors: SupervisorGate;
  /** The site's variable-measure layouts (`barcodes.variableMeasure`). */
  variableMeasure: readonly VariableMeasureLayout[];
  /** The site's carts and totes (`picking.carts`, `picking.totePrefix`). */
  batches: BatchSettings;
}

/** A tracking number as resolved, before its parcel's SSCC is allotted. */
export interface TrackingToAllot {
  type: 'tracking';
  tracking: string;
}

/**
 * A resolved intent: a domain intent, or a tracking number whose SSCC is allotted only once it is
 * the reading kept (allotSscc), so that readings tried and dropped use up no SSCC number.
 */
export type ResolvedIntent = Exclude<StationIntent, { type: 'tracking' }> | TrackingToAllot;

/**
 * The domain intent of the resolution kept: a tracking number that will close the parcel gets the
 * next SSCC (`nextSscc`, never reused); one the pack reducer will refuse (trackingRefusal: not
 * weighed, no carrier, not a tracking number) gets none (`''`, never used), so no serial is spent on it.
 */
export async function allotSscc(intent: ResolvedIntent, state: StationState, nextSscc: () => Promise<string>): Promise<StationIntent> {
  if (intent.type !== 'tracking') return intent;
  const closes = state.screen === 'pack' && state.pack !== undefined && state.pack !== null && trackingRefusal(state.pack, intent.tracking) === null;
  return { ...intent, sscc: closes ? await nextSscc() : '' };
}

/**
 * A terminal's request becomes a domain intent here, after the look-ups the pure reducers
 * cannot do: who the badge belongs to, which order a number names, what a barcode is, whether
 * a supervisor's PIN is right. A tracking number comes back without its SSCC (allotSscc).
 */
export async function resolveIntent(ctx: ResolveContext, state: StationState, intent: ClientIntent): Promise<ResolvedIntent> {
  const { store } = ctx;
  switch (intent.type) {
    case 'input':
      return resolveInput(ctx, state, intent.data);
    case 'open-order':
      return openPickOrder(ctx, state, intent.orderId);
    case 'open-pack-order':
      return openPackOrder(ctx, intent.orderId);
    case 'box': {
      const box = await store.catalog.boxTypeByCode(intent.code);
      return { type: 'box', box: box ?? null, ref: intent.code };
    }
    case 'check-supervisor':
      return supervisorCheck(intent.supervisor, await ctx.supervisors.standing(intent.supervisor, ctx.now));
    case 'override': {
      // what was typed is checked first: a malformed PIN or a missing note costs no attempt
      const problem = pinProblem(intent.pin) ?? approvalNoteProblem(intent.reason, intent.note);
      if (problem) return { type: 'approval-refused', problem };
      // a tote refused a while ago may have changed hands since (shipped, bound on another cart): read as scanned now, no PIN needed
      const refused = state.screen === 'batch' && state.batch?.phase === 'totes' ? state.batch.toteRefused : null;
      if (refused) {
        const now = await toteScan(store, refused.tote);
        if (now.heldBy?.orderId !== refused.orderId) return now;
      }
      const verdict = await ctx.supervisors.verify(intent.supervisor, intent.pin, { station: ctx.station, operator: state.operator?.code ?? null, now: ctx.now });
      if (verdict.standing !== 'supervisor') return supervisorCheck(intent.supervisor, verdict);
      return { type: 'override', supervisor: verdict.code, pinOk: verdict.pinOk, reason: intent.reason, note: intent.note?.trim() || null };
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
      const lastShort = state.screen === 'pick' ? state.pick?.lastShort : state.screen === 'batch' ? state.batch?.lastShort : undefined;
      if (lastShort) return { type: 'replenish', productCode: lastShort.productCode, quantity: intent.quantity, note: intent.note, location: lastShort.location };
      const target = state.lookup;
      if (target?.kind !== 'product') return { type: 'lookup', ref: '', target: null };
      const product = await store.catalog.productByCode(target.code);
      return { type: 'replenish', productCode: target.code, quantity: intent.quantity, note: intent.note, location: product?.homeLocation ?? null };
    }
    case 'lot': {
      // a product's GS1 label scanned at the lot prompt is a scan (it carries the lot); a code with two
      // known readings (EAN-8 and UPC-E) is the operator's choice, as at the scan prompt; anything else is the lot itself
      const resolved = await resolveScanOrChoice(store, intent.lot, ctx.now, ctx.variableMeasure);
      if (resolved.kind === 'ambiguous') return { type: 'reading-choice', data: resolved.data, readings: resolved.readings };
      const lots = await pickLineLots(store, state);
      return resolved.kind === 'product' ? { type: 'scan', meaning: resolved, lots } : { type: 'lot', lot: intent.lot, lots };
    }
    case 'empty-check':
    case 'adhoc-count':
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
    case 'manual-weight':
    case 'carrier':
      return intent;
  }
}

/** Scanned or typed text means what the screen is asking for. */
async function resolveInput(ctx: ResolveContext, state: StationState, data: string): Promise<ResolvedIntent> {
  const { store } = ctx;
  if (state.screen === 'signin' || !state.operator) {
    const operator = await store.catalog.operatorByCodeOrBadge(data);
    return { type: 'sign-in', entered: data, operator: operator ? { code: operator.code, name: operator.name } : null };
  }
  // a finished document's screen takes the next one's number, as its list does
  const list = listScreenOf(state);
  if (list === 'pick-orders') return openPickOrder(ctx, state, data.trim());
  if (list === 'pack-orders') return isToteCode(ctx.batches, data) ? openPackTote(ctx, data) : openPackOrder(ctx, data.trim());
  if (list === 'receive-list') return openReceipt(ctx, data);
  if (list === 'count-list') return openCount(ctx, data.trim());
  if (state.screen === 'pack' && state.pack?.phase === 'box') {
    const box = await store.catalog.boxTypeByCode(data.trim());
    return { type: 'box', box: box ?? null, ref: data.trim() };
  }
  if (state.screen === 'pack' && state.pack?.phase === 'carrier') return { type: 'tracking', tracking: data.trim() };
  if (state.screen === 'batch') {
    if (!state.batch) return startBatchIntent(store, ctx.batches, ctx.station, data);
    if (isToteCode(ctx.batches, data)) return toteScan(store, data);
  }
  const resolved = await resolveScanOrChoice(store, data, ctx.now, ctx.variableMeasure);
  // two readings of one code both known (EAN-8 and UPC-E): the operator chooses, nothing else happens
  if (resolved.kind === 'ambiguous') return { type: 'reading-choice', data: resolved.data, readings: resolved.readings };
  const meaning = resolved;
  if (state.screen === 'lookup') {
    if (meaning.kind === 'product') return { type: 'lookup', ref: data, target: { kind: 'product', code: meaning.productCode } };
    if (meaning.kind === 'location') return { type: 'lookup', ref: data, target: { kind: 'location', code: meaning.code } };
    // the look-up also takes a product's own code, as the screens show it (P000241)
    const product = await store.catalog.productByTypedCode(data.trim());
    return { type: 'lookup', ref: data.trim(), target: product ? { kind: 'product', code: product.code } : null };
  }
  if (state.screen === 'receive') {
    if (meaning.kind !== 'product') return { type: 'receive-scan', meaning, lotTracked: false, suggested: null };
    const product = await store.catalog.productByCode(meaning.productCode);
    return { type: 'receive-scan', meaning, lotTracked: product?.lotTracked ?? false, suggested: await putawaySuggestion(store, product?.homeLocation ?? null) };
  }
  if (state.screen === 'count') {
    const location = state.count?.location;
    const expected = meaning.kind === 'product' && location ? await store.stock.quantityAt(meaning.productCode, location, meaning.lot ?? null) : 0;
    const outside = meaning.kind === 'location' && state.count?.taskId ? await outsideTask(store, state.count.taskId, meaning.code) : null;
    return { type: 'count-scan', meaning, expected, outside };
  }
  if ((state.screen === 'pick' || state.screen === 'batch') && meaning.kind === 'product') return { type: 'scan', meaning, lots: await pickLineLots(store, state) };
  return { type: 'scan', meaning };
}

/** The list screen whose scan prompt the station shows: a list, or a finished document's summary. */
const listScreenOf = (state: StationState) => finishedScreenAsList(state).screen;

/** A supervisor's standing as the station answers it; a lockout's end in the agent's local time, as the floor reads clocks. */
function supervisorCheck(entered: string, standing: SupervisorStanding): StationIntent {
  if (standing.standing === 'unknown') return { type: 'supervisor-check', entered: entered.trim(), supervisor: null, lockedUntil: null };
  const supervisor = { code: standing.code, name: standing.name };
  return { type: 'supervisor-check', entered: entered.trim(), supervisor, lockedUntil: standing.standing === 'locked' ? standing.until.toTimeString().slice(0, 8) : null };
}

/** The lots known in the current pick line's bin (discrete, or the cart's stop), when its product is lot-tracked: what the pick reducer checks a lot against. */
async function pickLineLots(store: AgentStore, state: StationState): Promise<BinLot[] | null> {
  const line = state.screen === 'batch' ? (state.batch ? stopPick(state.batch)?.stop.line : undefined) : state.pick ? currentLine(state.pick) : undefined;
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
  const holder = await ctx.store.sessions.heldElsewhere('receive', receipt.id, ctx.station);
  return { type: 'open-receipt', ref: receipt.number, doc: { id: receipt.id, number: receipt.number, supplier: receipt.supplier, lines }, ...(holder?.receive && { resume: holder.receive }) };
}

/**
 * The scope of the count task when `location` is not among its bins: the task's bin, a bin of its
 * zone, or a bin where the books hold its product (the bins its lines come from). Null when the bin
 * is the task's, or the task is not known here any more.
 */
async function outsideTask(store: AgentStore, taskId: string, location: string): Promise<CountScope | null> {
  const task = await store.workDocs.task(taskId);
  if (!task) return null;
  const { scope, target } = task;
  let inside: boolean;
  if (scope === 'location') inside = location === target;
  else if (scope === 'zone') inside = (await store.catalog.locationByCode(location))?.zone === target;
  else inside = (await store.stock.ofProduct(target)).some((level) => level.locationCode === location);
  return inside ? null : { scope, target };
}

async function openCount(ctx: ResolveContext, taskId: string | null): Promise<StationIntent> {
  if (taskId === null) return { type: 'open-count', taskId: null, label: 'ad hoc', found: true };
  const task = await ctx.store.workDocs.task(taskId);
  if (!task || task.status !== 'open') return { type: 'open-count', taskId, label: taskId, found: false };
  // opened at another station: taken over as it was left there (that station is released)
  const holder = await ctx.store.sessions.heldElsewhere('count', task.id, ctx.station);
  return { type: 'open-count', taskId: task.id, label: `${task.id} ${task.target}`, found: true, ...(holder?.count && { resume: holder.count }) };
}

async function openPickOrder(ctx: ResolveContext, state: StationState, ref: string): Promise<StationIntent> {
  const order = await ctx.store.orders.find(ref);
  if (!order) return { type: 'open-order', ref, order: null, refusal: 'unknown' };
  // an order of this station's cart is picked there, into its tote: never on its own besides
  const cart = state.batch?.slots.some((s) => s.pick.orderId === order.id) ? state.batch.cart : null;
  if (cart) return { type: 'open-order', ref: order.number, order: null, refusal: 'on-cart', cart };
  const pickOrder = available(order, ctx.station, 'open', 'in-progress') && order.hubStatus === 'open' ? await loadPickOrder(ctx.store, order) : undefined;
  return pickOrder ? { type: 'open-order', ref: order.number, order: pickOrder } : { type: 'open-order', ref: order.number, order: null, refusal: 'not-available' };
}

/** A tote scanned at the packing list opens the order in it; a tote with none is refused (TOTE_EMPTY). */
async function openPackTote(ctx: ResolveContext, text: string): Promise<StationIntent> {
  const bound = await ctx.store.totes.byCode(text.trim());
  if (!bound) return { type: 'open-pack-order', ref: text.trim().toUpperCase(), order: null, refusal: 'tote-empty' };
  // still being picked on its cart: not in the tote yet, whatever a packer scans
  const order = await ctx.store.orders.find(bound.orderId);
  if (order?.localStatus === 'in-progress') return { type: 'open-pack-order', ref: bound.code, order: null, refusal: 'tote-picking', cart: bound.cart, toteOrder: bound.orderNumber };
  return packOrderIntent(ctx, bound.orderId, order);
}

async function openPackOrder(ctx: ResolveContext, ref: string): Promise<StationIntent> {
  return packOrderIntent(ctx, ref, await ctx.store.orders.find(ref));
}

/** The order found for `ref` opened for packing, when it may be here now. */
async function packOrderIntent(ctx: ResolveContext, ref: string, order: StoredOrder | undefined): Promise<StationIntent> {
  if (!order) return { type: 'open-pack-order', ref, order: null, refusal: 'unknown' };
  const here = available(order, ctx.station, 'picked', 'packing');
  // every line short at picking: the ERP deals with the order (backorder, cancel); nothing goes in a parcel
  if (here && !order.lines.some((line) => line.picked > 0)) return { type: 'open-pack-order', ref: order.number, order: null, refusal: 'nothing-picked' };
  const packOrder = here ? await loadPackOrder(ctx.store, order) : undefined;
  return packOrder ? { type: 'open-pack-order', ref: order.number, order: packOrder } : { type: 'open-pack-order', ref: order.number, order: null, refusal: 'not-available' };
}
