import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TrytonFault } from './adapters/tryton/tryton-rpc.js';
import type { DecidedOutcome } from './inbox-applier.js';
import { agentProgress } from './store/agents-repo.js';

/** Seconds: Tryton's reads take tens of ms, a shipment's `done` can take seconds; the RPC times out at 30 s. */
const TRYTON_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The hub's Prometheus metrics, in a registry of its own (an agent and a hub in one process do not share one). */
export interface HubMetrics {
  registry: Registry;
  received(agentId: string, count: number): void;
  decided(agentId: string, counts: Record<DecidedOutcome, number>): void;
  trytonCall(method: string, seconds: number, fault: TrytonFault | null): void;
}

/**
 * Builds the hub's metrics (names in docs/operations.md, "Metrics"). `connectedAgents` and the
 * store are read at scrape time; the store's read is the `agents` table, one row per agent. The
 * Tryton series are served only when `tryton` (a hub on `--erp tryton`): the embedded ERP makes no call.
 */
export function createHubMetrics(sources: { db: Knex; connectedAgents: () => number; tryton: boolean }): HubMetrics {
  const registry = new Registry();
  const registers = [registry];
  // a metric given no registry is kept by no one: its series are never scraped
  const trytonRegisters = sources.tryton ? registers : [];
  const received = new Counter({ name: 'quai_hub_events_received_total', help: "Agents' events stored by the hub (new ones; an event sent again is not counted twice)", labelNames: ['agent'] as const, registers });
  const applied = new Counter({
    name: 'quai_hub_events_applied_total',
    help: 'Events applied to the ERP, by outcome: accepted (booked), rejected (refused by the ERP), duplicate (an id already booked: takes that outcome)',
    labelNames: ['agent', 'outcome'] as const,
    registers,
  });
  new Gauge({
    name: 'quai_hub_events_waiting',
    help: 'Events stored and not yet applied to the ERP, per agent',
    labelNames: ['agent'] as const,
    registers,
    async collect() {
      const rows = await agentProgress(sources.db);
      this.reset();
      for (const row of rows) this.set({ agent: row.agent_id }, Math.max(0, Number(row.last_seq) - Number(row.settled_seq)));
    },
  });
  new Gauge({
    name: 'quai_hub_agents_connected',
    help: 'Agents linked to this hub now',
    registers,
    collect() {
      this.set(sources.connectedAgents());
    },
  });
  const calls = new Histogram({ name: 'quai_hub_tryton_call_seconds', help: "Tryton JSON-RPC calls: each call's seconds, by method and result (ok or the fault)", labelNames: ['method', 'result'] as const, buckets: TRYTON_BUCKETS, registers: trytonRegisters });
  const faults = new Counter({
    name: 'quai_hub_tryton_faults_total',
    help: 'Tryton calls that failed, by fault: unavailable (network, HTTP 5xx, timeout), user (a business refusal), concurrency (record changed), rpc (any other refusal)',
    labelNames: ['fault'] as const,
    registers: trytonRegisters,
  });
  // every fault present from the start at 0: a rate over it needs no first fault to exist
  for (const fault of ['unavailable', 'user', 'concurrency', 'rpc'] as const satisfies readonly TrytonFault[]) faults.inc({ fault }, 0);
  return {
    registry,
    received: (agent, count) => received.inc({ agent }, count),
    decided(agent, counts) {
      for (const [outcome, count] of Object.entries(counts)) if (count > 0) applied.inc({ agent, outcome }, count);
    },
    trytonCall(method, seconds, fault) {
      calls.observe({ method, result: fault ?? 'ok' }, seconds);
      if (fault) faults.inc({ fault });
    },
  };
}
