import { z } from 'zod';
import { ALL_APPROVAL_REASONS } from '../domain/approval.js';
import { DAMAGE_REASONS } from '../domain/events.js';
import { KEYBOARD_LAYOUTS } from '../domain/keyboard/keyboard-layouts.js';
import { code, shortReason } from './common.js';

export { CLOSE_UNAUTHORIZED, LOCAL_SUBPROTOCOL } from './local-api-link.js';

export const inputSource = z.enum(['keyboard', 'wedge', 'serial']);
export type InputSource = z.infer<typeof inputSource>;

/** A terminal's keyboard layout (docs/devices.md, "Wedge scanners on AZERTY and QWERTZ terminals"). */
export const keyboardLayout = z.enum(KEYBOARD_LAYOUTS);

/** What a terminal may ask; the agent turns it into a domain intent after look-ups. */
export const clientIntent = z.discriminatedUnion('type', [
  /**
   * Scanned or typed text. `keyboard`: the terminal's layout, tried first when a `wedge` burst that
   * matches nothing as typed is read again as a US scanner typing through a layout.
   */
  z.object({ type: z.literal('input'), data: z.string().min(1).max(512), source: inputSource, keyboard: keyboardLayout.optional() }),
  z.object({ type: z.literal('sign-out') }),
  /** `batch`: cluster picking, several orders in one walk on a cart of totes. */
  z.object({ type: z.literal('menu'), choice: z.enum(['pick', 'batch', 'pack', 'receive', 'count', 'lookup']) }),
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('open-order'), orderId: code }),
  /**
   * A typed quantity in pick, receive and count. `set` (what an absent mode means): the figure is
   * now this many; `add`: this many more units on top of what is scanned. Optional rather than
   * defaulted so that a sender's type need not name it (a zod default would make it required there).
   */
  z.object({ type: z.literal('quantity'), quantity: z.number().int(), mode: z.enum(['add', 'set']).optional() }),
  /** Takes back the last scan (or typed quantity) of a line not yet confirmed, in pick, receive and count. */
  z.object({ type: z.literal('undo') }),
  z.object({ type: z.literal('postpone') }),
  z.object({ type: z.literal('short'), reason: shortReason }),
  z.object({ type: z.literal('empty-check'), remaining: z.number().int() }),
  /**
   * A lot typed or scanned for the current pick line. Any text up to 512 characters travels: the agent
   * says why a lot cannot be one (control characters, over 20 characters). `source`/`keyboard` as for
   * `input` (absent: typed): a `wedge` lot that matches nothing is read again through the layouts.
   */
  z.object({ type: z.literal('lot'), lot: z.string().min(1).max(512), source: inputSource.optional(), keyboard: keyboardLayout.optional() }),
  z.object({ type: z.literal('finish') }),
  z.object({ type: z.literal('open-pack-order'), orderId: code }),
  z.object({ type: z.literal('close-box') }),
  z.object({ type: z.literal('box'), code }),
  z.object({ type: z.literal('recheck') }),
  z.object({ type: z.literal('reweigh') }),
  /** A parcel's weight typed by the packer, as typed (`850 g`, `1,25 kg`): where `typedWeight` in the pack view allows it. */
  z.object({ type: z.literal('manual-weight'), typed: z.string().min(1).max(32) }),
  /** The PIN travels only to the agent, which checks it and never stores or logs it. */
  z.object({ type: z.literal('override'), supervisor: code, pin: z.string().min(1).max(32), reason: z.enum(ALL_APPROVAL_REASONS), note: z.string().max(200).optional() }),
  /** Whether a code (or badge) is a supervisor's who may approve now, asked before the PIN; never checks a PIN. */
  /** `source`/`keyboard` as for `input` (absent: typed): a `wedge` code or badge that is no supervisor's is read again through the layouts. */
  z.object({ type: z.literal('check-supervisor'), supervisor: code, source: inputSource.optional(), keyboard: keyboardLayout.optional() }),
  z.object({ type: z.literal('carrier'), carrier: code }),
  z.object({ type: z.literal('open-receipt'), ref: code }),
  z.object({ type: z.literal('blind-receipt') }),
  z.object({ type: z.literal('open-count'), taskId: code.nullable() }),
  /** Counts on its own the bin the count task just refused (the view's `offer`), the task paused until that count is finished. */
  z.object({ type: z.literal('adhoc-count') }),
  z.object({ type: z.literal('damaged'), quantity: z.number().int(), reason: z.enum(DAMAGE_REASONS) }),
  z.object({ type: z.literal('confirm-line') }),
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('replenish'), quantity: z.number().int(), note: z.string().max(200).default('') }),
]);
export type ClientIntent = z.infer<typeof clientIntent>;

