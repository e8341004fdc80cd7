import type { Knex } from 'knex';
import { countCauses, type CountCause } from './bin-counts.js';
import { agentLinks, type AgentLink } from './store/agent-links-repo.js';
import { toteBindings, type ToteBinding } from './tote-records.js';
import { allAgents } from './store/agents-repo.js';
import { allCountTasks, allOrderLines, allOrders, allReceipts } from './store/documents-repo.js';
import { erpStatus, movedStock } from './store/erp-state-repo.js';
import { allParcels, floorRecords } from './store/floor-records-repo.js';
import { eventCounts, rejectedEvents } from './store/events-repo.js';
import { allIncarnations } from './store/incarnations-repo.js';
import { failedWeightChecks, type FailedWeightCheck } from './weight-check-records.js';

export interface HubInspection {
  orders: {
    id: string;
    number: string;
    customer: string;
    status: string;
    /** What a batch is chosen by: priority (higher first), cut-off (ISO 8601) and carrier, as the ERP gave them. */
    priority: number;
    shipBy: string | null;
    carrier: string | null;
    pickedAt: string | null;
    shippedAt: string | null;
    /** The tote the order is in (cluster picking), from its `tote.assigned` until its `tote.released`; null when in none. */
    tote: string | null;
    /** Every tote the order was bound to, oldest first, the one it is in included. */
    totes: ToteBinding[];
    /**
     * `weightSource`: `manual` when the packer typed the weight (no scale at the station, or it was
     * offline), else `scale`; `weightApproval`: the supervisor who let it be typed, the scale offline;
     * `expectedGrams` ± `toleranceGrams`: what the agent expected the parcel to weigh.
     */
    parcels: { parcelNo: number; sscc: string; box: string; weight: string; expectedGrams: number; toleranceGrams: number; weightSource: 'scale' | 'manual'; weightApproval: { supervisor: string; reason: string; note: string | null } | null; carrier: string; tracking: string }[];
    overrides: { parcelNo: number; supervisor: string; reason: string; note: string | null; at: string }[];
    /** Weight checks that failed at the pack station, oldest first: one per weighing the packer made (`weight.check.failed`). */
    failedWeightChecks: FailedWeightCheck[];
    /** Lots a supervisor let be picked although the agent did not know them in the line's bin; `known`: the bin's lots then. */
    lotOverrides: { lineId: string; productCode: string; location: string; lot: string; known: string[]; supervisor: string; reason: string; note: string | null; station: string; at: string }[];
    lines: { lineId: string; productCode: string; locationCode: string; quantity: number; picked: number; short: number; shortReason: string | null; status: string; lots: unknown }[];
  }[];
  receipts: { id: string; number: string; supplier: string; status: string; lines: { productCode: string; quantity: number; received: number; damaged: number }[] }[];
  receiptDiscrepancies: { receipt: string; kind: string; productCode: string; quantity: number; expected: number; reason: string | null; lot: string | null; expiry: string | null }[];
  /** Supervisors' approvals of put-aways: units beyond the over-receipt tolerance (`over-receipt`), a bin other than the one suggested (`putaway`). */
  receiptApprovals: { receipt: string; kind: string; productCode: string; quantity: number; location: string; suggested: string | null; supervisor: string; reason: string; note: string | null; station: string; operator: string | null; at: string }[];
  /** `causes`: the short picks that raised the task (a bin found empty or without its product), oldest first; empty for a task planned at the ERP. */
  countTasks: { id: string; scope: string; target: string; status: string; result: unknown[]; causes: CountCause[] }[];
  /** Stock of every bin that moved (picks, receipts, counts), per lot. */
  movedStock: { productCode: string; location: string; lot: string; expiry: string | null; quantity: number }[];
  purchaseRequests: { productCode: string; quantity: number; lastPriceCents: number | null; note: string; requestedBy: string | null; status: string }[];
  /**
   * `lastSeq` counts the agent's events at the hub across its stores (one gap-free sequence);
   * `incarnation` is its current store and `incarnationSeq` that store's own last seq. Each store
   * after the first (wiped, restored from an older backup) is in `incarnations`, with the hub seq
   * it began at. `duplicates`: events sent again under an id the hub had, booked once.
   */
  agents: {
    agentId: string;
    siteId: string;
    lastSeq: number;
    lastSeenAt: string | null;
    accepted: number;
    rejected: number;
    duplicates: number;
    incarnation: string | null;
    incarnationSeq: number;
    incarnations: { incarnation: string; previous: string | null; firstSeq: number; hubSeqFrom: number; startedAt: string }[];
    /** Applied events the retention job deleted (not in `accepted` nor `duplicates` any more). */
    prunedEvents: number;
    /**
     * The latest `at` of an event pruned (ISO), null before any: an event a restored store sends
     * that the hub does not know, dated at or before it, is rejected (PRUNED_HORIZON).
     */
    prunedThroughAt: string | null;
    /** The site's IANA time zone from the agent's last hello (`site.timeZone`); null until an agent says it. */
    timeZone: string | null;
    /** `online` while a hub holds the agent linked (its lease runs), else `offline`: see AgentLink. */
    link: AgentLink['link'];
    /** The last event received: its `at`, type and hub seq; null before any. */
    lastEvent: AgentLink['lastEvent'];
    /** Events received and not applied yet. */
    backlog: number;
  }[];
  rejectedEvents: { agentId: string; seq: number; type: string; reason: string | null }[];
  dataProblems: { productCode: string; problem: string; reportedBy: string; at: string }[];
  /** Scans taken back at a station before their line was confirmed (kept here; nothing was booked). */
  scanUndos: { workflow: string; document: string | null; productCode: string; location: string | null; lot: string | null; quantity: number; station: string; operator: string | null; at: string }[];
  /** The ERP behind the hub when it is a remote one (Tryton): its last pull and last error. */
  erp: { name: string; lastPullAt: string | null; lastError: string | null; lastErrorAt: string | null } | null;
}

