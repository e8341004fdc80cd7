import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { MAX_FRAME_BYTES } from '../protocol/common.js';
import type { CatalogDels, CatalogPuts, PatchMessage, WorkOrder } from '../protocol/sync.js';
import { streamVersion, type HubStream } from './store/hub-store.js';
import { linesOfOrders } from './store/documents-repo.js';
import { catalogRemovalsAfter, changedRows, rowCount } from './store/stream-rows-repo.js';

/** Rows per downstream page of work and stock (an order carries up to 1000 lines): keeps frames far below the frame limit. */
const PAGE = 1000;
/**
 * Rows per catalog page. Each page is one transaction (one fsync) at the agent: 5000 rows make a
 * 100k-product snapshot 50 commits instead of 250 (issue 17). A catalog row is at most ~500 bytes
 * of JSON (a product with every field at its longest), so a page stays under 2.5 MB, below the
 * 4 MiB frame limit.
 */
const CATALOG_PAGE = 5000;
/** A catalog page's documents, as JSON, above which the page goes in smaller frames (bytes): room is left for the envelope. */
const PAGE_BYTES = MAX_FRAME_BYTES / 2;

type Page = PatchMessage;

const catalogTables: { table: string; key: string; put: keyof CatalogPuts & keyof CatalogDels; map: (row: Record<string, unknown>) => unknown }[] = [
  {
    table: 'products',
    key: 'code',
    put: 'products',
    map: (r) => ({ code: r.code, name: r.name, unit: r.unit, weightGrams: r.weight_grams ?? null, family: r.family ?? '', lotTracked: Boolean(r.lot_tracked), homeLocation: r.home_location ?? null }),
  },
  { table: 'barcodes', key: 'code', put: 'barcodes', map: (r) => ({ code: r.code, productCode: r.product_code, multiple: r.multiple }) },
  { table: 'locations', key: 'code', put: 'locations', map: (r) => ({ code: r.code, zone: r.zone, aisle: r.aisle, bay: r.bay, level: r.level }) },
  { table: 'operators', key: 'code', put: 'operators', map: (r) => ({ code: r.code, name: r.name, badge: r.badge ?? null, role: r.role, pinHash: r.pin_hash ?? null }) },
  {
    table: 'box_types',
    key: 'code',
    put: 'boxTypes',
    map: (r) => ({ code: r.code, name: r.name, tareGrams: r.tare_grams, maxGrams: r.max_grams, tolerance: r.tolerance ? JSON.parse(String(r.tolerance)) : null }),
  },
];

/** Documents in runs whose JSON fits PAGE_BYTES (halved until they do; one document always goes alone). */
export function* fitting<T>(docs: T[]): Generator<T[]> {
  if (docs.length <= 1 || Buffer.byteLength(JSON.stringify(docs)) <= PAGE_BYTES) {
    yield docs;
    return;
  }
  const half = Math.ceil(docs.length / 2);
  yield* fitting(docs.slice(0, half));
  yield* fitting(docs.slice(half));
}

async function ordersWithLines(db: Knex, rows: Record<string, unknown>[]): Promise<WorkOrder[]> {
  const ids = rows.map((r) => String(r.id));
  const lines = await linesOfOrders(db, ids);
  return rows.map((r) => ({
    id: String(r.id),
    number: String(r.number),
    customer: String(r.customer),
    status: r.status as WorkOrder['status'],
    address: String(r.address ?? ''),
    priority: Number(r.priority ?? 0),
    shipBy: (r.ship_by as string | null) ?? null,
    carrier: (r.carrier as string | null) ?? null,
    lines: lines
      .filter((l) => l.order_id === r.id)
      .map((l) => ({ lineId: String(l.line_id), productCode: String(l.product_code), locationCode: String(l.location_code), quantity: Number(l.quantity), picked: Number(l.picked) })),
  }));
}