export const clientMessage = z.discriminatedUnion('type', [
  /** Without a station the client is a tool (`quai status`, `quai sync --now`), not a terminal. */
  z.object({ type: z.literal('hello'), token: z.string().min(1).max(512), station: code.optional() }),
  z.object({ type: z.literal('intent'), id: z.string().min(1).max(64), intent: clientIntent }),
  z.object({ type: z.literal('status') }),
  /** Reconnects to the hub now; with `catalog`, also reloads the whole catalog (reconciliation). */
  z.object({ type: z.literal('sync-now'), catalog: z.boolean().default(false) }),
  /** Prints the label of the station's last closed parcel again. */
  z.object({ type: z.literal('reprint'), id: z.string().min(1).max(64) }),
  /** Zero, tare or clear the tare of the station's scale. */
  z.object({ type: z.literal('scale'), id: z.string().min(1).max(64), command: z.enum(['zero', 'tare', 'clear-tare']) }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export const linkState = z.enum(['online', 'offline', 'connecting']);
export type LinkState = z.infer<typeof linkState>;

/** A station's scale as terminals show it: a weight only when settled, never a moving value. */
export const scaleView = z.object({
  condition: z.enum(['stable', 'zero', 'moving', 'overload', 'underload', 'offline']),
  weight: z.string().nullable(),
  unit: z.string().nullable(),
});
export type ScaleView = z.infer<typeof scaleView>;

export const deviceStatus = z.object({
  station: z.string(),
  id: z.string(),
  kind: z.enum(['scanner', 'scale']),
  path: z.string(),
  /** Where `path` leads now when it is a link (a /dev/serial/by-id/ name): null when it is no link or leads nowhere; absent from older agents. */
  resolvedPath: z.string().nullable().default(null),
  /** A scale's profile (`quai devices profiles`), null when none; absent from older agents. */
  profile: z.string().nullable().default(null),
  state: z.enum(['connecting', 'online', 'offline', 'closed']),
  reason: z.string().nullable(),
  lastReading: z.string().nullable(),
});
export type DeviceStatus = z.infer<typeof deviceStatus>;

const loadingView = z.object({ stream: z.enum(['catalog', 'work', 'stock']), done: z.number().int(), total: z.number().int() });

export const agentStatus = z.object({
  agentId: z.string(),
  siteId: z.string(),
  link: linkState,
  /** Events committed locally and not yet stored by the hub. */
  pending: z.number().int(),
  /** Events the hub has stored whose outcome at the ERP is not known yet. */
  awaitingOutcome: z.number().int(),
  /** A full snapshot being loaded from the hub, with its progress. */
  loading: loadingView.nullable(),
  /**
   * The store's identity at the hub: made with the store, renewed when its history and the hub's
   * diverged (restored from an older backup); `since` when, `reason` why.
   */
  incarnation: z.object({ id: z.string(), since: z.string(), reason: z.enum(['new-store', 'history-diverged']) }),
  /** The outbox's last seq and the seq through which every outcome is known: their moves give throughput. */
  outbox: z.object({ lastSeq: z.number().int(), settledThrough: z.number().int() }),
  /** The latest scans and typed entries at the stations, newest first, with what came of them. */
  /** `remapped`: a wedge burst read again through a keyboard layout (`raw` is the burst as typed). */
  recentScans: z.array(z.object({ at: z.string(), station: z.string(), source: z.string().nullable(), raw: z.string().nullable(), remapped: z.object({ layout: z.string(), text: z.string() }).nullable().optional(), outcomeLevel: z.string().nullable(), outcomeCode: z.string().nullable() })),
  rejected: z.number().int(),
  /** The latest events the hub refused, newest first, with its reason. */
  rejectedEvents: z.array(z.object({ seq: z.number().int(), type: z.string(), reason: z.string().nullable(), at: z.string() })),
  lastSyncAt: z.string().nullable(),
  catalog: z.object({ products: z.number().int(), locations: z.number().int(), openOrders: z.number().int() }),
  devices: z.array(deviceStatus),
  /**
   * Supervisor codes with wrong PINs since their last good one, by code: `failures` in a row since
   * then (or since the last lockout ended), `lockouts` since then, `locked` whether approvals by the
   * code are refused now, until `lockedUntil` (ISO 8601 UTC; the last lockout's end when not locked,
   * null when never locked). Never a PIN nor its length.
   */
  // an agent older than the lockouts sends none
  supervisorLockouts: z.array(z.object({ supervisor: z.string(), failures: z.number().int(), lockouts: z.number().int(), locked: z.boolean(), lockedUntil: z.string().nullable() })).default([]),
});
export type AgentStatus = z.infer<typeof agentStatus>;

const operatorView = z.object({ code: z.string(), name: z.string() });
/** What an `undo` would take back now (null: nothing to undo), so a terminal offers the key only when it does something. */
const undoView = z.object({ productCode: z.string(), quantity: z.number().int() }).nullable();
const orderHeader = z.object({ id: z.string(), number: z.string(), customer: z.string() });
const pickLineView = z.object({
  lineId: z.string(),
  location: z.string(),
  productCode: z.string(),
  productName: z.string(),
  barcode: z.string().nullable(),
  quantity: z.number().int(),
  picked: z.number().int(),
});
const pickProgressView = z.object({ settled: z.number().int(), total: z.number().int(), postponed: z.number().int() });
/** A line's lots when its product is lot-tracked; null when it is not. */
const pickLotsView = z
  .object({
    /** The lots the agent knows in the line's bin, first expiry first: the first is the one to pick (FEFO). */
    inBin: z.array(z.object({ lot: z.string(), expiry: z.string().nullable(), quantity: z.number().int() })),
    /** The lot being picked (typed, or read from the last GS1 scan); null until one is given. */
    current: z.string().nullable(),
    /** A lot just refused on this line (not in the bin): a supervisor may approve it (approval kind `lot`). */
    refused: z.string().nullable(),
  })
  .nullable();

export const stationView = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('signin') }),
  z.object({
    screen: z.literal('menu'),
    pausedOrder: z.string().nullable(),
    pausedPack: z.string().nullable(),
    // added with the release of stations: an older agent sends neither
    pausedReceipt: z.string().nullable().default(null),
    pausedCount: z.string().nullable().default(null),
    /** The cart of a batch under way at this station (cluster picking); an older agent sends none. */
    pausedBatch: z.string().nullable().default(null),
  }),
  z.object({
    screen: z.literal('pick-orders'),
    orders: z.array(orderHeader.extend({ lines: z.number().int(), units: z.number().int() })),
  }),
  z.object({
    screen: z.literal('pick'),
    order: orderHeader,
    phase: z.enum(['location', 'product', 'empty-check']),
    emptyCheck: z.object({ location: z.string(), productCode: z.string() }).nullable(),
    /**
     * The bin the order named for this line holds a suspect quantity (a short pick found it empty,
     * not counted since): `moved`, the line was routed to `line.location`, another bin with stock;
     * not moved, no other bin has any (the line stays there). Null for a bin not suspect.
     */
    suspectBin: z.object({ location: z.string(), moved: z.boolean() }).nullable(),
    line: pickLineView,
    progress: pickProgressView,
    /** The product of the last short line, which the picker may ask to replenish. */
    lastShort: z.string().nullable(),
    undo: undoView,
    lots: pickLotsView,
  }),
  z.object({
    /**
     * Cluster picking: `cart`, scan the cart (its type says how many totes); `totes`, scan a tote
     * for each order proposed, in position order (`toteFor`); then one walk for all the orders:
     * `location` and `product` as in `pick`, and `put`: the units of the line just completed go
     * into the tote of `put.position`, confirmed by scanning that tote; `done`: every order is.
     */
    screen: z.literal('batch'),
    phase: z.enum(['cart', 'totes', 'location', 'product', 'put', 'empty-check', 'done']),
    /** The cart's code; null in phase `cart`. */
    cart: z.string().nullable(),
    /** The orders on the cart by position; `status` `done` once every line of the order is picked or short. */
    slots: z.array(
      z.object({
        position: z.number().int(),
        tote: z.string().nullable(),
        order: orderHeader,
        lines: z.number().int(),
        settled: z.number().int(),
        short: z.number().int(),
        status: z.enum(['tote', 'picking', 'done']),
      }),
    ),
    /** Phase `totes`: the position whose tote is to be scanned next. */
    toteFor: z.number().int().nullable(),
    /** A tote just refused because an open order still holds it: a supervisor may free it and bind it here (approval kind `tote`). */
    toteRefused: z.object({ tote: z.string(), order: z.string() }).nullable(),
    /** The line to pick now, with the order and position it is for; null outside phases `location`, `product`, `empty-check`. */
    line: pickLineView.extend({ position: z.number().int(), orderNumber: z.string() }).nullable(),
    /** Phase `put`: the tote the units just picked go into, and how many. */
    put: z.object({ position: z.number().int(), tote: z.string(), orderNumber: z.string(), quantity: z.number().int() }).nullable(),
    emptyCheck: z.object({ location: z.string(), productCode: z.string() }).nullable(),
    suspectBin: z.object({ location: z.string(), moved: z.boolean() }).nullable(),
    /** Lines of every order on the cart. */
    progress: pickProgressView,
    lastShort: z.string().nullable(),
    undo: undoView,
    lots: pickLotsView,
  }),
  z.object({
    screen: z.literal('pack-orders'),
    orders: z.array(orderHeader.extend({ lines: z.number().int(), units: z.number().int() })),
  }),
  z.object({
    screen: z.literal('pack'),
    order: orderHeader.extend({ address: z.string() }),
    phase: z.enum(['verify', 'box', 'weigh', 'failed', 'carrier']),
    items: z.array(
      z.object({ productCode: z.string(), productName: z.string(), quantity: z.number().int(), ordered: z.number().int(), packed: z.number().int(), verified: z.number().int() }),
    ),
    parcelNo: z.number().int(),
    boxes: z.array(z.object({ code: z.string(), name: z.string() })),
    box: z.object({ code: z.string(), name: z.string() }).nullable(),
    expected: z.object({ grams: z.number(), toleranceGrams: z.number(), missingWeights: z.array(z.string()) }).nullable(),
    check: z
      .object({
        expectedGrams: z.number(),
        toleranceGrams: z.number(),
        measured: z.string(),
        /** `manual`: the weight was typed by the packer; `scale`: read from the station's scale. */
        weightSource: z.enum(['scale', 'manual']),
        differenceGrams: z.number(),
        pass: z.boolean(),
        reason: z.string().nullable(),
        missingWeights: z.array(z.string()),
      })
      .nullable(),
    override: z.object({ supervisor: z.string(), reason: z.string() }).nullable(),
    /** Whether a weight may be typed now: `yes` (no scale at the station, or offline and the site lets packers), `supervisor` (offline: with an approval), `no` (the scale answers). */
    typedWeight: z.enum(['yes', 'supervisor', 'no']),
    carriers: z.array(z.string()),
    carrier: z.string().nullable(),
  }),
  z.object({
    screen: z.literal('pack-done'),
    order: orderHeader,
    parcels: z.array(z.object({ parcelNo: z.number().int(), box: z.string(), weight: z.string(), weightSource: z.enum(['scale', 'manual']), carrier: z.string(), tracking: z.string(), sscc: z.string() })),
  }),
  z.object({ screen: z.literal('receive-list'), receipts: z.array(z.object({ id: z.string(), number: z.string(), supplier: z.string(), lines: z.number().int(), units: z.number().int() })) }),
  z.object({
    screen: z.literal('receive'),
    receipt: z.object({ number: z.string(), supplier: z.string(), blind: z.boolean() }),
    phase: z.enum(['scan', 'putaway', 'done']),
    lines: z.array(z.object({ productCode: z.string(), productName: z.string(), expected: z.number().int(), received: z.number().int(), damaged: z.number().int(), unexpected: z.boolean() })),
    pending: z.object({ productCode: z.string(), productName: z.string(), quantity: z.number().int(), lot: z.string().nullable(), expiry: z.string().nullable(), suggested: z.string().nullable() }).nullable(),
    undo: undoView,
    /**
     * The bin scanned for the pending units while it waits: `check` is what it waits for now — the
     * operator's confirmation of a bin other than the suggested one (`confirm`: the same bin scanned
     * again), or a supervisor's approval (`putaway`, `over-receipt`). Null when no bin waits.
     */
    hold: z.object({ location: z.string(), check: z.enum(['confirm', 'putaway', 'over-receipt']) }).nullable(),
  }),
  z.object({ screen: z.literal('count-list'), tasks: z.array(z.object({ id: z.string(), scope: z.string(), target: z.string() })) }),
  z.object({
    screen: z.literal('count'),
    label: z.string(),
    blind: z.boolean(),
    phase: z.enum(['location', 'product', 'done']),
    location: z.string().nullable(),
    pending: z.object({ productCode: z.string(), productName: z.string(), lot: z.string().nullable(), quantity: z.number().int(), expected: z.number().int().nullable() }).nullable(),
    /** Expected quantities are null in a blind count: they never reach the terminal. */
    lines: z.array(z.object({ location: z.string(), productCode: z.string(), lot: z.string().nullable(), status: z.enum(['recount', 'done']), expected: z.number().int().nullable() })),
    undo: undoView,
    /**
     * Lines of the task not counted yet: the (bin, product) pairs the agent's stock holds in the
     * task's scope (its bin, its zone's bins, or the bins holding its product) with no line in this
     * count. 0 for an ad-hoc count.
     */
    uncounted: z.number().int(),
    /** A bin just refused as outside the task, which an `adhoc-count` would count on its own; null otherwise. */
    offer: z.string().nullable(),
    /** The task (its id) paused under this ad-hoc count, resumed when it is finished; null otherwise. */
    paused: z.string().nullable(),
  }),
  z.object({
    screen: z.literal('lookup'),
    target: z.object({ kind: z.enum(['product', 'location']), code: z.string(), name: z.string() }).nullable(),
    /** `suspect`: a short pick found the bin empty (or the product not there) and it is not counted yet: `available` is 0, `onHand` what the books still say. */
    levels: z.array(z.object({ productCode: z.string(), location: z.string(), lot: z.string(), expiry: z.string().nullable(), onHand: z.number().int(), reserved: z.number().int(), available: z.number().int(), suspect: z.boolean() })),
    incoming: z.number().int(),
    /** This site's latest movements: picks (negative), receipts, counts (the level counted). */
    movements: z.array(z.object({ at: z.string(), type: z.string(), productCode: z.string(), location: z.string(), quantity: z.number().int() })),
  }),
  z.object({
    screen: z.literal('pick-done'),
    order: orderHeader,
    lines: z.array(z.object({ productCode: z.string(), productName: z.string(), picked: z.number().int(), quantity: z.number().int(), status: z.enum(['picked', 'short']) })),
  }),
]);
export type StationView = z.infer<typeof stationView>;