/** The hub's documents with their states and what each agent's events did, links read at `now`: for people and scripts. */
export async function inspectHub(db: Knex, now = new Date()): Promise<HubInspection> {
  const orders = await allOrders(db);
  const lines = await allOrderLines(db);
  const counts = await eventCounts(db);
  const agents = await allAgents(db);
  const incarnations = await allIncarnations(db);
  const parcels = await allParcels(db);
  const overrides = await floorRecords(db, 'weight_overrides');
  const lotOverrides = await floorRecords(db, 'lot_overrides');
  const erp = await erpStatus(db);
  const causes = await countCauses(db);
  const totes = await toteBindings(db);
  const weightFailures = await failedWeightChecks(db);
  const links = new Map((await agentLinks(db, now)).map((l) => [l.agentId, l]));
  return {
    erp: erp ? { name: erp.erp, lastPullAt: erp.last_pull_at ?? null, lastError: erp.last_error ?? null, lastErrorAt: erp.last_error_at ?? null } : null,
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      customer: o.customer,
      status: o.status,
      priority: Number(o.priority ?? 0),
      shipBy: o.ship_by ?? null,
      carrier: o.carrier ?? null,
      pickedAt: o.picked_at ?? null,
      shippedAt: o.shipped_at ?? null,
      tote: totes.get(o.id)?.find((t) => t.releasedAt === null)?.tote ?? null,
      totes: totes.get(o.id) ?? [],
      parcels: parcels
        .filter((p) => p.order_id === o.id)
        .map((p) => {
          const weight = JSON.parse(p.weight) as { value: string; unit: string };
          return { parcelNo: p.parcel_no, sscc: p.sscc, box: p.box, weight: `${weight.value} ${weight.unit}`, expectedGrams: Number(p.expected), toleranceGrams: Number(p.tolerance), weightSource: p.weight_source, weightApproval: p.weight_approval ? JSON.parse(p.weight_approval) : null, carrier: p.carrier, tracking: p.tracking };
        }),
      overrides: overrides.filter((w) => w.order_id === o.id).map((w) => ({ parcelNo: w.parcel_no, supervisor: w.supervisor, reason: w.reason, note: (JSON.parse(w.detail) as { note?: string | null }).note ?? null, at: w.at })),
      failedWeightChecks: weightFailures.get(o.id) ?? [],
      lotOverrides: lotOverrides
        .filter((l) => l.order_id === o.id)
        .map((l) => ({ lineId: l.line_id, productCode: l.product_code, location: l.location, lot: l.lot, known: JSON.parse(l.known) as string[], supervisor: l.supervisor, reason: l.reason, note: l.note ?? null, station: l.station, at: l.at })),
      lines: lines
        .filter((l) => l.order_id === o.id)
        .map((l) => ({
          lineId: l.line_id,
          productCode: l.product_code,
          locationCode: l.location_code,
          quantity: l.quantity,
          picked: l.picked,
          short: l.short,
          shortReason: l.short_reason ?? null,
          status: l.status,
          lots: l.lots ? JSON.parse(l.lots) : [],
        })),
    })),
    receipts: (await allReceipts(db)).map((r) => ({
      id: r.id,
      number: r.number,
      supplier: r.supplier,
      status: r.status,
      lines: (JSON.parse(r.lines) as { productCode: string; quantity: number; received?: number; damaged?: number }[]).map((l) => ({ productCode: l.productCode, quantity: l.quantity, received: l.received ?? 0, damaged: l.damaged ?? 0 })),
    })),
    receiptDiscrepancies: (await floorRecords(db, 'receipt_discrepancies')).map((d) => ({ receipt: d.receipt, kind: d.kind, productCode: d.product_code, quantity: d.quantity, expected: d.expected, reason: d.reason, lot: d.lot, expiry: d.expiry })),
    receiptApprovals: (await floorRecords(db, 'receipt_approvals')).map((a) => ({
      receipt: a.receipt,
      kind: a.kind,
      productCode: a.product_code,
      quantity: Number(a.quantity),
      location: a.location,
      suggested: a.suggested ?? null,
      supervisor: a.supervisor,
      reason: a.reason,
      note: a.note ?? null,
      station: a.station,
      operator: a.operator ?? null,
      at: a.at,
    })),
    countTasks: (await allCountTasks(db)).map((c) => ({ id: c.id, scope: c.scope, target: c.target, status: c.status, result: c.result ? (JSON.parse(c.result) as unknown[]) : [], causes: causes.get(c.id) ?? [] })),
    movedStock: (await movedStock(db)).map((s) => ({ productCode: s.product_code, location: s.location_code, lot: s.lot, expiry: s.expiry ?? null, quantity: Number(s.quantity) })),
    purchaseRequests: (await floorRecords(db, 'purchase_requests')).map((p) => ({ productCode: p.product_code, quantity: p.quantity, lastPriceCents: p.last_price_cents ?? null, note: p.note, requestedBy: p.requested_by ?? null, status: p.status })),
    agents: agents.map((a) => ({
      agentId: a.agent_id,
      siteId: a.site_id,
      lastSeq: Number(a.last_seq),
      lastSeenAt: a.last_seen_at ?? null,
      accepted: Number(counts.find((c) => c.agent_id === a.agent_id && c.status === 'accepted')?.n ?? 0),
      rejected: Number(counts.find((c) => c.agent_id === a.agent_id && c.status === 'rejected')?.n ?? 0),
      duplicates: Number(counts.find((c) => c.agent_id === a.agent_id && c.status === 'duplicate')?.n ?? 0),
      incarnation: a.incarnation ?? null,
      incarnationSeq: Number(a.last_seq) - Number(a.seq_base),
      incarnations: incarnations
        .filter((i) => i.agent_id === a.agent_id)
        .map((i) => ({ incarnation: i.incarnation, previous: i.previous ?? null, firstSeq: Number(i.first_seq), hubSeqFrom: Number(i.seq_base) + Number(i.first_seq), startedAt: i.started_at })),
      prunedEvents: Number(a.pruned_events ?? 0),
      prunedThroughAt: a.pruned_through_at ?? null,
      timeZone: a.time_zone ?? null,
      link: links.get(a.agent_id)?.link ?? 'offline',
      lastEvent: links.get(a.agent_id)?.lastEvent ?? null,
      backlog: links.get(a.agent_id)?.backlog ?? 0,
    })),
    dataProblems: (await floorRecords(db, 'data_problems')).map((d) => ({ productCode: d.product_code, problem: d.problem, reportedBy: d.reported_by, at: d.at })),
    scanUndos: (await floorRecords(db, 'scan_undos')).map((u) => ({
      workflow: u.workflow,
      document: u.document ?? null,
      productCode: u.product_code,
      location: u.location ?? null,
      lot: u.lot ?? null,
      quantity: Number(u.quantity),
      station: u.station,
      operator: u.operator ?? null,
      at: u.at,
    })),
    rejectedEvents: (await rejectedEvents(db)).map((e) => ({ agentId: e.agent_id, seq: Number(e.seq), type: e.type, reason: e.reason })),
  };
}