/**
 * The catalog after `since`. A full snapshot (since 0) carries an id and its progress on every
 * page, so the agent can sweep what it did not carry and show how far the load is. Otherwise
 * removals come first (a document removed then created again ends present), then the changes.
 */
async function* catalogPatches(db: Knex, since: number, version: number): AsyncGenerator<Page> {
  const snapshot = since === 0;
  const tag = snapshot ? { snapshotId: randomUUID() } : {};
  let total = 0;
  if (snapshot) {
    for (const { table } of catalogTables) total += await rowCount(db, table);
  } else {
    const removed = await catalogRemovalsAfter(db, since);
    for (let i = 0; i < removed.length; i += PAGE) {
      const dels: CatalogDels = {};
      for (const { kind, key } of removed.slice(i, i + PAGE)) (dels[kind] ??= []).push(key);
      yield { type: 'patch', stream: 'catalog', snapshot, cursor: null, puts: {}, dels };
    }
  }
  let done = 0;
  for (const { table, key, put, map } of catalogTables) {
    for await (const rows of changedRows(db, table, [key], since, CATALOG_PAGE)) {
      for (const docs of fitting(rows.map(map))) {
        done += docs.length;
        yield { type: 'patch', stream: 'catalog', snapshot, cursor: null, puts: { [put]: docs } as CatalogPuts, ...tag, ...(snapshot && { progress: { done, total: Math.max(total, done) } }) };
      }
    }
  }
  yield { type: 'patch', stream: 'catalog', snapshot, cursor: String(version), puts: {}, ...tag, ...(snapshot && { progress: { done, total: done } }) };
}

/**
 * Everything in a stream that changed after `cursor` (all of it for a null cursor), as patch
 * pages. Only the last page carries the new cursor, so an interrupted transfer starts again.
 */
export async function* streamPatches(db: Knex, stream: HubStream, cursor: string | null): AsyncGenerator<Page> {
  const since = cursor === null ? 0 : Number(cursor);
  const snapshot = cursor === null;
  const version = await streamVersion(db, stream);
  if (!snapshot && since === version) return;
  if (stream === 'catalog') {
    yield* catalogPatches(db, since, version);
    return;
  }
  if (stream === 'stock') {
    for await (const rows of changedRows(db, 'stock', ['product_code', 'location_code', 'lot'], since, PAGE)) {
      const stock = rows.map((r) => ({ productCode: String(r.product_code), locationCode: String(r.location_code), lot: String(r.lot), expiry: (r.expiry as string | null) ?? null, quantity: Number(r.quantity) }));
      yield { type: 'patch', stream: 'stock', snapshot, cursor: null, puts: { stock } };
    }
    yield { type: 'patch', stream: 'stock', snapshot, cursor: String(version), puts: {} };
    return;
  }
  for await (const rows of changedRows(db, 'orders', ['id'], since, PAGE)) {
    yield { type: 'patch', stream: 'work', snapshot, cursor: null, puts: { orders: await ordersWithLines(db, rows) } };
  }
  for await (const rows of changedRows(db, 'receipts', ['id'], since, PAGE)) {
    const receipts = rows.map((r) => ({ id: String(r.id), number: String(r.number), supplier: String(r.supplier), status: String(r.status), sscc: (r.sscc as string | null) ?? null, lines: (JSON.parse(String(r.lines)) as { productCode: string; quantity: number }[]).map(({ productCode, quantity }) => ({ productCode, quantity })) }));
    yield { type: 'patch', stream: 'work', snapshot, cursor: null, puts: { receipts } };
  }
  for await (const rows of changedRows(db, 'count_tasks', ['id'], since, PAGE)) {
    const countTasks = rows.map((r) => ({ id: String(r.id), scope: r.scope as 'location' | 'zone' | 'product', target: String(r.target), status: String(r.status) }));
    yield { type: 'patch', stream: 'work', snapshot, cursor: null, puts: { countTasks } };
  }
  yield { type: 'patch', stream: 'work', snapshot, cursor: String(version), puts: {} };
}