export const feedbackView = z.object({
  /** Grows with every message, so a terminal rings the bell once per new error. */
  id: z.number().int(),
  level: z.enum(['ok', 'info', 'error']),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** SCAN_AMBIGUOUS only: the readings of the code the catalog knows; the terminal sends the chosen `gtin` as an input. */
  readings: z.array(z.object({ reading: z.string(), gtin: z.string(), productCode: z.string(), productName: z.string(), multiple: z.number().int() })).optional(),
});
export type FeedbackView = z.infer<typeof feedbackView>;

export const stationStatus = z.object({
  station: z.string(),
  operator: operatorView.nullable(),
  link: linkState,
  pending: z.number().int(),
  rejected: z.number().int(),
  loading: loadingView.nullable(),
  scale: scaleView.nullable(),
  /** Ids of the station's devices that are not online. */
  devicesOffline: z.array(z.string()),
});
export type StationStatus = z.infer<typeof stationStatus>;

export const agentMessage = z.discriminatedUnion('type', [
  /**
   * `keyboard`: the site's terminal layout from the agent's configuration (`wedge.keyboard`), null when not set.
   * `timeZone`: the site's IANA time zone (`site.timeZone`), which relative times and days on the screens are read in; absent from an older agent.
   */
  z.object({ type: z.literal('welcome'), agentId: z.string(), station: z.string().nullable(), keyboard: keyboardLayout.nullable().optional(), timeZone: z.string().min(1).max(64).optional() }),
  z.object({ type: z.literal('view'), view: stationView, status: stationStatus, feedback: feedbackView.nullable() }),
  z.object({ type: z.literal('result'), id: z.string(), feedback: feedbackView.nullable() }),
  z.object({ type: z.literal('status'), status: agentStatus }),
  z.object({ type: z.literal('sync-started') }),
  // `id`: the request the error answers, when it carried one (a refused frame's, if it could be read)
  z.object({ type: z.literal('error'), code: z.enum(['UNAUTHORIZED', 'BAD_MESSAGE', 'HELLO_FIRST', 'NO_STATION', 'INTERNAL']), message: z.string(), id: z.string().min(1).max(64).optional() }),
]);
export type AgentMessage = z.infer<typeof agentMessage>;