/** The lots a line was picked in, as ` lots L1×2, L2×1`; nothing for a line without named lots. */
function lotsText(lots: unknown): string {
  const named = (Array.isArray(lots) ? (lots as { lot: string | null; quantity: number }[]) : []).filter((l) => l.lot !== null);
  return named.length ? ` lots ${named.map((l) => `${l.lot}×${l.quantity}`).join(', ')}` : '';
}

/** A plain-text rendering of the inspection, one document per line. */
export function formatInspection(report: HubInspection): string {
  const out: string[] = [];
  if (report.erp) {
    const { name, lastPullAt, lastError, lastErrorAt } = report.erp;
    out.push(`ERP ${name}: last pull ${lastPullAt ?? 'never'}${lastError ? `; failing, last at ${lastErrorAt}: ${lastError}` : ''}`);
  }
  out.push('ORDERS');
  for (const o of report.orders) {
    const settled = o.lines.filter((l) => l.status !== 'open').length;
    out.push(`  ${o.number.padEnd(9)} ${o.status.padEnd(8)} ${String(settled).padStart(2)}/${o.lines.length} lines  ${o.customer}${o.tote ? `  in tote ${o.tote}` : ''}`);
    if (o.status !== 'open') {
      for (const l of o.lines) out.push(`      ${l.lineId} ${l.productCode} ${l.picked}/${l.quantity} ${l.status}${l.shortReason ? ` (${l.shortReason})` : ''}${lotsText(l.lots)}`);
    }
    for (const p of o.parcels) out.push(`      parcel ${p.parcelNo} ${p.box} ${p.weight}${p.weightSource === 'manual' ? ` (typed${p.weightApproval ? `, approved by ${p.weightApproval.supervisor}` : ''})` : ''} ${p.carrier} ${p.tracking} SSCC ${p.sscc}`);
    for (const f of o.failedWeightChecks) out.push(`      weight check failed, parcel ${f.parcelNo} ${f.box} ${f.measured}${f.weightSource === 'manual' ? ' (typed)' : ''}: ${f.reason}, ${f.differenceGrams > 0 ? '+' : ''}${f.differenceGrams} g of ${f.expectedGrams} ± ${f.toleranceGrams} g${f.missingWeights.length ? ` (no weight: ${f.missingWeights.join(', ')})` : ''} (${f.station}${f.operator ? `, ${f.operator}` : ''})`);
    for (const w of o.overrides) out.push(`      weight override, parcel ${w.parcelNo}, by ${w.supervisor}: ${w.reason}${w.note ? ` (${w.note})` : ''}`);
    for (const t of o.totes) out.push(`      tote ${t.tote} on ${t.cart} position ${t.position} from ${t.assignedAt} (${t.station}${t.operator ? `, ${t.operator}` : ''})${t.releasedAt ? `, free ${t.releasedAt}: ${t.releaseReason}${t.releasedBy ? ` by ${t.releasedBy}` : ''}` : ''}`);
    for (const l of o.lotOverrides) out.push(`      lot override, line ${l.lineId} ${l.productCode} lot ${l.lot} in ${l.location} (known: ${l.known.join(', ') || '-'}), by ${l.supervisor}: ${l.reason}`);
  }
  out.push('RECEIPTS');
  // each receipt's discrepancies and approvals under it; a blind receipt's (no document) after them all
  const discrepancy = (d: HubInspection['receiptDiscrepancies'][number]) => `      ${d.receipt} ${d.kind} ${d.productCode} ${d.quantity}${d.reason ? ` (${d.reason})` : ''}`;
  const approval = (a: HubInspection['receiptApprovals'][number]) => `      ${a.receipt} ${a.kind} approved by ${a.supervisor}: ${a.productCode} ${a.quantity} in ${a.location}${a.suggested && a.suggested !== a.location ? ` (suggested ${a.suggested})` : ''}, ${a.reason}${a.note ? ` "${a.note}"` : ''}`;
  const known = new Set(report.receipts.map((r) => r.number));
  for (const r of report.receipts) {
    out.push(`  ${r.number.padEnd(9)} ${r.status.padEnd(8)} ${r.supplier}`);
    out.push(...report.receiptDiscrepancies.filter((d) => d.receipt === r.number).map(discrepancy), ...report.receiptApprovals.filter((a) => a.receipt === r.number).map(approval));
  }
  out.push(...report.receiptDiscrepancies.filter((d) => !known.has(d.receipt)).map(discrepancy), ...report.receiptApprovals.filter((a) => !known.has(a.receipt)).map(approval));
  out.push('COUNT TASKS');
  for (const c of report.countTasks) {
    out.push(`  ${c.id.padEnd(9)} ${c.status.padEnd(8)} ${c.scope} ${c.target}`);
    for (const why of c.causes) out.push(`      raised by a short pick (${why.reason}) of ${why.productCode} at ${why.location}, order ${why.orderId} line ${why.lineId} (${why.station}${why.operator ? `, ${why.operator}` : ''})`);
  }
  if (report.purchaseRequests.length) {
    out.push('PURCHASE REQUESTS');
    for (const p of report.purchaseRequests) out.push(`  ${p.productCode} × ${p.quantity}  last price ${p.lastPriceCents === null ? '-' : (p.lastPriceCents / 100).toFixed(2)}  by ${p.requestedBy ?? '-'}`);
  }
  out.push('AGENTS');
  for (const a of report.agents) {
    out.push(`  ${a.agentId} (${a.siteId}${a.timeZone ? `, ${a.timeZone}` : ''})  ${a.link === 'online' ? '● online' : '○ offline'}  last seq ${a.lastSeq}  backlog ${a.backlog}  accepted ${a.accepted}  rejected ${a.rejected}${a.duplicates ? `  duplicates ${a.duplicates}` : ''}  seen ${a.lastSeenAt ?? '-'}${a.lastEvent ? `  last event ${a.lastEvent.type} at ${a.lastEvent.at}` : ''}`);
    for (const i of a.incarnations) out.push(`      store ${i.incarnation} from ${i.startedAt}${i.previous ? ` (replaced ${i.previous})` : ''}: its seq ${i.firstSeq} is hub seq ${i.hubSeqFrom}`);
    if (a.prunedThroughAt) out.push(`      pruned ${a.prunedEvents} applied events dated up to ${a.prunedThroughAt} (retention)`);
  }
  if (report.dataProblems.length) {
    out.push('DATA PROBLEMS');
    for (const d of report.dataProblems) out.push(`  ${d.productCode} ${d.problem} (reported by ${d.reportedBy})`);
  }
  if (report.scanUndos.length) {
    out.push('SCANS UNDONE');
    for (const u of report.scanUndos) out.push(`  ${u.workflow.padEnd(7)} ${u.document ?? 'ad hoc'} ${u.productCode} -${u.quantity}${u.location ? ` at ${u.location}` : ''}${u.lot ? ` lot ${u.lot}` : ''} (${u.station}${u.operator ? `, ${u.operator}` : ''})`);
  }
  if (report.rejectedEvents.length) {
    out.push('REJECTED EVENTS');
    for (const e of report.rejectedEvents) out.push(`  ${e.agentId} #${e.seq} ${e.type}: ${e.reason ?? ''}`);
  }
  return out.join('\n');
}
