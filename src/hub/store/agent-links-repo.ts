import type { Knex } from 'knex';
import { erpStatus } from './erp-state-repo.js';

/**
 * An agent as the hub's store sees its link and its inbox, for every process that reads the store
 * (`quai hub inspect`, `quai hub monitor`, another hub on the same PostgreSQL database).
 */
export interface AgentLink {
  agentId: string;
  siteId: string;
  /**
   * `online` while a hub holds the agent's current store linked: its lease (`agents.linked_until`,
   * renewed every 5 s, 15 s long) runs past `now`. A link closed (the agent stopped or killed) is
   * released at once; a link silent for 10 s is closed by its hub.
   */
  link: 'online' | 'offline';
  /** Until when the lease holds (ISO), null once released. */
  linkedUntil: string | null;
  /** The agent's last hello or batch received (ISO), null before any. */
  lastSeenAt: string | null;
  /** The last event received from the agent: its `at` (agent time, ISO), type and hub seq; null before any. */
  lastEvent: { at: string; type: string; seq: number } | null;
  /** Events received and not applied yet (`last_seq - settled_seq`). */
  backlog: number;
  /** Events the ERP refused (kept rejected at the hub). */
  rejected: number;
  /** The site's IANA time zone from the agent's last hello; null until one says it. */
  timeZone: string | null;
}

/**
 * The ERP behind the hub: `tryton` with its last pull and last error (`down` while the last
 * attempt failed); `embedded` (no remote ERP recorded: the reference ERP in the hub's own store,
 * always `up`).
 */
export interface ErpLink {
  name: string;
  state: 'up' | 'down';
  lastPullAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** Every agent known to the hub (enrolled agents that never said hello are not), by site then agent id, its link read at `now`. */
export async function agentLinks(db: Knex, now: Date): Promise<AgentLink[]> {
  const rows: { agent_id: string; site_id: string; linked_until: string | null; last_seen_at: string | null; last_seq: number; settled_seq: number; time_zone: string | null; at: string | null; type: string | null }[] = await db('agents')
    .leftJoin('events', (join) => join.on('events.agent_id', '=', 'agents.agent_id').andOn('events.seq', '=', 'agents.last_seq'))
    .orderBy(['agents.site_id', 'agents.agent_id'])
    .select('agents.agent_id', 'agents.site_id', 'agents.linked_until', 'agents.last_seen_at', 'agents.last_seq', 'agents.settled_seq', 'agents.time_zone', 'events.at', 'events.type');
  const rejected: { agent_id: string; n: number }[] = await db('events').where({ status: 'rejected' }).groupBy('agent_id').select('agent_id').count({ n: '*' });
  return rows.map((r) => ({
    agentId: r.agent_id,
    siteId: r.site_id,
    link: r.linked_until !== null && Date.parse(r.linked_until) > now.getTime() ? 'online' : 'offline',
    linkedUntil: r.linked_until,
    lastSeenAt: r.last_seen_at,
    lastEvent: r.at !== null && r.type !== null ? { at: r.at, type: r.type, seq: Number(r.last_seq) } : null,
    backlog: Math.max(0, Number(r.last_seq) - Number(r.settled_seq)),
    rejected: Number(rejected.find((c) => c.agent_id === r.agent_id)?.n ?? 0),
    timeZone: r.time_zone,
  }));
}

/** The ERP link as the store holds it (see ErpLink). */
export async function erpLink(db: Knex): Promise<ErpLink> {
  const row = await erpStatus(db);
  if (!row) return { name: 'embedded', state: 'up', lastPullAt: null, lastError: null, lastErrorAt: null };
  return { name: row.erp, state: row.last_error ? 'down' : 'up', lastPullAt: row.last_pull_at ?? null, lastError: row.last_error ?? null, lastErrorAt: row.last_error_at ?? null };
}
