import { z } from 'zod';
import { code } from './common.js';
import { upstreamEvent } from './sync-events.js';

/** quai-sync/1: the agent <-> hub link. See docs/protocol.md. */
export const SYNC_SUBPROTOCOL = 'quai-sync.1';
export const SYNC_PROTOCOL_VERSION = 1;
/** Versions this build of the hub accepts. */
export const SYNC_VERSIONS_ACCEPTED = { min: 1, max: 1 };
/** The incarnation of an agent that says none (a build from before incarnations). */
export const LEGACY_INCARNATION = '00000000-0000-0000-0000-000000000000';
/** Outcomes per `outcomes` frame. */
export const MAX_OUTCOMES = 1000;

export const streamName = z.enum(['catalog', 'work', 'stock']);
export type StreamName = z.infer<typeof streamName>;

export const catalogProduct = z.object({
  code,
  name: z.string().max(200),
  unit: z.string().max(16),
  weightGrams: z.number().nonnegative().nullable(),
  family: z.string().max(64).default(''),
  lotTracked: z.boolean().default(false),
  homeLocation: code.nullable().default(null),
});
const toleranceRule = z.object({ absoluteGrams: z.number().nonnegative(), percent: z.number().nonnegative() });
export const catalogBoxType = z.object({ code, name: z.string().max(100), tareGrams: z.number().int().nonnegative(), maxGrams: z.number().int().positive(), tolerance: toleranceRule.nullable() });
export const catalogBarcode = z.object({ code, productCode: code, multiple: z.number().int().positive() });
export const catalogLocation = z.object({ code, zone: z.string().max(8), aisle: z.number().int(), bay: z.number().int(), level: z.number().int() });
export const catalogOperator = z.object({
  code,
  name: z.string().max(100),
  badge: code.nullable(),
  role: z.enum(['operator', 'supervisor']),
  /** scrypt hash of a supervisor's override PIN, so overrides work while the hub is unreachable. */
  pinHash: z.string().max(200).nullable().default(null),
});
export const workOrder = z.object({
  id: code,
  number: code,
  customer: z.string().max(200),
  status: z.enum(['open', 'picked', 'shipped', 'cancelled']),
  address: z.string().max(300).default(''),
  /** Higher goes first when a batch is chosen (cluster picking); 0 when the ERP says nothing. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  /** The cut-off: when the order must leave (ISO 8601); earlier goes first in a batch. Null when the ERP says nothing. */
  shipBy: z.iso.datetime({ offset: true }).nullable().default(null),
  /** The carrier the order ships with, when the ERP names one: a batch keeps to one carrier where it can. */
  carrier: z.string().max(64).nullable().default(null),
  lines: z
    .array(z.object({ lineId: code, productCode: code, locationCode: code, quantity: z.number().int().positive(), picked: z.number().int().nonnegative().default(0) }))
    .max(1000),
});
export type WorkOrder = z.infer<typeof workOrder>;

export const catalogPuts = z.object({
  products: z.array(catalogProduct).optional(),
  barcodes: z.array(catalogBarcode).optional(),
  locations: z.array(catalogLocation).optional(),
  operators: z.array(catalogOperator).optional(),
  boxTypes: z.array(catalogBoxType).optional(),
});
export const workReceipt = z.object({
  id: code,
  number: code,
  supplier: z.string().max(200),
  status: z.string().max(32),
  sscc: z.string().regex(/^\d{18}$/).nullable(),
  lines: z.array(z.object({ productCode: code, quantity: z.number().int().nonnegative() })).max(1000),
});
export type WorkReceipt = z.infer<typeof workReceipt>;
export const workCountTask = z.object({ id: code, scope: z.enum(['location', 'zone', 'product']), target: code, status: z.string().max(32) });
export const stockLevel = z.object({ productCode: code, locationCode: code, lot: z.string().max(20), expiry: z.string().nullable(), quantity: z.number().int() });
export type StockLevel = z.infer<typeof stockLevel>;
export const workPuts = z.object({ orders: z.array(workOrder).optional(), receipts: z.array(workReceipt).optional(), countTasks: z.array(workCountTask).optional() });
export const stockPuts = z.object({ stock: z.array(stockLevel).optional() });
export type CatalogPuts = z.infer<typeof catalogPuts>;
const keys = z.array(code).max(10_000).optional();
/** Catalog documents removed at the hub since the agent's cursor, by kind. */
export const catalogDels = z.object({ products: keys, barcodes: keys, locations: keys, operators: keys, boxTypes: keys });
export type CatalogDels = z.infer<typeof catalogDels>;
export type WorkPuts = z.infer<typeof workPuts>;
/** A patch carries the documents of its stream only; the agent ignores keys of other streams. */
const patchPuts = z.object({ ...catalogPuts.shape, ...workPuts.shape, ...stockPuts.shape });

