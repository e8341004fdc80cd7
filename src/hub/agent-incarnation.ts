import type { Knex } from 'knex';
import { QuaiError } from '../runtime/quai-error.js';
import { agentColumns, setLinkLease, updateAgent, upsertAgentHello } from './store/agents-repo.js';
import { eventIdAt } from './store/events-repo.js';
import { recordIncarnation } from './store/incarnations-repo.js';

/**
 * How long a hub's word that an agent's current incarnation is linked holds unless renewed (ms): a
 * hub renews it every LINK_RENEW_MS for the links it has heard from within LINK_SILENT_MS. It is
 * what `quai hub inspect` and `quai hub monitor` read as the agent's link (online while it holds);
 * a hub that dies without closing its links leaves them online at most this long.
 */
export const LINK_LEASE_MS = 15_000;
/** How often a hub renews its links' leases and pings each link (ms): the agent's heartbeat (`hub.heartbeatMs`, 5 s) by default. */
export const LINK_RENEW_MS = 5_000;
/**
 * A link the hub has heard nothing from for this long (ms: no frame, no ping, no answer to the
 * hub's own pings every LINK_RENEW_MS) is closed by the hub and its lease released: two missed
 * heartbeats, so an agent cut off without a word shows offline within it (plus the 1 s check).
 */
export const LINK_SILENT_MS = 10_000;
const leaseEnd = (now: Date) => new Date(now.getTime() + LINK_LEASE_MS).toISOString();

/**
 * Where an agent incarnation's events sit in the hub's numbering of that agent: the hub's seq of
 * agent seq `s` is `base + s`, for `s >= firstSeq`. One gap-free hub sequence per agent runs
 * across all its incarnations, so the inbox applier and the outcomes never see two events at a seq.
 */
export interface AgentSegment {
  incarnation: string;
  base: number;
  firstSeq: number;
}

export interface SegmentStart {
  segment: AgentSegment;
  /** The last seq the hub holds from this incarnation, in the agent's numbering (welcome.lastSeq). */
  lastSeq: number;
  /** The id the agent gave the event at `lastSeq`, when the hub holds it (welcome.lastId). */
  lastId: string | null;
  /** The hub's seq through which the agent has its outcomes (from hello.settledThrough). */
  outcomesThrough: number;
  /** `continued`: the incarnation the hub knew; `adopted`: the agent's first; `new`: another store. */
  started: 'continued' | 'adopted' | 'new';
  /** The incarnation it replaced, for `new`. */
  previous: string | null;
}

/**
 * Takes an agent's hello: the incarnation the hub knew goes on where it was; the first one an
 * agent presents continues from seq 1 (agents from before incarnations included); any other
 * (a wiped store, a restored backup the agent has renamed, a store moved to this agent id)
 * starts a segment after everything the hub holds from this agent, its first seq being the one
 * after what the agent says is settled. Its events are then matched by id (receiveBatch), so
 * what the hub already has is never applied twice and the rest is never taken for a duplicate.
 * Recorded in `agent_incarnations` for `quai hub inspect`. Runs in one transaction that writes
 * the agent's row first (locked on PostgreSQL: two hubs take turns).
 * Throws AGENT_IN_USE when another incarnation of the agent is linked right now, to this hub or to
 * another on the same database (its lease, see LINK_LEASE_MS): two stores never take turns.
 */
export async function startSegment(db: Knex, hello: { agentId: string; siteId: string; incarnation: string; settledThrough: number; timeZone?: string | undefined }, now: Date): Promise<SegmentStart> {
  const { agentId, incarnation, settledThrough } = hello;
  return db.transaction(async (trx) => {
    const at = now.toISOString();
    // the site's time zone as the agent says it now; an older agent that says none leaves the one known
    await upsertAgentHello(trx, agentId, hello.siteId, at, hello.timeZone);
    const row = (await agentColumns(trx, agentId, ['last_seq', 'incarnation', 'seq_base', 'first_seq', 'linked_until']))!;
    if (row.incarnation !== null && row.incarnation !== incarnation && row.linked_until !== null && Date.parse(row.linked_until) > now.getTime()) {
      throw new QuaiError('AGENT_IN_USE', `agent ${agentId} is linked from another store right now; one link per agent id`);
    }
    const hubLast = Number(row.last_seq);
    let segment: AgentSegment = { incarnation, base: Number(row.seq_base), firstSeq: Number(row.first_seq) };
    let started: SegmentStart['started'] = 'continued';
    if (row.incarnation !== incarnation) {
      started = row.incarnation === null ? 'adopted' : 'new';
      segment = started === 'adopted' ? { incarnation, base: 0, firstSeq: 1 } : { incarnation, base: hubLast - settledThrough, firstSeq: settledThrough + 1 };
      await updateAgent(trx, agentId, { incarnation, seq_base: segment.base, first_seq: segment.firstSeq });
      await recordIncarnation(trx, { agent_id: agentId, incarnation, seq_base: segment.base, first_seq: segment.firstSeq, started_at: at, previous: row.incarnation });
    }
    await updateAgent(trx, agentId, { linked_until: leaseEnd(now) });
    const held = hubLast - segment.base >= segment.firstSeq;
    return {
      segment,
      lastSeq: held ? hubLast - segment.base : segment.firstSeq - 1,
      lastId: held ? ((await eventIdAt(trx, agentId, hubLast)) ?? null) : null,
      // an agent ahead of this hub (the hub restored from a backup) sends again; its outcomes come anew
      outcomesThrough: Math.min(segment.base + settledThrough, hubLast),
      started,
      previous: row.incarnation,
    };
  });
}

/** Renews the leases of the links a hub holds (agent and incarnation), in one statement each. */
export async function renewLinkLeases(db: Knex, links: { agentId: string; incarnation: string }[], now: Date): Promise<void> {
  for (const link of links) await setLinkLease(db, link, leaseEnd(now));
}

/** A link of the agent's current incarnation ended: another store of the agent may link at once. */
export async function releaseLinkLease(db: Knex, link: { agentId: string; incarnation: string }): Promise<void> {
  await setLinkLease(db, link, null);
}