export const agentToHub = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    agentId: code,
    siteId: code,
    token: z.string().min(1).max(512),
    /**
     * The agent store's identity, made with the store (a UUID): a wiped store, or one the agent
     * left for another history, comes with a new one, and its seqs count in a segment of their own.
     * An agent from before incarnations sends none: it is taken as the nil UUID.
     */
    incarnation: z.uuid().default(LEGACY_INCARNATION),
    cursors: z.object({ catalog: z.string().max(64).nullable(), work: z.string().max(64).nullable(), stock: z.string().max(64).nullable().default(null) }),
    /** Every event up to this seq has its outcome recorded at the agent: the hub sends the later ones. */
    settledThrough: z.number().int().nonnegative().default(0),
    /**
     * The site's IANA time zone (`Europe/Paris`, the agent's `site.timeZone`): the site's days,
     * shifts and hours in the hub's figures are read in it. Absent from an older agent.
     */
    timeZone: z.string().min(1).max(64).optional(),
  }),
  z.object({ type: z.literal('events'), events: z.array(upstreamEvent).min(1).max(500) }),
  /** Asks for a full snapshot of a stream: the periodic reconciliation (rows the snapshot lacks are swept). */
  z.object({ type: z.literal('resync'), stream: streamName }),
]);
export type AgentToHub = z.infer<typeof agentToHub>;


/**
 * `history-diverged`: the agent's events and the hub's disagree at a seq (a store restored from an
 * older backup): the agent takes a new incarnation and sends again what has no outcome.
 * `agent-in-use`: another store is linked under this agent id right now (docs/protocol.md).
 */
export const errorKind = z.enum(['unauthorized', 'bad-message', 'unsupported-protocol', 'seq-gap', 'internal', 'history-diverged', 'agent-in-use']);
export type SyncErrorKind = z.infer<typeof errorKind>;

export const hubToAgent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    serverTime: z.iso.datetime(),
    /** The protocol versions this hub accepts. */
    accepts: z.object({ min: z.number().int(), max: z.number().int() }),
    limits: z.object({ maxFrameBytes: z.number().int(), maxBatch: z.number().int() }),
    /** The last seq the hub has received from this agent's incarnation: the agent sends from the next one. */
    lastSeq: z.number().int().nonnegative(),
    /**
     * The id of the hub's event at `lastSeq` (null when it has none in this incarnation): an agent
     * whose own event at that seq has another id, or that has no such seq, has lost history.
     */
    lastId: z.string().max(64).nullable().default(null),
  }),
  z.object({
    type: z.literal('patch'),
    stream: streamName,
    /** True for the pages of a full snapshot (the agent had no cursor). */
    snapshot: z.boolean(),
    /** Set on the last page of a patch; the agent saves it in the same transaction as that page. */
    cursor: z.string().max(64).nullable(),
    puts: patchPuts,
    /** Catalog documents removed at the hub (incremental patches only). */
    dels: catalogDels.optional(),
    /** The same on every page of one full catalog snapshot; its last page sweeps what it did not carry. */
    snapshotId: z.string().max(64).optional(),
    /** Rows sent so far in this snapshot, of how many: shown while a large catalog loads. */
    progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
  }),
  /** Every event up to lastSeq is durably received by the hub (applied to the ERP later, in order). */
  z.object({ type: z.literal('ack'), lastSeq: z.number().int().nonnegative() }),
  /** What the ERP made of received events, in seq order with no gap: accepted, or rejected with a reason. */
  z.object({
    type: z.literal('outcomes'),
    results: z
      .array(z.object({ seq: z.number().int().positive(), status: z.enum(['accepted', 'rejected']), reason: z.string().max(500).optional() }))
      .min(1)
      .max(MAX_OUTCOMES),
  }),
  z.object({
    type: z.literal('error'),
    kind: errorKind,
    message: z.string().max(500),
    expectedSeq: z.number().int().optional(),
    /** The hub's hint: wait at least this long before connecting again. */
    retryAfterMs: z.number().int().nonnegative().max(3_600_000).optional(),
  }),
]);
export type HubToAgent = z.infer<typeof hubToAgent>;
export type PatchMessage = Extract<HubToAgent, { type: 'patch' }>;
export type OutcomesMessage = Extract<HubToAgent, { type: 'outcomes' }>;
export type EventOutcome = OutcomesMessage['results'][number];
